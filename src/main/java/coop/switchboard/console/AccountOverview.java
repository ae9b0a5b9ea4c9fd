package coop.switchboard.console;

import coop.switchboard.agreements.AgreementView;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberView;
import coop.switchboard.metering.InstalledMeterView;
import coop.switchboard.premises.PremiseView;

import java.util.List;

/** Everything the account screen shows, gathered from the modules that own it. */
record AccountOverview(AccountView account, MemberView member, List<AccountView> otherAccounts,
                       List<ServiceLocation> locations, List<String> alerts) {

    /** A premise with the agreements this account holds there, its meters, and who else was served there. */
    record ServiceLocation(PremiseView premise, List<AgreementView> agreements, List<InstalledMeterView> meters,
                           List<Occupant> history, MemberView landlord, List<UsageGlance> usage) {
    }

    /**
     * A service point's last 13 months at a glance: a sparkline, the twelve-month total, and the latest month beside
     * the same month a year before (the first and last of the 13).
     */
    record UsageGlance(String label, String meterNumber, BarChart chart, String unit, String lastTwelveMonths, String latestMonth,
                       String latest, String yearBeforeMonth, String yearBefore) {
    }

    /** Someone served at the premise: an account, its holder, and the span of their service. */
    record Occupant(long accountId, String accountNumber, String name, String status, java.time.LocalDate from,
                    java.time.LocalDate to) {
    }
}

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
                           List<Occupant> history, MemberView landlord) {
    }

    /** Someone served at the premise: an account, its holder, and the span of their service. */
    record Occupant(long accountId, String accountNumber, String name, String status, java.time.LocalDate from,
                    java.time.LocalDate to) {
    }
}

package coop.switchboard.console;

import coop.switchboard.agreements.AgreementService;
import coop.switchboard.agreements.AgreementView;
import coop.switchboard.console.AccountOverview.Occupant;
import coop.switchboard.console.AccountOverview.ServiceLocation;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.members.MemberView;
import coop.switchboard.metering.InstalledMeterView;
import coop.switchboard.metering.MeterService;
import coop.switchboard.metering.UsageHistory;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.premises.PremiseView;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Assembles the account screen with a handful of set-based queries, whatever the number of premises. */
@Component
class AccountOverviews {
    private final MemberService members;
    private final PremiseService premises;
    private final MeterService meters;
    private final AgreementService agreements;
    private final UsageHistory usage;
    private final Clock clock;

    AccountOverviews(MemberService members, PremiseService premises, MeterService meters, AgreementService agreements,
                     UsageHistory usage, Clock clock) {
        this.members = members;
        this.premises = premises;
        this.meters = meters;
        this.agreements = agreements;
        this.usage = usage;
        this.clock = clock;
    }

    AccountOverview load(long accountId) {
        AccountView account = members.account(accountId);
        MemberView member = members.member(account.memberId());
        List<AccountView> others = members.accountsOf(member.id()).stream().filter(a -> a.id() != accountId).toList();

        List<AgreementView> own = agreements.forAccount(accountId);
        List<Long> pointIds = own.stream().map(AgreementView::servicePointId).distinct().toList();
        List<PremiseView> places = premises.premisesOfServicePoints(pointIds);
        List<Long> allPointIds = places.stream().flatMap(p -> p.servicePoints().stream()).map(PremiseView.ServicePointView::id).toList();
        List<InstalledMeterView> installed = meters.installations(allPointIds);
        List<AgreementView> atPoints = agreements.atServicePoints(allPointIds);

        Map<Long, AccountView> historyAccounts = members.accounts(atPoints.stream().map(AgreementView::accountId).distinct().toList())
                .stream().collect(Collectors.toMap(AccountView::id, Function.identity()));
        Map<Long, MemberView> people = new HashMap<>();
        Function<Long, MemberView> person = id -> people.computeIfAbsent(id, members::member);

        YearMonth thisMonth = YearMonth.now(clock);
        Map<Long, List<UsageHistory.MonthUsage>> months = usage.byServicePoint(pointIds, thisMonth.minusMonths(12), thisMonth);

        List<ServiceLocation> locations = new ArrayList<>();
        for (PremiseView premise : places) {
            List<Long> points = premise.servicePoints().stream().map(PremiseView.ServicePointView::id).toList();
            List<AgreementView> mine = own.stream().filter(a -> points.contains(a.servicePointId())).toList();
            List<InstalledMeterView> premiseMeters = installed.stream().filter(m -> points.contains(m.servicePointId())).toList();
            List<Occupant> history = occupants(atPoints.stream().filter(a -> points.contains(a.servicePointId())).toList(),
                    historyAccounts, person);
            MemberView landlord = premise.ownerMemberId() == null ? null : person.apply(premise.ownerMemberId());
            List<AccountOverview.UsageGlance> glances = new ArrayList<>();
            for (PremiseView.ServicePointView sp : premise.servicePoints()) {
                List<UsageHistory.MonthUsage> spMonths = months.get(sp.id());
                if (spMonths != null && mine.stream().anyMatch(a -> a.servicePointId() == sp.id())) {
                    String meter = premiseMeters.stream().filter(m -> m.servicePointId() == sp.id() && m.current())
                            .map(InstalledMeterView::meterNumber).findFirst().orElse(null);
                    glances.add(glance(sp.label(), meter, spMonths));
                }
            }
            locations.add(new ServiceLocation(premise, mine, premiseMeters, history, landlord, glances));
        }
        return new AccountOverview(account, member, others, locations, alerts(account, member, own));
    }

    /** The 13 months as a sparkline with the figures a CSR reads out: the year's total, and this month against last year's. */
    static AccountOverview.UsageGlance glance(String label, String meterNumber, List<UsageHistory.MonthUsage> months) {
        String unit = months.getFirst().register() == null ? "kWh" : months.getFirst().register().unit();
        List<BarChart.Category> categories = months.stream()
                .map(m -> new BarChart.Category("", m.month().getMonth().getDisplayName(TextStyle.SHORT, Locale.US) + " " + m.month().getYear(),
                        java.util.Arrays.asList(m.usage()), m.estimated()))
                .toList();
        BigDecimal twelve = months.subList(1, months.size()).stream().map(UsageHistory.MonthUsage::usage).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        UsageHistory.MonthUsage latest = null;
        for (int i = months.size() - 1; i >= 1 && latest == null; i--) {
            if (months.get(i).hasUsage()) {
                latest = months.get(i);
            }
        }
        YearMonth yearBefore = latest == null ? null : latest.month().minusYears(1);
        UsageHistory.MonthUsage before = months.stream().filter(m -> m.month().equals(yearBefore)).findFirst().orElse(null);
        return new AccountOverview.UsageGlance(label, meterNumber, BarChart.of(156, 36, false, unit, List.of(unit), categories), unit,
                BarChart.format(twelve), latest == null ? null : MeterPages.monthName(latest.month()),
                latest == null ? null : BarChart.format(latest.usage()), yearBefore == null ? null : MeterPages.monthName(yearBefore),
                before == null || before.usage() == null ? null : BarChart.format(before.usage()));
    }

    /** One line per account that was served at the premise, newest first. */
    private static List<Occupant> occupants(List<AgreementView> agreementsThere, Map<Long, AccountView> accounts,
                                            Function<Long, MemberView> person) {
        Map<Long, List<AgreementView>> byAccount = agreementsThere.stream()
                .collect(Collectors.groupingBy(AgreementView::accountId, LinkedHashMap::new, Collectors.toList()));
        List<Occupant> result = new ArrayList<>();
        byAccount.forEach((accountId, list) -> {
            AccountView acct = accounts.get(accountId);
            if (acct == null) {
                return;
            }
            LocalDate from = list.stream().map(AgreementView::startDate).min(Comparator.naturalOrder()).orElse(null);
            LocalDate to = list.stream().anyMatch(AgreementView::active) ? null
                    : list.stream().map(AgreementView::endDate).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            result.add(new Occupant(accountId, acct.accountNumber(), person.apply(acct.memberId()).displayName(),
                    acct.status().name(), from, to));
        });
        result.sort(Comparator.comparing(Occupant::from, Comparator.nullsLast(Comparator.reverseOrder())));
        return result;
    }

    private static List<String> alerts(AccountView account, MemberView member, List<AgreementView> own) {
        List<String> alerts = new ArrayList<>();
        if (member.deceasedOn() != null) {
            alerts.add("Member deceased " + member.deceasedOn() + ": handle as an estate account.");
        }
        switch (account.status()) {
            case FINAL -> alerts.add("Final account: service has stopped; a final bill is due.");
            case CLOSED -> alerts.add("Closed account.");
            case WRITTEN_OFF -> alerts.add("Written off: any balance is with collections.");
            case PENDING -> alerts.add("Pending: service has not started yet.");
            default -> {
            }
        }
        if (account.status() == AccountView.AccountStatus.ACTIVE && own.stream().noneMatch(AgreementView::active)) {
            alerts.add("Active account without an active service agreement.");
        }
        if (member.membershipFeeStatus() == MemberView.MembershipFeeStatus.UNPAID) {
            alerts.add("Membership fee unpaid.");
        }
        if (member.preferredLanguage() == MemberView.Language.ES) {
            alerts.add("Prefers Spanish (español).");
        }
        if (!account.authorizedParties().isEmpty()) {
            alerts.add(account.authorizedParties().size() + " authorized part" + (account.authorizedParties().size() == 1 ? "y" : "ies") + " may discuss this account.");
        }
        return alerts;
    }
}

package coop.switchboard.console;

import coop.switchboard.agreements.AgreementService;
import coop.switchboard.agreements.AgreementView;
import coop.switchboard.agreements.MoveMeterView;
import coop.switchboard.agreements.MoveService;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.members.MemberView;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.premises.PremiseView;
import coop.switchboard.premises.PremiseView.ServicePointView;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.TariffSummary;
import coop.switchboard.shared.Money;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Gathers the start, stop and transfer pages: the account and member, the premises to choose from (found by address
 * or the member's own), the chosen premise's service points with their meters and who is served there, the rate
 * schedules, the account's running services with each meter's last read, and the member's other accounts.
 */
@Component
class MovePages {
    private final MemberService members;
    private final PremiseService premises;
    private final AgreementService agreements;
    private final MoveService moves;
    private final TariffService tariffs;
    private final LedgerService ledger;
    private final Clock clock;

    MovePages(MemberService members, PremiseService premises, AgreementService agreements, MoveService moves, TariffService tariffs,
              LedgerService ledger, Clock clock) {
        this.members = members;
        this.premises = premises;
        this.agreements = agreements;
        this.moves = moves;
        this.tariffs = tariffs;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What each field is called on the page, for the problems listed at the top. */
    static final Map<String, String> LABELS = Map.ofEntries(Map.entry("accountId", "Account"), Map.entry("servicePointId", "Service point"),
            Map.entry("rateScheduleCode", "Rate schedule"), Map.entry("startDate", "Start date"), Map.entry("initialReading", "Move-in read"),
            Map.entry("agreementId", "Service"), Map.entry("endDate", "End date"), Map.entry("finalReading", "Final read"),
            Map.entry("toAccountId", "Account"), Map.entry("moveBalance", "Moving the balance"));

    /** A service point on the chosen premise: its meter (null when unmetered), who is served there now, the usual schedule. */
    record PointRow(ServicePointView point, MoveMeterView meter, String servedBy, String defaultSchedule) {
        public boolean free() {
            return servedBy == null;
        }

        public String service() {
            return point.serviceType().name().charAt(0) + point.serviceType().name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    /** One of the account's running services, with where it is and its meter. */
    record ServiceRow(AgreementView agreement, PremiseView premise, ServicePointView point, MoveMeterView meter) {
        public String service() {
            return point == null ? "Service" : point.serviceType().name().charAt(0) + point.serviceType().name().substring(1).toLowerCase(Locale.ROOT);
        }

        public String address() {
            return premise == null ? "service point " + agreement.servicePointId() : premise.address();
        }
    }

    /** Another account of the member a transfer may move to. */
    record AccountChoice(long id, String accountNumber, String status, String address, String balance) {
    }

    /** The account and member every move page shows in its header. */
    AccountView header(long accountId, Model model) {
        AccountView account = members.account(accountId);
        MemberView member = members.member(account.memberId());
        model.addAttribute("account", account);
        model.addAttribute("member", member);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("latest", LocalDate.now(clock).plusDays(MoveService.MAX_DAYS_AHEAD));
        model.addAttribute("labels", LABELS);
        return account;
    }

    /**
     * The premise chooser and, once a premise is chosen, its service points and the schedules for the chosen one.
     * Returns the service point to preselect (the one asked for, else the first nobody is served at).
     */
    Optional<PointRow> chooser(AccountView account, String address, Long premiseId, Long servicePointId, Model model) {
        LocalDate today = LocalDate.now(clock);
        String query = address == null ? "" : address.trim();
        model.addAttribute("address", query);
        model.addAttribute("matches", query.isEmpty() ? List.of() : moves.premisesMatching(query, 20));
        model.addAttribute("searched", !query.isEmpty());
        model.addAttribute("memberPremises", memberPremises(account.memberId()));
        PremiseView premise = premiseId == null ? null : premises.premises(List.of(premiseId)).stream().findFirst().orElse(null);
        model.addAttribute("premise", premise);
        if (premise == null) {
            model.addAttribute("points", List.of());
            model.addAttribute("schedules", tariffs.schedules(today));
            return Optional.empty();
        }
        List<Long> pointIds = premise.servicePoints().stream().map(ServicePointView::id).toList();
        Map<Long, AgreementView> occupying = agreements.atServicePoints(pointIds).stream()
                .filter(a -> a.endDate() == null || a.endDate().isAfter(today))
                .collect(Collectors.toMap(AgreementView::servicePointId, Function.identity(), (a, b) -> a));
        Map<Long, AccountView> occupants = members.accounts(occupying.values().stream().map(AgreementView::accountId).distinct().toList())
                .stream().collect(Collectors.toMap(AccountView::id, Function.identity()));
        List<PointRow> rows = new ArrayList<>();
        for (ServicePointView sp : premise.servicePoints()) {
            AgreementView a = occupying.get(sp.id());
            String servedBy = null;
            if (a != null) {
                AccountView who = occupants.get(a.accountId());
                servedBy = (who == null ? "account " + a.accountId() : members.member(who.memberId()).displayName() + " (" + who.accountNumber() + ")")
                        + " since " + a.startDate() + (a.endDate() == null ? "" : " until " + a.endDate());
            }
            rows.add(new PointRow(sp, moves.meterFor(sp.id(), today).orElse(null), servedBy, moves.defaultSchedule(premise.type(), sp.serviceType())));
        }
        model.addAttribute("points", rows);
        Optional<PointRow> chosen = rows.stream().filter(r -> servicePointId != null && r.point().id() == servicePointId).findFirst()
                .or(() -> rows.stream().filter(PointRow::free).findFirst());
        String service = chosen.map(r -> r.point().serviceType().name()).orElse(null);
        // The chosen point's service first; the rest stay listed so a choice typed before is kept when the form comes back.
        model.addAttribute("schedules", tariffs.schedules(today).stream()
                .sorted(java.util.Comparator.comparing((TariffSummary s) -> service != null && !service.equalsIgnoreCase(s.service())))
                .toList());
        model.addAttribute("chosenPoint", chosen.orElse(null));
        return chosen;
    }

    /** Where the member is or was served, and what they own: the usual places a move goes to or from. */
    private List<PremiseView> memberPremises(long memberId) {
        List<Long> pointIds = members.accountsOf(memberId).stream().flatMap(a -> agreements.forAccount(a.id()).stream())
                .map(AgreementView::servicePointId).distinct().toList();
        Map<Long, PremiseView> byId = new LinkedHashMap<>();
        premises.premisesOfServicePoints(pointIds).forEach(p -> byId.put(p.id(), p));
        moves.premisesOwnedBy(memberId).forEach(p -> byId.putIfAbsent(p.id(), p));
        return List.copyOf(byId.values());
    }

    /** The account's running services, each with its meter, last read and an estimate for today. */
    List<ServiceRow> services(long accountId, Model model) {
        LocalDate today = LocalDate.now(clock);
        List<AgreementView> running = agreements.forAccount(accountId).stream().filter(AgreementView::active).toList();
        List<PremiseView> places = premises.premisesOfServicePoints(running.stream().map(AgreementView::servicePointId).toList());
        List<ServiceRow> rows = new ArrayList<>();
        for (AgreementView a : running) {
            PremiseView premise = places.stream().filter(p -> p.servicePoints().stream().anyMatch(sp -> sp.id() == a.servicePointId()))
                    .findFirst().orElse(null);
            ServicePointView point = premise == null ? null : premise.servicePoints().stream().filter(sp -> sp.id() == a.servicePointId())
                    .findFirst().orElse(null);
            rows.add(new ServiceRow(a, premise, point, moves.meterFor(a.servicePointId(), today).orElse(null)));
        }
        model.addAttribute("services", rows);
        return rows;
    }

    /** The member's other open accounts a transfer may move to, and this account's balance. */
    void otherAccounts(AccountView account, Model model) {
        List<AccountView> others = members.accountsOf(account.memberId()).stream()
                .filter(a -> a.id() != account.id())
                .filter(a -> a.status() != AccountView.AccountStatus.CLOSED && a.status() != AccountView.AccountStatus.WRITTEN_OFF)
                .toList();
        Map<Long, Money> balances = ledger.balances(java.util.stream.Stream.concat(others.stream().map(AccountView::id),
                java.util.stream.Stream.of(account.id())).toList());
        List<AccountChoice> choices = new ArrayList<>();
        for (AccountView a : others) {
            String address = agreements.forAccount(a.id()).stream().findFirst()
                    .flatMap(ag -> premises.premisesOfServicePoints(List.of(ag.servicePointId())).stream().findFirst())
                    .map(PremiseView::address).orElse(null);
            choices.add(new AccountChoice(a.id(), a.accountNumber(), a.status().name(), address, money(balances.get(a.id()))));
        }
        model.addAttribute("otherAccounts", choices);
        model.addAttribute("balance", money(balances.get(account.id())));
    }

    static String money(Money m) {
        return NumberFormat.getCurrencyInstance(Locale.US).format(m == null ? java.math.BigDecimal.ZERO : m.amount());
    }
}

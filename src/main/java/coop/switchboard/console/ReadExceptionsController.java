package coop.switchboard.console;

import coop.switchboard.agreements.AgreementService;
import coop.switchboard.agreements.AgreementView;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.metering.ExceptionCounts;
import coop.switchboard.metering.ReadExceptionDetail;
import coop.switchboard.metering.ReadExceptionService;
import coop.switchboard.metering.ReadExceptionView;
import coop.switchboard.metering.ReadView;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.premises.PremiseView;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The read exceptions queue: counts per rule as filter chips, the open exceptions oldest first (and, apart, those
 * waiting for a re-read), and a detail panel per exception with the meter's history, the estimate it would get and the
 * four actions (accept, edit with a reason, request a re-read, estimate). Anyone signed in may look; only BILLING and
 * ADMIN may act or look for missing reads.
 */
@Controller
class ReadExceptionsController {
    private static final int PAGE_SIZE = 50;
    private static final int HISTORY_SHOWN = 13;
    private final ReadExceptionService exceptions;
    private final PremiseService premises;
    private final AgreementService agreements;
    private final MemberService members;
    private final StaffPermissions permissions;
    private final Clock clock;
    private final int graceDays;

    ReadExceptionsController(ReadExceptionService exceptions, PremiseService premises, AgreementService agreements,
                             MemberService members, StaffPermissions permissions, Clock clock,
                             @Value("${switchboard.metering.missing-read-grace-days:5}") int graceDays) {
        this.exceptions = exceptions;
        this.premises = premises;
        this.agreements = agreements;
        this.members = members;
        this.permissions = permissions;
        this.clock = clock;
        this.graceDays = graceDays;
    }

    /** Where a meter stood: the premise's address and the account served there on the read date. */
    record Place(String address, Long accountId, String accountNumber, String memberName) {
    }

    /** A filter chip: a rule (null for all) with its count, its link, and whether it is the one shown. */
    record Chip(String rule, String label, String explanation, long count, String href, boolean current) {
    }

    // ---- pages ------------------------------------------------------------------------------------------------------

    @GetMapping("/meters/exceptions")
    String queue(@RequestParam(required = false) String rule, @RequestParam(required = false) String cycle,
                 @RequestParam(required = false) String route, @RequestParam(required = false) String meter,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        ReadExceptionService.Filter filter = filter(rule, cycle, route, meter);
        lists(model, filter, page, null);
        model.addAttribute("graceDays", graceDays);
        return "exceptions/queue";
    }

    @GetMapping("/meters/exceptions/{id}")
    String detail(@PathVariable long id, @RequestParam(required = false) String rule, @RequestParam(required = false) String cycle,
                  @RequestParam(required = false) String route, @RequestParam(required = false) String meter,
                  @RequestParam(defaultValue = "0") int page,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        panel(model, id);
        if (htmx != null) {
            return "exceptions/detail :: panel";
        }
        lists(model, filter(rule, cycle, route, meter), page, id);
        model.addAttribute("graceDays", graceDays);
        return "exceptions/queue";
    }

    // ---- actions ----------------------------------------------------------------------------------------------------

    @PostMapping("/meters/exceptions/{id}/accept")
    String accept(@PathVariable long id, @RequestParam(required = false) String note, Scope scope,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
        return act(id, scope, htmx != null, model, redirect, () -> {
            exceptions.accept(id, note);
            return "Accepted the read.";
        });
    }

    @PostMapping("/meters/exceptions/{id}/edit")
    String edit(@PathVariable long id, @RequestParam(required = false) String correctedReading,
                @RequestParam(required = false) String reason, Scope scope,
                @RequestHeader(value = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
        model.addAttribute("draft", Map.of("correctedReading", correctedReading == null ? "" : correctedReading,
                "reason", reason == null ? "" : reason));
        return act(id, scope, htmx != null, model, redirect, () -> {
            BigDecimal value = number(correctedReading, reason);
            ReadView stored = exceptions.edit(id, value, reason);
            if ("EXCEPTION".equals(stored.status())) {
                // The corrected read failed too: its own finding is the next thing to look at.
                exceptions.queue(new ReadExceptionService.Filter(null, null, null, stored.meterNumber(), false), 0, PAGE_SIZE).items()
                        .stream().filter(x -> Objects.equals(x.readId(), stored.id())).findFirst()
                        .ifPresent(x -> model.addAttribute("next", x));
            }
            return "Stored the corrected read " + stored.reading().stripTrailingZeros().toPlainString()
                    + ("EXCEPTION".equals(stored.status()) ? "; it fails validation too and is back in the queue." : ".");
        });
    }

    @PostMapping("/meters/exceptions/{id}/reread")
    String reread(@PathVariable long id, @RequestParam(required = false) String note, Scope scope,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
        return act(id, scope, htmx != null, model, redirect, () -> {
            exceptions.requestReread(id, note);
            return "Requested a re-read; the exception waits under \"Waiting for a re-read\".";
        });
    }

    @PostMapping("/meters/exceptions/{id}/estimate")
    String estimate(@PathVariable long id, @RequestParam(required = false) String note, Scope scope,
                    @RequestHeader(value = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
        return act(id, scope, htmx != null, model, redirect, () -> "Stored an estimated read. " + exceptions.estimate(id, note));
    }

    @PostMapping("/meters/exceptions/missing")
    String findMissing(@RequestParam(required = false) String graceDays, RedirectAttributes redirect) {
        requireActor();
        try {
            int grace = graceDays == null || graceDays.isBlank() ? this.graceDays : Integer.parseInt(graceDays.trim());
            int created = exceptions.findMissingReads(LocalDate.now(clock), grace);
            redirect.addFlashAttribute("notice", created == 0 ? "No new missing reads (grace " + grace + " days)."
                    : "Opened " + created + " missing-read exception" + (created == 1 ? "" : "s") + " (grace " + grace + " days).");
        } catch (NumberFormatException | InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Grace days must be a whole number from 0 to 60.");
        }
        return "redirect:/meters/exceptions?rule=MISSING_READ";
    }

    /** The queue the page showed when an action was taken (htmx sends the filter form along), to redraw it afterwards. */
    record Scope(String rule, String cycle, String route, String meter, String page) {
        int pageNumber() {
            return page != null && page.trim().matches("\\d{1,6}") ? Integer.parseInt(page.trim()) : 0;
        }
    }

    private String act(long id, Scope scope, boolean htmx, Model model, RedirectAttributes redirect, Supplier<String> action) {
        requireActor();
        String notice = null;
        try {
            notice = action.get();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
        }
        if (!htmx && notice != null) {
            redirect.addFlashAttribute("notice", notice);
            return "redirect:/meters/exceptions/" + id;
        }
        panel(model, id);
        model.addAttribute("notice", notice);
        ReadExceptionService.Filter filter = filter(scope.rule(), scope.cycle(), scope.route(), scope.meter());
        lists(model, filter, scope.pageNumber(), id);
        if (notice != null && !model.containsAttribute("next")) {
            model.addAttribute("next", exceptions.queue(filter, 0, 1).items().stream().findFirst().orElse(null));
        }
        if (!htmx) {
            model.addAttribute("graceDays", graceDays);
            return "exceptions/queue";
        }
        model.addAttribute("oob", true);
        return "exceptions/detail :: result";
    }

    private static BigDecimal number(String text, String reason) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim().replace(",", ""));
        } catch (NumberFormatException e) {
            List<InvalidInputException.Violation> problems = new ArrayList<>();
            if (reason == null || reason.isBlank()) {
                problems.add(new InvalidInputException.Violation("reason", "is required: say why the reading is corrected"));
            }
            problems.add(new InvalidInputException.Violation("correctedReading", "must be a number (was '" + text.trim() + "')"));
            throw new InvalidInputException(problems);
        }
    }

    // ---- the model --------------------------------------------------------------------------------------------------

    private void panel(Model model, long id) {
        ReadExceptionDetail d = exceptions.detail(id, HISTORY_SHOWN);
        model.addAttribute("d", d);
        model.addAttribute("history", d.history().stream().limit(HISTORY_SHOWN).toList());
        model.addAttribute("place", places(List.of(d.exception()), true).get(d.exception().id()));
        model.addAttribute("mayAct", mayAct());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", Map.of("correctedReading", "", "reason", ""));
        }
    }

    private void lists(Model model, ReadExceptionService.Filter filter, int page, Long selected) {
        ReadExceptionService.Page open = exceptions.queue(filter, page, PAGE_SIZE);
        ReadExceptionService.Filter rereadFilter = new ReadExceptionService.Filter(filter.rule(), filter.cycle(), filter.route(),
                filter.meter(), true);
        ReadExceptionService.Page reread = exceptions.queue(rereadFilter, 0, PAGE_SIZE);
        ExceptionCounts counts = exceptions.counts(filter);
        List<ReadExceptionView> all = new ArrayList<>(open.items());
        all.addAll(reread.items());
        List<Chip> chips = new ArrayList<>();
        chips.add(new Chip(null, "All rules", "", counts.total(), href(null, filter, 0), filter.rule() == null));
        for (ExceptionCounts.RuleCount c : counts.rules()) {
            chips.add(new Chip(c.rule(), c.label(), c.explanation(), c.total(), href(c.rule(), filter, 0), c.rule().equals(filter.rule())));
        }
        model.addAttribute("filter", filter);
        model.addAttribute("counts", counts);
        model.addAttribute("chips", chips);
        model.addAttribute("open", open);
        model.addAttribute("reread", reread);
        model.addAttribute("places", places(all, false));
        model.addAttribute("selected", selected);
        model.addAttribute("mayAct", mayAct());
        model.addAttribute("openCount", exceptions.openCount());
        String scope = href(filter.rule(), filter, page);
        model.addAttribute("scopeQuery", scope.contains("?") ? scope.substring(scope.indexOf('?')) : "");
        model.addAttribute("previousHref", open.hasPrevious() ? href(filter.rule(), filter, page - 1) : null);
        model.addAttribute("nextHref", open.hasNext() ? href(filter.rule(), filter, page + 1) : null);
    }

    private static String href(String rule, ReadExceptionService.Filter filter, int page) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/meters/exceptions");
        if (rule != null) {
            b.queryParam("rule", rule);
        }
        if (filter.cycle() != null) {
            b.queryParam("cycle", filter.cycle());
        }
        if (filter.route() != null) {
            b.queryParam("route", filter.route());
        }
        if (filter.meter() != null) {
            b.queryParam("meter", filter.meter());
        }
        if (page > 0) {
            b.queryParam("page", page);
        }
        return b.encode().build().toUriString();
    }

    private static ReadExceptionService.Filter filter(String rule, String cycle, String route, String meter) {
        Integer cycleNumber = null;
        if (cycle != null && cycle.trim().matches("\\d{1,2}")) {
            cycleNumber = Integer.parseInt(cycle.trim());
        }
        String ruleName = rule == null || rule.isBlank() ? null : rule.trim().toUpperCase();
        if (ruleName != null && !ReadExceptionService.isRule(ruleName)) {
            ruleName = null;
        }
        return new ReadExceptionService.Filter(ruleName, cycleNumber, blankToNull(route), blankToNull(meter), false);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Premise address and the account served on each exception's read date, from the premises, agreements and members. */
    private Map<Long, Place> places(Collection<ReadExceptionView> list, boolean withNames) {
        List<Long> pointIds = list.stream().map(ReadExceptionView::servicePointId).filter(Objects::nonNull).distinct().toList();
        Map<Long, String> addressByPoint = new HashMap<>();
        for (PremiseView p : premises.premisesOfServicePoints(pointIds)) {
            p.servicePoints().forEach(sp -> addressByPoint.put(sp.id(), p.address()));
        }
        Map<Long, List<AgreementView>> byPoint = agreements.atServicePoints(pointIds).stream()
                .collect(Collectors.groupingBy(AgreementView::servicePointId));
        Map<Long, AgreementView> served = new HashMap<>();
        for (ReadExceptionView e : list) {
            List<AgreementView> there = e.servicePointId() == null ? List.of() : byPoint.getOrDefault(e.servicePointId(), List.of());
            there.stream().filter(a -> !a.startDate().isAfter(e.readDate()) && (a.endDate() == null || a.endDate().isAfter(e.readDate())))
                    .findFirst().or(() -> there.stream().findFirst()).ifPresent(a -> served.put(e.id(), a));
        }
        Map<Long, AccountView> accounts = members.accounts(served.values().stream().map(AgreementView::accountId).distinct().toList())
                .stream().collect(Collectors.toMap(AccountView::id, Function.identity()));
        Map<Long, Place> places = new LinkedHashMap<>();
        for (ReadExceptionView e : list) {
            AgreementView a = served.get(e.id());
            AccountView account = a == null ? null : accounts.get(a.accountId());
            String name = withNames && account != null ? members.member(account.memberId()).displayName() : null;
            places.put(e.id(), new Place(e.servicePointId() == null ? null : addressByPoint.get(e.servicePointId()),
                    account == null ? null : account.id(), account == null ? null : account.accountNumber(), name));
        }
        return places;
    }

    // ---- who may act ------------------------------------------------------------------------------------------------

    private boolean mayAct() {
        return NotPermittedPage.billingOrAdmin(permissions);
    }

    private void requireActor() {
        NotPermittedPage.requireBillingOrAdmin(permissions, new NotPermitted("Only Billing and Administrators may resolve read exceptions",
                "You can still look at the queue.", "/meters/exceptions", "Back to read exceptions"));
    }

    /** The "Exceptions (N)" link in the top navigation, for those who work the queue. */
    @Component("readExceptionsNav")
    static class Nav {
        private final ReadExceptionService exceptions;
        private final StaffPermissions permissions;

        Nav(ReadExceptionService exceptions, StaffPermissions permissions) {
            this.exceptions = exceptions;
            this.permissions = permissions;
        }

        public boolean visible() {
            return permissions.hasRole(Role.BILLING) || permissions.hasRole(Role.ADMIN);
        }

        public long openCount() {
            return exceptions.openCount();
        }
    }
}

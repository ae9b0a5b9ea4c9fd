package coop.switchboard.console;

import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillRunView;
import coop.switchboard.billing.BillService;
import coop.switchboard.billing.BillView;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.metering.CycleService;
import coop.switchboard.metering.CycleView;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Bill runs (start one, watch its progress bar, resume a stopped one), the bill-exception queue of held bills
 * (release, or bill again after fixing the read), and the bill page. Everyone may look; BILLING and ADMIN act.
 */
@Controller
class BillingController {
    private static final int PAGE = 50;
    private final BillRunService runs;
    private final BillService bills;
    private final CycleService cycles;
    private final MemberService members;
    private final StaffPermissions permissions;
    private final Clock clock;
    private final coop.switchboard.ledger.JournalService journal;
    private final coop.switchboard.billing.BillDocumentService documents;

    BillingController(BillRunService runs, BillService bills, CycleService cycles, MemberService members, StaffPermissions permissions,
                      Clock clock, coop.switchboard.ledger.JournalService journal, coop.switchboard.billing.BillDocumentService documents) {
        this.journal = journal;
        this.documents = documents;
        this.runs = runs;
        this.bills = bills;
        this.cycles = cycles;
        this.members = members;
        this.permissions = permissions;
        this.clock = clock;
    }

    @GetMapping("/billing")
    String dashboard(Model model) {
        List<CycleView> all = cycles.cycles();
        model.addAttribute("runs", runs.recent(24));
        model.addAttribute("cycles", all);
        model.addAttribute("period", YearMonth.now(clock));
        model.addAttribute("heldCount", bills.heldCount());
        model.addAttribute("mayAct", NotPermittedPage.billingOrAdmin(permissions));
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", Map.of("cycle", all.isEmpty() ? "" : String.valueOf(all.getFirst().number()),
                    "period", YearMonth.now(clock).toString()));
            model.addAttribute("errors", Map.of());
        }
        return "billing/dashboard";
    }

    @PostMapping("/billing/runs")
    String start(@RequestParam(required = false) String cycle, @RequestParam(required = false) String period, Model model,
                 RedirectAttributes redirect) {
        requireActor("Starting a bill run");
        Map<String, String> errors = new HashMap<>();
        Integer n = parse(cycle, "cycle", Integer::valueOf, "is not a cycle number", errors);
        YearMonth p = parse(period, "period", YearMonth::parse, "is not a month (YYYY-MM)", errors);
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors.entrySet().stream()
                        .map(e -> new InvalidInputException.Violation(e.getKey(), e.getValue())).toList());
            }
            BillRunView run = runs.start(n, p);
            boolean started = !run.complete() && runs.launch(run.id());
            redirect.addFlashAttribute("notice", run.complete() ? "Cycle " + n + " was already billed for " + p + "."
                    : started ? "Bill run started for cycle " + n + ", " + p + "." : "This bill run is already being worked.");
            return "redirect:/billing/runs/" + run.id();
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.putIfAbsent(v.field(), v.message()));
            model.addAttribute("draft", Map.of("cycle", cycle == null ? "" : cycle, "period", period == null ? "" : period));
            model.addAttribute("errors", errors);
            return dashboard(model);
        }
    }

    @GetMapping("/billing/runs/{id}")
    String run(@PathVariable long id, @RequestParam(defaultValue = "0") int offset, Model model) {
        BillRunView run = runs.view(id);
        model.addAttribute("run", run);
        model.addAttribute("working", runs.isWorking(id));
        model.addAttribute("mayAct", NotPermittedPage.billingOrAdmin(permissions));
        held(model, id, offset);
        return "billing/run";
    }

    @GetMapping("/billing/runs/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("run", runs.view(id));
        model.addAttribute("working", runs.isWorking(id));
        return "billing/run :: progress";
    }

    @PostMapping("/billing/runs/{id}/resume")
    String resume(@PathVariable long id, RedirectAttributes redirect) {
        requireActor("Resuming a bill run");
        BillRunView run = runs.view(id);
        boolean started = !run.complete() && runs.launch(id);
        redirect.addFlashAttribute("notice", run.complete() ? "The run is complete." : started ? "Resumed the bill run."
                : "This bill run is already being worked.");
        return "redirect:/billing/runs/" + id;
    }

    @GetMapping("/billing/held")
    String heldQueue(@RequestParam(defaultValue = "0") int offset, Model model) {
        model.addAttribute("mayAct", NotPermittedPage.billingOrAdmin(permissions));
        model.addAttribute("heldCount", bills.heldCount());
        held(model, null, offset);
        return "billing/held";
    }

    @GetMapping("/bills/{id}")
    String bill(@PathVariable long id, Model model) {
        BillView bill = bills.bill(id);
        AccountView account = members.account(bill.accountId());
        model.addAttribute("bill", bill);
        model.addAttribute("account", account);
        model.addAttribute("memberName", members.member(account.memberId()).displayName());
        model.addAttribute("mayAct", NotPermittedPage.billingOrAdmin(permissions));
        return "billing/bill";
    }

    @PostMapping("/bills/{id}/release")
    String release(@PathVariable long id, @RequestParam(required = false) String note, @RequestParam(required = false) String back,
                   RedirectAttributes redirect) {
        requireActor("Releasing a held bill");
        try {
            bills.release(id, note);
            redirect.addFlashAttribute("notice", "Released bill " + id + ": it is issued and posted to the account.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Bill " + id + " was not released: " + e.getMessage());
        }
        return "redirect:" + backTo(back, id);
    }

    @PostMapping("/bills/{id}/bill-again")
    String billAgain(@PathVariable long id, @RequestParam(required = false) String back, RedirectAttributes redirect) {
        requireActor("Billing a held bill again");
        try {
            Long replacement = runs.billAgain(id);
            if (replacement == null) {
                redirect.addFlashAttribute("notice", "Bill " + id + " was sent back; nothing was due to bill again.");
            } else {
                BillView again = bills.bill(replacement);
                redirect.addFlashAttribute("notice", "Billed again as bill " + replacement + (again.held()
                        ? ", which is held too: " + String.join("; ", again.holdReasons()) : ", issued for $" + again.currentCharges() + "."));
            }
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Bill " + id + " was not billed again: " + e.getMessage());
        }
        return "redirect:" + backTo(back, id);
    }

    @GetMapping("/billing/journal")
    String journal(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        Map<String, String> errors = new HashMap<>();
        java.time.LocalDate f = from == null || from.isBlank() ? today.withDayOfMonth(1)
                : parse(from, "from", java.time.LocalDate::parse, "is not a date (YYYY-MM-DD)", errors);
        java.time.LocalDate t = to == null || to.isBlank() ? today
                : parse(to, "to", java.time.LocalDate::parse, "is not a date (YYYY-MM-DD)", errors);
        if (errors.isEmpty() && t.isBefore(f)) {
            errors.put("to", "is before from");
        }
        if (errors.isEmpty() && t.isAfter(f.plusDays(366))) {
            errors.put("to", "is more than a year after from; export longer spans with the journal export command");
        }
        model.addAttribute("from", from == null ? f.toString() : from);
        model.addAttribute("to", to == null ? t.toString() : to);
        model.addAttribute("errors", errors);
        model.addAttribute("lines", errors.isEmpty() ? journal.journal(f, t) : List.of());
        model.addAttribute("unbalanced", errors.isEmpty() ? journal.unbalancedDays(f, t) : List.of());
        return "billing/journal";
    }

    @GetMapping(value = "/billing/journal.csv", produces = "text/csv")
    void journalCsv(@RequestParam java.time.LocalDate from, @RequestParam java.time.LocalDate to,
                    jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "is before from");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"journal-" + from + "-" + to + ".csv\"");
        journal.exportCsv(from, to, response.getWriter());
    }

    @GetMapping(value = "/bills/{id}.pdf", produces = "application/pdf")
    void billPdf(@PathVariable long id, jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        bills.bill(id);
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "inline; filename=\"bill-" + id + ".pdf\"");
        documents.writePdf(id, response.getOutputStream());
    }

    @GetMapping(value = "/bills/{id}/document", produces = "text/html")
    @org.springframework.web.bind.annotation.ResponseBody
    String billDocument(@PathVariable long id) {
        return documents.html(id);
    }

    @GetMapping("/billing/runs/{id}/extract")
    void extract(@PathVariable long id, @RequestParam(defaultValue = "csv") String format, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        runs.view(id);
        if (!format.equals("csv") && !format.equals("json")) {
            throw new InvalidInputException("format", "must be csv or json");
        }
        response.setContentType((format.equals("csv") ? "text/csv" : "application/json") + ";charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"bill-run-" + id + "-print." + format + "\"");
        documents.printExtract(id, format, response.getWriter());
    }

    @PostMapping("/billing/runs/{id}/email")
    String email(@PathVariable long id, RedirectAttributes redirect) {
        requireActor("Sending a run's paperless bills");
        coop.switchboard.billing.BillDocumentService.EmailRun sent = documents.emailRun(id);
        redirect.addFlashAttribute("notice", "Paperless bills: " + sent.sent() + " sent, " + sent.alreadySent() + " sent before, "
                + sent.skipped() + " not sent (no mail server or no address), " + sent.failed() + " failed.");
        return "redirect:/billing/runs/" + id;
    }

    @GetMapping("/bills/{id}/explain")
    String explain(@PathVariable long id, Model model) {
        BillService.Explanation e = bills.explain(id);
        model.addAttribute("comparisons", java.util.stream.Stream.of(e.previous(), e.lastYear()).filter(java.util.Objects::nonNull).toList());
        return "billing/bill :: explanation";
    }

    @PostMapping("/bills/{id}/cancel-rebill")
    String cancelAndRebill(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        requireActor("Cancelling and rebilling a bill");
        try {
            Long corrected = runs.cancelAndRebill(id, reason);
            if (corrected == null) {
                redirect.addFlashAttribute("notice", "Bill " + id + " was cancelled and its charges reversed; nothing was due to bill again.");
                return "redirect:/bills/" + id;
            }
            BillView again = bills.bill(corrected);
            redirect.addFlashAttribute("notice", "Bill " + id + " was cancelled and its charges reversed. This corrected bill replaces it"
                    + (again.held() ? ", and is held: " + String.join("; ", again.holdReasons()) : "."));
            return "redirect:/bills/" + corrected;
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Bill " + id + " was not cancelled: " + e.getMessage());
            return "redirect:/bills/" + id;
        }
    }

    private void held(Model model, Long runId, int offset) {
        List<BillView> held = bills.held(runId, Math.max(0, offset), PAGE);
        Map<Long, AccountView> accounts = members.accounts(held.stream().map(BillView::accountId).distinct().toList()).stream()
                .collect(Collectors.toMap(AccountView::id, Function.identity()));
        model.addAttribute("held", held);
        model.addAttribute("heldAccounts", accounts);
        model.addAttribute("offset", Math.max(0, offset));
        model.addAttribute("pageSize", PAGE);
    }

    /** Where an action returns: the held queue, a run page, or the bill itself (only local paths). */
    private static String backTo(String back, long billId) {
        return back != null && back.matches("^/(billing/held|billing/runs/\\d+|bills/\\d+|accounts/\\d+)(\\?offset=\\d+)?$") ? back : "/bills/" + billId;
    }

    private void requireActor(String what) {
        NotPermittedPage.requireBillingOrAdmin(permissions, new NotPermitted(what + " is done by Billing or an administrator.",
                "You can still look at bill runs, held bills and bills.", "/billing", "Back to billing"));
    }

    private static <T> T parse(String text, String field, Function<String, T> parser, String problem, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put(field, "is required");
            return null;
        }
        try {
            return parser.apply(text.trim());
        } catch (NumberFormatException | DateTimeParseException e) {
            errors.put(field, "'" + text.trim() + "' " + problem);
            return null;
        }
    }

    /** The held-bill count beside "Billing" in the top navigation. */
    @org.springframework.stereotype.Component("billingNav")
    static class Nav {
        private final BillService bills;

        Nav(BillService bills) {
            this.bills = bills;
        }

        public long heldCount() {
            return bills.heldCount();
        }
    }
}

package coop.switchboard.console;

import coop.switchboard.ledger.LedgerService;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.members.MemberView;
import coop.switchboard.payments.RefundService;
import coop.switchboard.payments.RefundService.RefundView;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Refunds: the ones waiting to be paid (paid by BILLING, SUPERVISOR or ADMIN other than whoever asked), the refund
 * register and the positive-pay check file; from an account, asking for a refund and moving a balance to another of the
 * member's accounts.
 */
@Controller
class RefundsController {
    private final RefundService refunds;
    private final MemberService members;
    private final LedgerService ledger;
    private final StaffPermissions permissions;
    private final Clock clock;

    RefundsController(RefundService refunds, MemberService members, LedgerService ledger, StaffPermissions permissions, Clock clock) {
        this.refunds = refunds;
        this.members = members;
        this.ledger = ledger;
        this.permissions = permissions;
        this.clock = clock;
    }

    @GetMapping("/payments/refunds")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        LocalDate today = LocalDate.now(clock);
        LocalDate end = date(to, today, "to", model);
        LocalDate start = date(from, end.minusDays(30), "from", model);
        if (start.isAfter(end)) {
            model.addAttribute("dateProblem", "The period starts after it ends; showing the 30 days before " + end + ".");
            start = end.minusDays(30);
        }
        List<RefundView> waiting = refunds.waiting();
        List<RefundView> register = refunds.register(start, end);
        model.addAttribute("waiting", waiting);
        model.addAttribute("register", register);
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("today", today);
        model.addAttribute("me", DrawerController.me());
        model.addAttribute("mayPay", LockboxController.billingOrSupervisor(permissions));
        model.addAttribute("accounts", members.accounts(Stream.concat(waiting.stream(), register.stream()).map(RefundView::accountId).distinct().toList())
                .stream().collect(Collectors.toMap(AccountView::id, AccountView::accountNumber)));
        model.addAttribute("paidTotal", register.stream().filter(r -> r.status() == RefundView.Status.PAID).map(RefundView::amount)
                .reduce(Money.ZERO, Money::plus));
        return "payments/refunds";
    }

    @PostMapping("/payments/refunds/{id}/pay")
    String pay(@PathVariable long id, RedirectAttributes redirect) {
        try {
            RefundView r = refunds.pay(id);
            redirect.addFlashAttribute("notice", r.status() == RefundView.Status.APPLIED
                    ? "Refund " + id + ": the deposit went wholly to what the account owed, so nothing was paid out."
                    : "Paid refund " + id + " of " + PaymentsController.dollars(r.amount()) + " to " + r.payeeName()
                    + (r.checkNumber() != null ? " by check no. " + r.checkNumber() + "." : " by ACH in the next drafts file."));
        } catch (NotAllowedException e) {
            redirect.addFlashAttribute("problem", "Refund " + id + " was not paid: " + e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Refund " + id + " was not paid: " + AchController.messages(e) + ".");
        }
        return "redirect:/payments/refunds";
    }

    @PostMapping("/payments/refunds/{id}/cancel")
    String cancel(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            refunds.cancel(id, reason);
            redirect.addFlashAttribute("notice", "Cancelled refund " + id + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Refund " + id + " was not cancelled: "
                    + e.violations().stream().map(v -> ("reason".equals(v.field()) ? "a reason " : "") + v.message())
                    .collect(Collectors.joining("; ")) + ".");
        }
        return "redirect:/payments/refunds";
    }

    /** The bank's positive-pay file of the refund checks issued on a day. */
    @GetMapping("/payments/refunds/checks")
    ResponseEntity<String> checkFile(@RequestParam(required = false) String day) {
        LocalDate date;
        try {
            date = day == null || day.isBlank() ? LocalDate.now(clock) : LocalDate.parse(day.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("day", "'" + day + "' is not a date (YYYY-MM-DD)");
        }
        StringWriter out = new StringWriter();
        refunds.writeCheckFile(date, out);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("refund-checks-" + date + ".csv").build().toString())
                .body(out.toString());
    }

    // ---- from the account -----------------------------------------------------------------------------------------

    @GetMapping("/accounts/{id}/refund")
    String refundForm(@PathVariable long id, Model model) {
        AccountView account = members.account(id);
        MemberView member = members.member(account.memberId());
        RefundService.Refundable can = refunds.refundable(id);
        model.addAttribute("account", account);
        model.addAttribute("memberName", member.displayName());
        model.addAttribute("refundable", can);
        List<RefundView> history = refunds.refundsOf(id);
        // What is already asked for and not yet paid is not offered again.
        Money pending = history.stream().filter(r -> r.status() == RefundView.Status.REQUESTED && r.kind() == RefundView.Kind.CREDIT_BALANCE)
                .map(RefundView::amount).reduce(Money.ZERO, Money::plus);
        model.addAttribute("history", history);
        model.addAttribute("pending", pending);
        model.addAttribute("kinds", RefundView.Kind.values());
        model.addAttribute("methods", RefundView.Method.values());
        if (!model.containsAttribute("form")) {
            Map<String, String> form = new LinkedHashMap<>();
            boolean deposit = can.creditBalance().signum() == 0 && can.depositHeld().signum() > 0;
            form.put("kind", deposit ? RefundView.Kind.DEPOSIT.name() : RefundView.Kind.CREDIT_BALANCE.name());
            Money amount = deposit ? can.depositHeld() : can.creditBalance().minus(pending);
            form.put("amount", amount.signum() > 0 ? amount.amount().toPlainString() : "");
            form.put("method", RefundView.Method.CHECK.name());
            form.put("payeeName", member.displayName());
            form.put("payeeAddress", member.mailingAddress() == null ? "" : member.mailingAddress().oneLine());
            model.addAttribute("form", form);
            model.addAttribute("errors", Map.of());
        }
        return "payments/refund";
    }

    @PostMapping("/accounts/{id}/refund")
    String request(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        members.account(id);
        Map<String, String> errors = new LinkedHashMap<>();
        RefundView.Kind kind = parse(RefundView.Kind.class, form.get("kind"), "kind", errors);
        RefundView.Method method = parse(RefundView.Method.class, form.get("method"), "method", errors);
        Money amount = PaymentsController.money(form.get("amount"), "amount", errors);
        try {
            // An unreadable amount goes as none: the service refuses it (saving nothing) and names the other problems too.
            RefundView r = refunds.request(id, kind, amount, method, form.get("payeeName"), form.get("payeeAddress"), form.get("reason"));
            if (!errors.isEmpty()) {
                throw new IllegalStateException("refund " + r.id() + " was asked for with an unreadable field");
            }
            redirect.addFlashAttribute("notice", "Refund " + r.id() + " of " + PaymentsController.dollars(r.amount())
                    + " is asked for. Someone in Billing other than you pays it from the refunds page.");
            return "redirect:/accounts/" + id + "/refund";
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.putIfAbsent(v.field(), v.message()));
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            return refundForm(id, model);
        }
    }

    @GetMapping("/accounts/{id}/transfer-balance")
    String transferForm(@PathVariable long id, Model model) {
        AccountView account = members.account(id);
        List<AccountView> others = new ArrayList<>(members.accountsOf(account.memberId()).stream().filter(a -> a.id() != id).toList());
        List<Long> ids = new ArrayList<>(others.stream().map(AccountView::id).toList());
        ids.add(id);
        Map<Long, Money> balances = ledger.balances(ids);
        model.addAttribute("account", account);
        model.addAttribute("memberName", members.member(account.memberId()).displayName());
        model.addAttribute("others", others);
        model.addAttribute("balances", balances);
        model.addAttribute("balance", balances.getOrDefault(id, Money.ZERO));
        if (!model.containsAttribute("form")) {
            Map<String, String> form = new LinkedHashMap<>();
            Money balance = balances.getOrDefault(id, Money.ZERO);
            form.put("amount", balance.signum() > 0 ? balance.amount().toPlainString() : "");
            if (others.size() == 1) {
                form.put("toAccountId", Long.toString(others.getFirst().id()));
            }
            model.addAttribute("form", form);
            model.addAttribute("errors", Map.of());
        }
        return "payments/transfer";
    }

    @PostMapping("/accounts/{id}/transfer-balance")
    String transfer(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        AccountView from = members.account(id);
        Map<String, String> errors = new LinkedHashMap<>();
        Money amount = PaymentsController.money(form.get("amount"), "amount", errors);
        Long to = PaymentsController.parseLong(form.get("toAccountId"));
        try {
            if (to == null) {
                List<InvalidInputException.Violation> problems = new ArrayList<>();
                problems.add(new InvalidInputException.Violation("toAccountId", "is required: choose the account the balance goes to"));
                if (amount == null) {
                    problems.add(new InvalidInputException.Violation("amount", "must be more than zero"));
                }
                if (form.get("reason") == null || form.get("reason").isBlank()) {
                    problems.add(new InvalidInputException.Violation("reason", "is required"));
                }
                throw new InvalidInputException(problems);
            }
            // An unreadable amount goes as none: the service refuses it (moving nothing) and names the other problems too.
            refunds.transfer(id, to, amount, form.get("reason"));
            if (!errors.isEmpty()) {
                throw new IllegalStateException("a balance transfer was made with an unreadable amount");
            }
            AccountView target = members.account(to);
            redirect.addFlashAttribute("notice", "Moved " + PaymentsController.dollars(amount) + " from " + from.accountNumber() + " to "
                    + target.accountNumber() + ".");
            return "redirect:/accounts/" + id;
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.putIfAbsent(v.field(), v.message()));
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            return transferForm(id, model);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim());
        } catch (IllegalArgumentException e) {
            errors.put(field, "'" + text + "' is not one of the choices");
            return null;
        }
    }

    private static LocalDate date(String text, LocalDate otherwise, String field, Model model) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            model.addAttribute("dateProblem", "'" + text + "' is not a date (YYYY-MM-DD); the " + field + " date was left as " + otherwise + ".");
            return otherwise;
        }
    }
}

package coop.switchboard.console;

import coop.switchboard.billing.BillService;
import coop.switchboard.ledger.EntryView;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.payments.AchService;
import coop.switchboard.payments.Allocation;
import coop.switchboard.payments.DrawerService;
import coop.switchboard.payments.DrawerView;
import coop.switchboard.payments.PaymentRequest;
import coop.switchboard.payments.PaymentService;
import coop.switchboard.payments.PaymentView;
import coop.switchboard.payments.ReceiptView;
import coop.switchboard.payments.RefundService;
import coop.switchboard.payments.Tender;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The counter payment screen (find the account, amount, tender, post), its printable receipt, reversals, and the
 * account's Payments tab. Each rendered form carries a fresh idempotency key, so a double submit or a refresh posts once
 * and shows the same receipt.
 */
@Controller
class PaymentsController {
    static final String SPLIT = "split-";
    private final PaymentService payments;
    private final DrawerService drawers;
    private final MemberService members;
    private final LedgerService ledger;
    private final BillService bills;
    private final AccountSearch search;
    private final AchService ach;
    private final RefundService refunds;
    private final StaffPermissions permissions;
    private final Clock clock;

    PaymentsController(PaymentService payments, DrawerService drawers, MemberService members, LedgerService ledger, BillService bills,
                       AccountSearch search, AchService ach, RefundService refunds, StaffPermissions permissions, Clock clock) {
        this.permissions = permissions;
        this.payments = payments;
        this.drawers = drawers;
        this.members = members;
        this.ledger = ledger;
        this.bills = bills;
        this.search = search;
        this.ach = ach;
        this.refunds = refunds;
        this.clock = clock;
    }

    @GetMapping("/payments")
    String index() {
        return "redirect:/payments/new";
    }

    @GetMapping("/payments/new")
    String form(@RequestParam(required = false) Long account, @RequestParam(required = false) String q, Model model) {
        if (account == null && q != null && !q.isBlank()) {
            // An account number goes straight to the account; one match too.
            var byNumber = members.accountByNumber(q.trim());
            if (byNumber.isPresent()) {
                return "redirect:/payments/new?account=" + byNumber.get().id();
            }
            var hits = search.search(q, 10);
            if (hits.size() == 1) {
                return "redirect:/payments/new?account=" + hits.getFirst().accountId();
            }
            model.addAttribute("hits", hits);
        }
        model.addAttribute("payQ", q == null ? "" : q);
        model.addAttribute("drawer", drawers.current().orElse(null));
        model.addAttribute("tenders", Tender.values());
        if (account != null) {
            AccountView chosen = members.account(account);
            Money balance = ledger.balance(account);
            model.addAttribute("account", chosen);
            model.addAttribute("memberName", members.member(chosen.memberId()).displayName());
            model.addAttribute("balance", balance);
            model.addAttribute("aging", ledger.aging(account, LocalDate.now(clock)));
            model.addAttribute("lastBill", bills.lastIssued(account).orElse(null));
            List<OpenGroup> open = OpenGroup.of(payments.openCharges(account));
            model.addAttribute("openCharges", open.size() > 12 ? open.subList(0, 12) : open);
            model.addAttribute("openCount", open.size());
            model.addAttribute("cashOnly", payments.cashOnly(account));
            List<AccountView> others = members.accountsOf(chosen.memberId()).stream().filter(a -> a.id() != chosen.id()).limit(50).toList();
            model.addAttribute("others", others);
            model.addAttribute("otherBalances", ledger.balances(others.stream().map(AccountView::id).toList()));
            model.addAttribute("splitOpen", model.containsAttribute("form") && ((Map<?, ?>) model.getAttribute("form")).entrySet().stream()
                    .anyMatch(e -> e.getKey().toString().startsWith(SPLIT) && e.getValue() != null && !e.getValue().toString().isBlank()));
            if (!model.containsAttribute("form")) {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("idempotencyKey", UUID.randomUUID().toString());
                form.put("amount", balance.signum() > 0 ? balance.amount().toPlainString() : "");
                form.put("tender", Tender.CASH.name());
                model.addAttribute("form", form);
                model.addAttribute("errors", Map.of());
            }
        }
        return "payments/new";
    }

    /** Accounts matching what is typed in the payment screen's account box (htmx). */
    @GetMapping("/payments/find")
    String find(@RequestParam(name = "q", defaultValue = "") String q, Model model) {
        model.addAttribute("payQ", q);
        model.addAttribute("hits", q.isBlank() ? List.of() : search.search(q, 8));
        return "payments/new :: hits";
    }

    @PostMapping("/payments")
    String post(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long accountId = parseLong(form.get("account"));
        if (accountId == null) {
            return "redirect:/payments/new";
        }
        AccountView account = members.account(accountId);
        Tender tender = null;
        try {
            tender = form.get("tender") == null || form.get("tender").isBlank() ? null : Tender.valueOf(form.get("tender"));
        } catch (IllegalArgumentException e) {
            errors.put("tender", "is not a tender");
        }
        // Each part's form field, so the service's parts[i] messages land beside the right input.
        List<String> fields = new ArrayList<>();
        List<PaymentRequest.Part> parts = new ArrayList<>();
        parts.add(new PaymentRequest.Part(account.id(), money(form.get("amount"), "amount", errors)));
        fields.add("amount");
        for (AccountView other : members.accountsOf(account.memberId())) {
            String field = SPLIT + other.id();
            String text = form.get(field);
            if (other.id() != account.id() && text != null && !text.isBlank()) {
                parts.add(new PaymentRequest.Part(other.id(), money(text, field, errors)));
                fields.add(field);
            }
        }
        boolean card = tender == Tender.CARD;
        boolean check = tender == Tender.CHECK || tender == Tender.MONEY_ORDER;
        Long drawerId = tender != null && tender.counter() ? drawers.current().map(DrawerView::id).orElse(null) : null;
        PaymentRequest request = new PaymentRequest(form.get("idempotencyKey"), tender, parts,
                card ? form.get("cardReference") : tender != null && !tender.counter() ? form.get("reference") : null,
                check ? form.get("checkNumber") : null, card ? form.get("cardLast4") : null, form.get("payerName"), drawerId, null, null);
        try {
            // An unreadable amount is sent as none: the service refuses a part without one (saving nothing) and names
            // the other problems too.
            ReceiptView receipt = payments.post(request);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("a payment with an unreadable amount was posted: receipt " + receipt.id());
            }
            if (receipt.replayed()) {
                redirect.addFlashAttribute("notice", "This payment was already posted (the form was sent twice): here is its receipt.");
            }
            return "redirect:/payments/receipts/" + receipt.id();
        } catch (InvalidInputException e) {
            Map<String, String> draft = new LinkedHashMap<>(form);
            for (InvalidInputException.Violation v : e.violations()) {
                String field = formField(v.field(), fields, card);
                if (field.equals("idempotencyKey")) {
                    // The key was used for another payment (the form was changed after it posted): a new key posts anew.
                    draft.put("idempotencyKey", UUID.randomUUID().toString());
                    String earlier = v.message().replaceAll(".*\\(receipt (\\d+)\\).*", "$1");
                    model.addAttribute("earlierReceipt", earlier.matches("\\d+") ? earlier : null);
                    errors.putIfAbsent("form", "This form already posted a different payment. Check the amounts and post again if it is a new payment.");
                    continue;
                }
                errors.putIfAbsent(field, v.message());
            }
            model.addAttribute("form", draft);
            model.addAttribute("errors", errors);
            return form(accountId, null, model);
        }
    }

    /** The form field a service message is about. */
    static String formField(String serviceField, List<String> fields, boolean card) {
        String f = serviceField;
        int part = 0;
        if (f.startsWith("parts[") && f.contains("].")) {
            part = Integer.parseInt(f.substring(6, f.indexOf(']')));
            f = f.substring(f.indexOf("].") + 2);
        }
        return switch (f) {
            case "amount" -> part < fields.size() ? fields.get(part) : "amount";
            case "accountId" -> part == 0 ? "account" : part < fields.size() ? fields.get(part) : "parts";
            case "reference" -> card ? "cardReference" : "reference";
            case "drawerId" -> "tender";
            default -> f;
        };
    }

    @GetMapping("/payments/receipts/{id}")
    String receipt(@PathVariable long id, Model model) {
        ReceiptView r = payments.receipt(id);
        List<Long> accountIds = r.payments().stream().map(PaymentView::accountId).distinct().toList();
        Map<Long, AccountView> accounts = members.accounts(accountIds).stream().collect(Collectors.toMap(AccountView::id, Function.identity()));
        Map<Long, Money> balances = ledger.balances(accountIds);
        List<ReceiptLine> lines = new ArrayList<>();
        for (PaymentView p : r.payments()) {
            List<Applied> applied = new ArrayList<>();
            for (Allocation.Applied a : payments.allocationOf(p.id())) {
                if (a.entryId() == null) {
                    applied.add(new Applied("Left as a credit on the account", null, new Money(a.amount())));
                } else {
                    EntryView charge = ledger.entry(a.entryId());
                    applied.add(new Applied(charge.description() == null ? charge.kind().name().toLowerCase() : charge.description(),
                            charge.entryDate(), new Money(a.amount())));
                }
            }
            lines.add(new ReceiptLine(p, accounts.get(p.accountId()), applied, balances.getOrDefault(p.accountId(), Money.ZERO)));
        }
        AccountView first = accounts.get(accountIds.getFirst());
        model.addAttribute("receipt", r);
        model.addAttribute("lines", lines);
        model.addAttribute("memberName", members.member(first.memberId()).displayName());
        model.addAttribute("drawer", r.drawerId() == null ? null : drawers.drawer(r.drawerId()));
        model.addAttribute("mayReturn", permissions.hasRole(Role.BILLING) || permissions.hasRole(Role.SUPERVISOR) || permissions.hasRole(Role.ADMIN));
        return "payments/receipt";
    }

    /** Open charges of one day and kind (a bill's lines, say), in the order the next payment pays them. */
    record OpenGroup(LocalDate date, String kind, List<String> categories, BigDecimal open) {
        static List<OpenGroup> of(List<Allocation.OpenCharge> charges) {
            List<OpenGroup> groups = new ArrayList<>();
            for (Allocation.OpenCharge c : charges) {
                String kind = c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                OpenGroup last = groups.isEmpty() ? null : groups.getLast();
                if (last != null && last.date().equals(c.date()) && last.kind().equals(kind)) {
                    List<String> categories = new ArrayList<>(last.categories());
                    if (c.category() != null && !categories.contains(c.category().toLowerCase(java.util.Locale.ROOT))) {
                        categories.add(c.category().toLowerCase(java.util.Locale.ROOT));
                    }
                    groups.set(groups.size() - 1, new OpenGroup(last.date(), kind, categories, last.open().add(c.open())));
                } else {
                    groups.add(new OpenGroup(c.date(), kind,
                            c.category() == null ? List.of() : List.of(c.category().toLowerCase(java.util.Locale.ROOT)), c.open()));
                }
            }
            return groups;
        }
    }

    /** A payment on a receipt: the account it paid, the charges it paid, and the account's balance now. */
    record ReceiptLine(PaymentView payment, AccountView account, List<Applied> applied, Money balance) {
    }

    /** What part of a payment paid (a charge, or what was left as a credit). */
    record Applied(String what, LocalDate date, Money amount) {
    }

    @PostMapping("/payments/{paymentId}/reverse")
    String reverse(@PathVariable long paymentId, @RequestParam(required = false) String reason, @RequestParam(required = false) String back,
                   RedirectAttributes redirect) {
        String to = back != null && back.matches("/(payments|accounts)[/A-Za-z0-9?=&#-]*") ? back : "/payments/drawer";
        try {
            PaymentView p = payments.reverse(paymentId, reason);
            redirect.addFlashAttribute("notice", "Reversed payment " + p.id() + " of " + dollars(p.amount()) + ": " + p.reversal().reason() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Payment " + paymentId + " was not reversed: "
                    + e.violations().stream().map(v -> ("reason".equals(v.field()) ? "a reason " : "") + v.message())
                    .collect(Collectors.joining("; ")) + ".");
        } catch (NotAllowedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + to;
    }

    /** The bank returned a payment unpaid (an NSF check): reversed with the fee and a notice (BILLING, SUPERVISOR, ADMIN). */
    @PostMapping("/payments/{paymentId}/returned")
    String returned(@PathVariable long paymentId, @RequestParam(required = false) String code, @RequestParam(required = false) String reason,
                    @RequestParam(required = false) String waiveFee, RedirectAttributes redirect) {
        PaymentView p = payments.payment(paymentId);
        String to = "/payments/receipts/" + p.receiptId();
        if (!permissions.hasRole(Role.BILLING) && !permissions.hasRole(Role.SUPERVISOR) && !permissions.hasRole(Role.ADMIN)) {
            redirect.addFlashAttribute("problem", "Returned payments are recorded by Billing or a supervisor.");
            return "redirect:" + to;
        }
        if (code == null || !code.matches("[A-Z0-9]{1,10}")) {
            redirect.addFlashAttribute("problem", "Choose the return code the bank gave.");
            return "redirect:" + to;
        }
        if (p.reversed()) {
            redirect.addFlashAttribute("problem", "Payment " + paymentId + " was already " + (p.reversal().returned() ? "returned" : "reversed") + ".");
            return "redirect:" + to;
        }
        PaymentView back = payments.returned(paymentId, code, reason, waiveFee == null);
        redirect.addFlashAttribute("notice", "Payment " + paymentId + " of " + dollars(back.amount()) + " recorded as returned (" + code + ")"
                + (back.reversal().feeEntryId() == null ? "" : " and the returned-payment fee charged") + "; the member is sent a notice.");
        return "redirect:" + to;
    }

    @GetMapping("/accounts/{id}/payments")
    String accountTab(@PathVariable long id, Model model) {
        members.account(id);
        model.addAttribute("accountId", id);
        model.addAttribute("payments", payments.paymentsOf(id, 100));
        model.addAttribute("cashOnly", payments.cashOnly(id));
        model.addAttribute("autopay", ach.enrollmentOf(id).orElse(null));
        model.addAttribute("refunds", refunds.refundsOf(id));
        return "account :: payments";
    }

    /** Dollars typed by a person ($1,234.50 or 1234.5); null with a message in {@code errors} when unreadable or blank. */
    static Money money(String text, String field, Map<String, String> errors) {
        String clean = text == null ? "" : text.replace("$", "").replace(",", "").trim();
        if (clean.isEmpty()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(clean);
            if (value.stripTrailingZeros().scale() > 2) {
                errors.put(field, "'" + text.trim() + "' has more than two decimals");
                return null;
            }
            return new Money(value);
        } catch (NumberFormatException e) {
            errors.put(field, "'" + text.trim() + "' is not an amount of dollars");
            return null;
        }
    }

    static Long parseLong(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String dollars(Money m) {
        return m == null ? "" : (m.signum() < 0 ? "-$" : "$") + m.amount().abs().toPlainString();
    }
}

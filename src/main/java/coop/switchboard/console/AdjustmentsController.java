package coop.switchboard.console;

import coop.switchboard.billing.AdjustmentService;
import coop.switchboard.billing.BudgetPlanService;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Charges and adjustments on an account (any staff member, within their approval limit; above it a supervisor
 * approves from the approvals page), and budget billing enrollment.
 */
@Controller
class AdjustmentsController {
    private final AdjustmentService adjustments;
    private final BudgetPlanService budgets;
    private final MemberService members;

    AdjustmentsController(AdjustmentService adjustments, BudgetPlanService budgets, MemberService members) {
        this.adjustments = adjustments;
        this.budgets = budgets;
        this.members = members;
    }

    @GetMapping("/accounts/{id}/adjust")
    String page(@PathVariable long id, Model model) {
        AccountView account = members.account(id);
        model.addAttribute("account", account);
        model.addAttribute("memberName", members.member(account.memberId()).displayName());
        model.addAttribute("catalogue", adjustments.catalogue());
        model.addAttribute("reasons", adjustments.reasons());
        model.addAttribute("limit", adjustments.myLimit());
        model.addAttribute("history", adjustments.ofAccount(id, 50));
        model.addAttribute("plan", budgets.active(id).orElse(null));
        model.addAttribute("suggested", budgets.suggestedAmount(id));
        model.addAttribute("monthNames", java.util.Arrays.stream(java.time.Month.values())
                .map(m -> m.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.US)).toList());
        for (String form : List.of("charge", "adjust", "budget")) {
            if (!model.containsAttribute(form + "Errors")) {
                model.addAttribute(form + "Errors", Map.of());
                model.addAttribute(form + "Draft", Map.of());
            }
        }
        return "billing/adjust";
    }

    @PostMapping("/accounts/{id}/charges")
    String charge(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        members.account(id);
        try {
            AdjustmentService.AdjustmentView a = adjustments.charge(id, form.get("code"), form.get("note"));
            redirect.addFlashAttribute("notice", "Charged " + dollars(a.amount()) + " (" + a.note() + ").");
            return "redirect:/accounts/" + id + "/adjust";
        } catch (InvalidInputException e) {
            return again(id, "charge", form, e, model);
        }
    }

    @PostMapping("/accounts/{id}/adjustments")
    String adjust(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        members.account(id);
        Money amount = null;
        Map<String, String> parseErrors = new LinkedHashMap<>();
        String text = form.getOrDefault("amount", "").replace("$", "").replace(",", "").trim();
        if (!text.isEmpty()) {
            try {
                BigDecimal value = new BigDecimal(text);
                if (value.stripTrailingZeros().scale() > 2) {
                    parseErrors.put("amount", "'" + form.get("amount") + "' has more than two decimals");
                } else {
                    amount = new Money(value);
                }
            } catch (NumberFormatException e) {
                parseErrors.put("amount", "'" + form.get("amount") + "' is not an amount of dollars");
            }
        }
        try {
            // With an unreadable amount, adjust() refuses for want of one (saving nothing) and names the other fields too.
            AdjustmentService.AdjustmentView a = adjustments.adjust(id, form.get("reason"), amount, form.get("note"));
            redirect.addFlashAttribute("notice", a.pending()
                    ? "The adjustment of " + dollars(a.amount()) + " is over your limit of " + dollars(adjustments.myLimit())
                    + " and waits for a supervisor's approval."
                    : "Adjusted the account by " + dollars(a.amount()) + ".");
            return "redirect:/accounts/" + id + "/adjust";
        } catch (InvalidInputException e) {
            List<InvalidInputException.Violation> all = new java.util.ArrayList<>();
            parseErrors.forEach((f, m) -> all.add(new InvalidInputException.Violation(f, m)));
            e.violations().stream().filter(v -> !parseErrors.containsKey(v.field())).forEach(all::add);
            return again(id, "adjust", form, new InvalidInputException(all), model);
        }
    }

    @PostMapping("/accounts/{id}/budget")
    String enroll(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        members.account(id);
        String method = form.getOrDefault("method", "");
        try {
            Money fixed = null;
            Integer month = null;
            if ("FIXED".equals(method)) {
                String amount = form.getOrDefault("fixedAmount", "").replace("$", "").replace(",", "").trim();
                try {
                    fixed = amount.isEmpty() ? null : new Money(new BigDecimal(amount));
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new InvalidInputException("fixedAmount", "'" + form.get("fixedAmount") + "' is not an amount of dollars");
                }
                try {
                    month = form.getOrDefault("trueUpMonth", "").isBlank() ? null : Integer.valueOf(form.get("trueUpMonth").trim());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("trueUpMonth", "must be a month from 1 to 12");
                }
            }
            budgets.enroll(id, method, fixed, month);
            redirect.addFlashAttribute("notice", "FIXED".equals(method) ? "On budget billing: " + dollars(fixed) + " a month, settled each "
                    + java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.US) + "."
                    : "On budget billing: a rolling twelve-month average, recalculated each bill.");
            return "redirect:/accounts/" + id + "/adjust";
        } catch (InvalidInputException e) {
            return again(id, "budget", form, e, model);
        }
    }

    @PostMapping("/accounts/{id}/budget/end")
    String endBudget(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            budgets.end(id, reason);
            redirect.addFlashAttribute("notice", "Budget billing ended; the next bill asks for the whole balance.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/accounts/" + id + "/adjust";
    }

    @GetMapping("/billing/approvals")
    String approvals(Model model) {
        List<AdjustmentService.AdjustmentView> pending = adjustments.pending();
        model.addAttribute("pending", pending);
        model.addAttribute("accounts", members.accounts(pending.stream().map(AdjustmentService.AdjustmentView::accountId).distinct().toList())
                .stream().collect(Collectors.toMap(AccountView::id, AccountView::accountNumber)));
        model.addAttribute("mayApprove", adjustments.mayApprove());
        return "billing/approvals";
    }

    @PostMapping("/adjustments/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) String decisionNote, RedirectAttributes redirect) {
        try {
            AdjustmentService.AdjustmentView a = adjustments.approve(id, decisionNote);
            redirect.addFlashAttribute("notice", "Approved and posted " + dollars(a.amount()) + " on the account.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Not approved: " + e.getMessage());
        }
        return "redirect:/billing/approvals";
    }

    @PostMapping("/adjustments/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String decisionNote, RedirectAttributes redirect) {
        try {
            adjustments.reject(id, decisionNote);
            redirect.addFlashAttribute("notice", "Rejected adjustment " + id + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Not rejected: " + e.getMessage());
        }
        return "redirect:/billing/approvals";
    }

    private String again(long id, String form, Map<String, String> draft, InvalidInputException e, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.violations().forEach(v -> errors.merge(v.field(), v.message(), (a, b) -> a + "; " + b));
        model.addAttribute(form + "Errors", errors);
        model.addAttribute(form + "Draft", draft);
        return page(id, model);
    }

    private static String dollars(Money m) {
        return m == null ? "" : (m.signum() < 0 ? "-$" : "$") + m.amount().abs().toPlainString();
    }
}

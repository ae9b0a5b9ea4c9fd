package coop.switchboard.console;

import coop.switchboard.members.MemberService;
import coop.switchboard.payments.DepositService;
import coop.switchboard.payments.DrawerService;
import coop.switchboard.payments.DrawerView;
import coop.switchboard.payments.PaymentView;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bank deposit (what is ready, making it, the printable slip) and the day's money reports: the cash report by
 * tender, the payments register, and its reconciliation to the ledger's cash. Everyone may look; BILLING, SUPERVISOR
 * and ADMIN make the deposit.
 */
@Controller
class DepositController {
    private final DepositService deposits;
    private final DrawerService drawers;
    private final MemberService members;
    private final StaffPermissions permissions;
    private final Clock clock;

    DepositController(DepositService deposits, DrawerService drawers, MemberService members, StaffPermissions permissions, Clock clock) {
        this.deposits = deposits;
        this.drawers = drawers;
        this.members = members;
        this.permissions = permissions;
        this.clock = clock;
    }

    @GetMapping("/payments/deposit")
    String page(@RequestParam(required = false) String day, Model model) {
        LocalDate date = LocalDate.now(clock);
        try {
            if (day != null && !day.isBlank()) {
                date = LocalDate.parse(day.trim());
            }
        } catch (DateTimeParseException e) {
            model.addAttribute("dayProblem", "'" + day + "' is not a date (YYYY-MM-DD); showing today.");
        }
        DepositService.Slip pending = deposits.pending();
        model.addAttribute("pending", pending);
        model.addAttribute("totals", totals(pending));
        model.addAttribute("unapproved", deposits.unapproved());
        model.addAttribute("mayDeposit", permissions.hasRole(Role.BILLING) || permissions.hasRole(Role.SUPERVISOR) || permissions.hasRole(Role.ADMIN));
        model.addAttribute("recent", deposits.deposits(10));
        model.addAttribute("day", date);
        model.addAttribute("today", LocalDate.now(clock));
        List<DepositService.TenderLine> report = deposits.cashReport(date);
        model.addAttribute("report", report);
        model.addAttribute("reportReceived", report.stream().map(DepositService.TenderLine::received).reduce(Money.ZERO, Money::plus));
        model.addAttribute("reportReversed", report.stream().map(DepositService.TenderLine::reversed).reduce(Money.ZERO, Money::plus));
        model.addAttribute("reportNet", report.stream().map(DepositService.TenderLine::net).reduce(Money.ZERO, Money::plus));
        DepositService.Register register = deposits.register(date);
        model.addAttribute("register", register);
        model.addAttribute("accounts", accountNumbers(Stream.concat(register.posted().stream(), register.reversed().stream()).toList()));
        model.addAttribute("reconciliation", deposits.reconcile(date));
        return "payments/deposit";
    }

    @PostMapping("/payments/deposits")
    String deposit(@RequestParam(required = false) String bankReference, RedirectAttributes redirect) {
        try {
            DepositService.Slip slip = deposits.deposit(bankReference);
            redirect.addFlashAttribute("notice", "Deposit " + slip.deposit().id() + " made: " + PaymentsController.dollars(slip.deposit().total())
                    + ". Print the slip for the bank.");
            return "redirect:/payments/deposits/" + slip.deposit().id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "No deposit was made: "
                    + e.violations().stream().map(v -> ("bankReference".equals(v.field()) ? "the bank reference " : "") + v.message())
                    .collect(Collectors.joining("; ")) + ".");
            return "redirect:/payments/deposit";
        }
    }

    @GetMapping("/payments/deposits/{id}")
    String slip(@PathVariable long id, Model model) {
        DepositService.Slip slip = deposits.slip(id);
        Money batches = slip.batches().stream().map(DepositService.BatchTotal::total).reduce(Money.ZERO, Money::plus);
        model.addAttribute("slip", slip);
        model.addAttribute("d", slip.deposit());
        model.addAttribute("cards", slip.deposit().otherTotal().minus(batches));
        return "payments/slip";
    }

    /** What the pending deposit adds up to: cash less floats, checks, card settlements from the drawers, and batches. */
    record Totals(Money cash, Money checks, Money cards, Money batches) {
        public Money total() {
            return cash.plus(checks).plus(cards).plus(batches);
        }
    }

    private Totals totals(DepositService.Slip slip) {
        Money cash = slip.drawers().stream().map(DrawerView::cashToDeposit).reduce(Money.ZERO, Money::plus);
        Money checks = slip.checks().stream().map(DepositService.SlipCheck::amount).reduce(Money.ZERO, Money::plus);
        Money cards = slip.drawers().stream().map(d -> drawers.expected(d.id()).cards()).reduce(Money.ZERO, Money::plus);
        Money batches = slip.batches().stream().map(DepositService.BatchTotal::total).reduce(Money.ZERO, Money::plus);
        return new Totals(cash, checks, cards, batches);
    }

    private Map<Long, String> accountNumbers(List<PaymentView> list) {
        return members.accountNumbers(list.stream().map(PaymentView::accountId).distinct().toList());
    }
}

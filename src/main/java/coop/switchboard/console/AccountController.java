package coop.switchboard.console;

import coop.switchboard.billing.BillService;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.members.InteractionService;
import coop.switchboard.members.InteractionView;
import coop.switchboard.members.MemberService;
import coop.switchboard.payments.PaymentService;
import coop.switchboard.platform.AuditTrail;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.Map;

/** The account screen, its interaction log, its audit tab and the audited reveal of masked fields. */
@Controller
class AccountController {
    private final AccountOverviews overviews;
    private final InteractionService interactions;
    private final MemberService members;
    private final AuditTrail audit;
    private final StaffPermissions permissions;
    private final BillService bills;
    private final LedgerService ledger;
    private final java.time.Clock clock;
    private final PaymentService payments;

    AccountController(AccountOverviews overviews, InteractionService interactions, MemberService members,
                      AuditTrail audit, StaffPermissions permissions, BillService bills, LedgerService ledger, java.time.Clock clock,
                      PaymentService payments) {
        this.payments = payments;
        this.bills = bills;
        this.ledger = ledger;
        this.clock = clock;
        this.overviews = overviews;
        this.interactions = interactions;
        this.members = members;
        this.audit = audit;
        this.permissions = permissions;
    }

    @GetMapping("/accounts/{id}")
    String account(@PathVariable long id, Model model) {
        model.addAttribute("o", overviews.load(id));
        model.addAttribute("interactions", interactions.recent(id, 50));
        model.addAttribute("kinds", InteractionView.Kind.values());
        model.addAttribute("categories", InteractionService.CATEGORIES);
        model.addAttribute("mayReveal", permissions.mayReveal());
        model.addAttribute("balance", ledger.balance(id));
        model.addAttribute("aging", ledger.aging(id, java.time.LocalDate.now(clock)));
        model.addAttribute("lastBill", bills.lastIssued(id).orElse(null));
        model.addAttribute("lastPayment", ledger.lastPayment(id).orElse(null));
        model.addAttribute("cashOnly", payments.cashOnly(id));
        return "account";
    }

    @GetMapping("/accounts/{id}/bills")
    String billsTab(@PathVariable long id, Model model) {
        members.account(id);
        model.addAttribute("bills", bills.billsOf(id, 36));
        return "account :: bills";
    }

    @GetMapping("/accounts/{id}/ledger")
    String ledgerTab(@PathVariable long id, Model model) {
        members.account(id);
        model.addAttribute("entries", ledger.entries(id, 200));
        model.addAttribute("aging", ledger.aging(id, java.time.LocalDate.now(clock)));
        return "account :: ledger";
    }

    @PostMapping("/accounts/{id}/interactions")
    String logInteraction(@PathVariable long id, @RequestParam(required = false) String kind,
                          @RequestParam(required = false) String category, @RequestParam(required = false) String body,
                          Model model) {
        try {
            interactions.log(id, parseKind(kind), category, body);
            model.addAttribute("logged", true);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
            model.addAttribute("draft", Map.of("kind", kind == null ? "" : kind, "category", category == null ? "" : category,
                    "body", body == null ? "" : body));
        }
        model.addAttribute("accountId", id);
        model.addAttribute("interactions", interactions.recent(id, 50));
        model.addAttribute("kinds", InteractionView.Kind.values());
        model.addAttribute("categories", InteractionService.CATEGORIES);
        return "account :: interactions";
    }

    @GetMapping("/accounts/{id}/audit")
    String auditTab(@PathVariable long id, Model model) {
        members.account(id);
        model.addAttribute("records", audit.forAccount(id, 200));
        return "account :: audit";
    }

    @PostMapping("/accounts/{id}/reveal/{field}")
    String reveal(@PathVariable long id, @PathVariable String field, Model model) {
        if (!permissions.mayReveal()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your role may not reveal this field");
        }
        long memberId = members.account(id).memberId();
        Object value = switch (field) {
            case "taxId" -> members.revealTaxId(memberId, id);
            case "birthDate" -> members.revealBirthDate(memberId, id);
            case "photoId" -> members.revealPhotoIdNumber(memberId, id);
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such field");
        };
        model.addAttribute("value", value == null ? "not on file" : value.toString());
        return "account :: revealed";
    }

    private static InteractionView.Kind parseKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return InteractionView.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind", "must be one of CALL, EMAIL, WALK_IN, LETTER, NOTE");
        }
    }
}

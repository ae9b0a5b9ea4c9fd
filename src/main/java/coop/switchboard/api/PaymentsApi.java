package coop.switchboard.api;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.payments.Allocation;
import coop.switchboard.payments.PaymentRequest;
import coop.switchboard.payments.PaymentService;
import coop.switchboard.payments.PaymentView;
import coop.switchboard.payments.ReceiptView;
import coop.switchboard.payments.Tender;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Payments for the IVR, the portal, agencies and payment processors: post (with an idempotency key), reverse, list.
 * A post whose key was seen before returns the first receipt with {@code 200} and {@code Idempotent-Replayed: true}
 * instead of {@code 201}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
class PaymentsApi {
    private final PaymentService payments;
    private final MemberService members;
    private final StaffPermissions permissions;

    PaymentsApi(PaymentService payments, MemberService members, StaffPermissions permissions) {
        this.payments = payments;
        this.members = members;
        this.permissions = permissions;
    }

    /** One account's part: name it by {@code accountId} or {@code accountNumber}. */
    record PartJson(Long accountId, String accountNumber, BigDecimal amount) {
    }

    /**
     * A payment to post. Either {@code accountId}/{@code accountNumber} with {@code amount}, or {@code parts} to split it
     * across a member's accounts. The idempotency key comes from the body or the {@code Idempotency-Key} header.
     */
    record PostPayment(String idempotencyKey, Tender tender, Long accountId, String accountNumber, BigDecimal amount, List<PartJson> parts,
                       String reference, String checkNumber, String cardLast4, String payerName, Long drawerId, Long batchId,
                       LocalDate receivedOn) {
    }

    record Reverse(String reason) {
    }

    /** The bank returned the payment: {@code returnCode} as the bank gave it (NSF, R01...). */
    record Returned(String returnCode, String reason, Boolean chargeFee) {
    }

    record AppliedJson(Long entryId, BigDecimal amount) {
    }

    record PaymentJson(long id, long receiptId, long accountId, String accountNumber, BigDecimal amount, Tender tender, String reference,
                       String checkNumber, String cardLast4, LocalDate receivedOn, Long drawerId, Long batchId,
                       String postedBy, Instant postedAt, String status, String reversalReason, String returnCode, LocalDate reversedOn,
                       List<AppliedJson> allocation) {
    }

    record ReceiptJson(long id, String idempotencyKey, Tender tender, BigDecimal total, LocalDate receivedOn, String postedBy, Instant postedAt,
                       boolean replayed, List<PaymentJson> payments) {
    }

    @Operation(summary = "Post a payment", description = "Allocated to the account's open charges by the utility's order, oldest first; "
            + "an overpayment is a credit balance. The same idempotency key never posts twice.")
    @PostMapping("/payments")
    ResponseEntity<ReceiptJson> post(@RequestBody PostPayment body,
                                     @RequestHeader(value = "Idempotency-Key", required = false) String keyHeader) {
        if (body == null) {
            throw new InvalidInputException("body", "is required");
        }
        String key = body.idempotencyKey() != null ? body.idempotencyKey() : keyHeader;
        if (key != null && keyHeader != null && !key.equals(keyHeader)) {
            throw new InvalidInputException("idempotencyKey", "differs from the Idempotency-Key header");
        }
        List<PaymentRequest.Part> parts = parts(body);
        ReceiptView r = payments.post(new PaymentRequest(key, body.tender(), parts, body.reference(), body.checkNumber(), body.cardLast4(),
                body.payerName(), body.drawerId(), body.batchId(), body.receivedOn()));
        ReceiptJson json = json(r);
        return r.replayed()
                ? ResponseEntity.ok().header("Idempotent-Replayed", "true").body(json)
                : ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/payments/receipts/" + r.id()).body(json);
    }

    @Operation(summary = "Reverse a payment", description = "A new ledger entry takes the payment back; the payment is never edited.")
    @PostMapping("/payments/{id}/reversal")
    PaymentJson reverse(@PathVariable long id, @RequestBody Reverse body) {
        return json(payments.reverse(id, body == null ? null : body.reason()), true);
    }

    @Operation(summary = "Record a returned payment", description = "A check returned unpaid (NSF) or a draft returned by the bank: the payment "
            + "is reversed, the returned-payment fee charged (unless chargeFee is false) and the member notified; after the policy's number "
            + "of returned checks the account becomes cash-only. BILLING, SUPERVISOR or ADMIN.")
    @PostMapping("/payments/{id}/return")
    PaymentJson returned(@PathVariable long id, @RequestBody Returned body) {
        if (!permissions.hasRole(Role.BILLING) && !permissions.hasRole(Role.SUPERVISOR) && !permissions.hasRole(Role.ADMIN)) {
            throw new NotAllowedException("Returned payments are recorded by Billing or a supervisor.");
        }
        if (body == null || body.returnCode() == null || body.returnCode().isBlank()) {
            throw new InvalidInputException("returnCode", "is required (NSF, R01, ...)");
        }
        if (body.returnCode().trim().length() > 10) {
            throw new InvalidInputException("returnCode", "is longer than 10 characters");
        }
        return json(payments.returned(id, body.returnCode().trim().toUpperCase(java.util.Locale.ROOT), body.reason(),
                body.chargeFee() == null || body.chargeFee()), true);
    }

    @Operation(summary = "A payment")
    @GetMapping("/payments/{id}")
    PaymentJson payment(@PathVariable long id) {
        return json(payments.payment(id), true);
    }

    @Operation(summary = "A receipt and the payments it made")
    @GetMapping("/payments/receipts/{id}")
    ReceiptJson receipt(@PathVariable long id) {
        return json(payments.receipt(id));
    }

    @Operation(summary = "List payments", description = "An account's payments (newest first), or every payment received between two days.")
    @GetMapping("/payments")
    List<PaymentJson> list(@Parameter(description = "account id") @RequestParam(required = false) Long accountId,
                           @RequestParam(required = false) String accountNumber,
                           @Parameter(description = "first day received, YYYY-MM-DD") @RequestParam(required = false) LocalDate from,
                           @Parameter(description = "last day received, YYYY-MM-DD") @RequestParam(required = false) LocalDate to,
                           @RequestParam(defaultValue = "100") int limit) {
        Long account = accountId;
        if (account == null && accountNumber != null) {
            account = members.accountByNumber(accountNumber.trim()).map(AccountView::id)
                    .orElseThrow(() -> new InvalidInputException("accountNumber", "no account " + accountNumber.trim()));
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        List<PaymentView> found;
        if (from != null || to != null) {
            LocalDate first = from == null ? to.minusDays(31) : from;
            LocalDate last = to == null ? first.plusDays(31) : to;
            if (last.isBefore(first)) {
                throw new InvalidInputException("to", "is before from");
            }
            found = payments.received(first, last, account, limit);
        } else if (account != null) {
            found = payments.paymentsOf(account, limit);
        } else {
            throw new InvalidInputException("accountId", "name an account (accountId or accountNumber) or a period (from, to)");
        }
        Map<Long, String> numbers = members.accountNumbers(found.stream().map(PaymentView::accountId).distinct().toList());
        return found.stream().map(p -> json(p, false, null, numbers)).toList();
    }

    private List<PaymentRequest.Part> parts(PostPayment body) {
        InputChecks checks = new InputChecks();
        List<PaymentRequest.Part> parts = new ArrayList<>();
        if (body.parts() != null && !body.parts().isEmpty()) {
            if (body.accountId() != null || body.accountNumber() != null || body.amount() != null) {
                checks.add("parts", "give either parts or accountId/accountNumber with amount, not both");
            }
            for (int i = 0; i < body.parts().size(); i++) {
                PartJson p = body.parts().get(i);
                if (p == null) {
                    checks.add("parts[" + i + "]", "is required");
                    continue;
                }
                part(checks, "parts[" + i + "].", p.accountId(), p.accountNumber(), p.amount()).ifPresent(parts::add);
            }
        } else {
            part(checks, "", body.accountId(), body.accountNumber(), body.amount()).ifPresent(parts::add);
        }
        checks.throwIfAny();
        return parts;
    }

    private Optional<PaymentRequest.Part> part(InputChecks checks, String at, Long accountId, String accountNumber, BigDecimal amount) {
        Long id = accountId;
        if (id == null) {
            if (accountNumber == null || accountNumber.isBlank()) {
                checks.add(at + "accountId", "is required (or accountNumber)");
            } else {
                id = members.accountByNumber(accountNumber.trim()).map(AccountView::id).orElse(null);
                if (id == null) {
                    checks.add(at + "accountNumber", "no account " + accountNumber.trim());
                }
            }
        }
        Money money = null;
        if (amount == null) {
            checks.add(at + "amount", "is required");
        } else if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            checks.add(at + "amount", "has more than two decimals");
        } else {
            money = new Money(amount.setScale(2, java.math.RoundingMode.UNNECESSARY));
        }
        return id == null || money == null ? Optional.empty() : Optional.of(new PaymentRequest.Part(id, money));
    }

    private ReceiptJson json(ReceiptView r) {
        return new ReceiptJson(r.id(), r.idempotencyKey(), r.tender(), r.total().amount(), r.receivedOn(), r.postedBy(), r.postedAt(),
                r.replayed(), r.payments().stream().map(p -> json(p, true, r.allocations().get(p.id()), r.accountNumbers())).toList());
    }

    private PaymentJson json(PaymentView p, boolean withAllocation) {
        return json(p, withAllocation, null, members.accountNumbers(List.of(p.accountId())));
    }

    private PaymentJson json(PaymentView p, boolean withAllocation, List<Allocation.Applied> known, Map<Long, String> accountNumbers) {
        List<Allocation.Applied> applied = withAllocation ? (known != null ? known : payments.allocationOf(p.id())) : null;
        List<AppliedJson> allocation = applied == null ? null : applied.stream().map(a -> new AppliedJson(a.entryId(), a.amount())).toList();
        String accountNumber = accountNumbers.get(p.accountId());
        return new PaymentJson(p.id(), p.receiptId(), p.accountId(), accountNumber, p.amount().amount(), p.tender(), p.reference(),
                p.checkNumber(), p.cardLast4(), p.receivedOn(), p.drawerId(), p.batchId(), p.postedBy(), p.postedAt(),
                p.reversal() == null ? "POSTED" : p.reversal().returned() ? "RETURNED" : "REVERSED",
                p.reversal() == null ? null : p.reversal().reason(), p.reversal() == null ? null : p.reversal().returnCode(),
                p.reversal() == null ? null : p.reversal().reversedOn(), allocation);
    }
}

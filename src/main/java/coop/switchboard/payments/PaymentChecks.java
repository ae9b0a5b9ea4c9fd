package coop.switchboard.payments;

import coop.switchboard.members.MemberService;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.CheckDigit;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a payment request must satisfy before anything is written, every problem named by its field: the accounts exist
 * and belong to one member, amounts are positive and below the policy's largest, card details are the last four digits
 * only (a card number typed into a text field is refused), checks carry their number, cash-only accounts take no checks
 * or drafts, and counter tenders go into the person's own open drawer.
 */
@Component
class PaymentChecks {
    private static final Pattern LAST4 = Pattern.compile("\\d{4}");
    private static final Pattern CARD_NUMBER = Pattern.compile("\\d[\\d -]{11,22}\\d");
    private static final Money MAX = Money.of("9999999999.99");
    private final JdbcClient jdbc;
    private final MemberService members;
    private final PaymentPolicy policy;
    private final AuditLog audit;

    PaymentChecks(JdbcClient jdbc, MemberService members, PaymentPolicy policy, AuditLog audit) {
        this.jdbc = jdbc;
        this.members = members;
        this.policy = policy;
        this.audit = audit;
    }

    /** Whether returned payments have made the account cash-only (no checks or bank drafts). */
    boolean cashOnly(long accountId) {
        return jdbc.sql("select count(*) from payments.cash_only where account_id = ?").param(accountId).query(Integer.class).single() > 0;
    }

    /** Checks everything before anything is written; returns the accounts paid. */
    Map<Long, MemberService.AccountRef> check(PaymentRequest r, LocalDate today) {
        InputChecks checks = new InputChecks();
        if (r == null) {
            throw new InvalidInputException("body", "is required");
        }
        checks.required("idempotencyKey", r.idempotencyKey()).maxLength("idempotencyKey", r.idempotencyKey(), 100);
        checks.required("tender", r.tender());
        Map<Long, MemberService.AccountRef> accounts = new HashMap<>();
        if (r.parts() == null || r.parts().isEmpty()) {
            checks.add("parts", "name at least one account and amount");
        } else {
            List<Long> ids = r.parts().stream().filter(java.util.Objects::nonNull).map(PaymentRequest.Part::accountId).toList();
            accounts.putAll(members.accountRefs(ids));
            TreeSet<Long> seen = new TreeSet<>();
            for (int i = 0; i < r.parts().size(); i++) {
                PaymentRequest.Part p = r.parts().get(i);
                String at = r.parts().size() == 1 ? "" : "parts[" + i + "].";
                if (p == null) {
                    checks.add("parts[" + i + "]", "is required");
                    continue;
                }
                if (!accounts.containsKey(p.accountId())) {
                    checks.add(at + "accountId", "no account " + p.accountId());
                } else if (!seen.add(p.accountId())) {
                    checks.add(at + "accountId", "account " + accounts.get(p.accountId()).accountNumber() + " is named twice");
                }
                if (p.amount() == null) {
                    checks.add(at + "amount", "is required");
                } else if (p.amount().signum() <= 0) {
                    checks.add(at + "amount", "must be more than zero");
                } else if (p.amount().compareTo(policy.largestPayment()) > 0) {
                    checks.add(at + "amount", "is more than the largest payment accepted ($" + policy.largestPayment() + ")");
                }
                if (r.tender() != null && r.tender().returnable() && cashOnly(p.accountId())) {
                    checks.add(at + "accountId", "account " + accounts.get(p.accountId()).accountNumber()
                            + " is cash-only after returned payments: take cash, a money order or a card");
                }
            }
            if (accounts.size() > 1) {
                long membersPaid = accounts.values().stream().map(MemberService.AccountRef::memberId).distinct().count();
                if (membersPaid > 1) {
                    checks.add("parts", "a payment may be split only across one member's accounts");
                }
            }
        }
        if (r.total().compareTo(MAX) > 0) {
            checks.add("parts", "total is too large");
        }
        if (r.tender() == Tender.CARD) {
            checks.required("cardLast4", r.cardLast4());
            checks.required("reference", r.reference());
        }
        if (r.cardLast4() != null && !r.cardLast4().isBlank() && !LAST4.matcher(r.cardLast4().trim()).matches()) {
            checks.add("cardLast4", "must be the card's last four digits only");
        }
        for (String[] field : new String[][]{{"reference", r.reference()}, {"payerName", r.payerName()}, {"checkNumber", r.checkNumber()}}) {
            if (field[1] != null && looksLikeCardNumber(field[1])) {
                checks.add(field[0], "looks like a card number: keep only the processor's reference and the last four digits");
            }
        }
        if (r.tender() == Tender.CHECK || r.tender() == Tender.MONEY_ORDER) {
            checks.required("checkNumber", r.checkNumber());
        }
        checks.maxLength("reference", r.reference(), 80).maxLength("checkNumber", r.checkNumber(), 20).maxLength("payerName", r.payerName(), 120);
        if (r.receivedOn() != null && r.receivedOn().isAfter(today)) {
            checks.add("receivedOn", "cannot be after today");
        }
        if (r.drawerId() != null) {
            if (r.tender() != null && !r.tender().counter()) {
                checks.add("drawerId", r.tender() + " payments do not go through a cash drawer");
            } else if (r.batchId() != null) {
                checks.add("batchId", "a payment goes into a drawer or a batch, not both");
            } else {
                Optional<String> owner = jdbc.sql("select opened_by from payments.drawer where id = ? and status = 'OPEN'")
                        .param(r.drawerId()).query(String.class).optional();
                if (owner.isEmpty()) {
                    checks.add("drawerId", "drawer " + r.drawerId() + " is not open");
                } else if (!owner.get().equals(audit.currentActor())) {
                    checks.add("drawerId", "drawer " + r.drawerId() + " is " + owner.get() + "'s; post into your own drawer");
                }
            }
        } else if (r.tender() != null && r.tender().counter() && r.batchId() == null) {
            // Checks from a lockbox file arrive in the file's batch; at the counter they go into a drawer.
            checks.add("drawerId", "open a cash drawer first: " + r.tender().label().toLowerCase() + " is taken into a drawer");
        }
        if (r.batchId() != null && jdbc.sql("select count(*) from payments.batch where id = ?").param(r.batchId())
                .query(Integer.class).single() == 0) {
            checks.add("batchId", "no batch " + r.batchId());
        }
        checks.throwIfAny();
        return accounts;
    }

    /** A card number typed into a free-text field: 13 to 19 digits passing the Luhn check. */
    static boolean looksLikeCardNumber(String text) {
        var m = CARD_NUMBER.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && CheckDigit.isValid(digits)) {
                return true;
            }
        }
        return false;
    }
}

package coop.switchboard.payments;

import coop.switchboard.shared.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * A payment to post: one tender paying one or more of a member's accounts. {@code idempotencyKey} names the attempt:
 * posting it again (a retry, a double click) returns the first receipt and posts nothing. Counter tenders name the
 * person's open {@code drawerId}; others may name a {@code batchId} (the day's batch for their kind is used otherwise).
 * {@code receivedOn} defaults to today.
 */
public record PaymentRequest(String idempotencyKey, Tender tender, List<Part> parts, String reference, String checkNumber,
                             String cardLast4, String payerName, Long drawerId, Long batchId, LocalDate receivedOn) {

    /** What the payment pays on one account. */
    public record Part(long accountId, Money amount) {
    }

    public static PaymentRequest single(String idempotencyKey, Tender tender, long accountId, Money amount, String reference,
                                        Long drawerId) {
        return new PaymentRequest(idempotencyKey, tender, List.of(new Part(accountId, amount)), reference, null, null, null, drawerId,
                null, null);
    }

    public Money total() {
        Money total = Money.ZERO;
        for (Part p : parts == null ? List.<Part>of() : parts) {
            if (p != null && p.amount() != null) {
                total = total.plus(p.amount());
            }
        }
        return total;
    }
}

package coop.switchboard.payments;

import coop.switchboard.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What was handed over once and the payments it made. {@code allocations} holds how each payment was applied, by
 * payment id, when the receipt was just posted (empty when it was read back: ask {@code PaymentService.allocationOf}). {@code replayed} is true when a post with an idempotency key
 * already used returned this earlier receipt instead of posting again. {@code accountNumbers} names each paid account by
 * its id, so a reply can show the numbers without looking them up again.
 */
public record ReceiptView(long id, String idempotencyKey, Tender tender, Money total, String reference, String checkNumber,
                          String cardLast4, String payerName, Long drawerId, Long batchId, LocalDate receivedOn, String postedBy,
                          Instant postedAt, List<PaymentView> payments, Map<Long, List<Allocation.Applied>> allocations,
                          Map<Long, String> accountNumbers, boolean replayed) {

    ReceiptView asReplay() {
        return new ReceiptView(id, idempotencyKey, tender, total, reference, checkNumber, cardLast4, payerName, drawerId, batchId,
                receivedOn, postedBy, postedAt, payments, allocations, accountNumbers, true);
    }
}

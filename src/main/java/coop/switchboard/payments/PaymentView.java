package coop.switchboard.payments;

import coop.switchboard.shared.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A payment to one account, and its reversal if it was taken back. Its ledger entry is the PAYMENT entry whose source
 * is this payment.
 */
public record PaymentView(long id, long receiptId, long accountId, Money amount, Tender tender, String reference, String checkNumber,
                          String cardLast4, LocalDate receivedOn, Long drawerId, Long batchId, String postedBy,
                          Instant postedAt, Reversal reversal) {

    /** Why and when it was taken back; {@code returned} when the bank returned it (with its return code). */
    public record Reversal(String reason, boolean returned, String returnCode, LocalDate reversedOn, String reversedBy,
                           Long feeEntryId) {
    }

    public boolean reversed() {
        return reversal != null;
    }

    public String tenderText() {
        String text = tender.label();
        if (checkNumber != null) {
            text += " #" + checkNumber;
        }
        if (cardLast4 != null) {
            text += " ending " + cardLast4;
        }
        return text;
    }
}

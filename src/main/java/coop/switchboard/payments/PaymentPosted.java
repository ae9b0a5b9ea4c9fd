package coop.switchboard.payments;

import coop.switchboard.shared.Money;

import java.time.LocalDate;

/** A payment was posted to an account (collections may cancel a pending disconnect on it). */
public record PaymentPosted(long paymentId, long accountId, Money amount, Tender tender, LocalDate postedOn) {
}

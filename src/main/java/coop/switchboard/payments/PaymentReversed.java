package coop.switchboard.payments;

import coop.switchboard.shared.Money;

import java.time.LocalDate;

/** A payment was taken back, by a person or because the bank returned it ({@code returned}). */
public record PaymentReversed(long paymentId, long accountId, Money amount, String reason, boolean returned, LocalDate reversedOn) {
}

package coop.switchboard.payments;

import coop.switchboard.shared.Money;

import java.time.LocalDate;

/** The bank returned a payment unpaid (an NSF check, an ACH return with its code). */
public record PaymentReturned(long paymentId, long accountId, Money amount, String returnCode, LocalDate returnedOn) {
}

package coop.switchboard.agreements;

import java.time.LocalDate;

/**
 * A member moved their service in one step: agreement {@code stoppedAgreementId} on {@code fromAccountId} stopped and
 * agreement {@code startedAgreementId} on {@code toAccountId} started on {@code startDate}. When the accounts differ
 * and {@code moveBalance} is set, the member asked for the old account's balance to follow them to the new account
 * (the ledger moves it; the stopped agreement's id is the business key). Published after the
 * {@link ServiceStopped} and {@link ServiceStarted} of the same transfer.
 */
public record ServiceTransferred(long fromAccountId, long toAccountId, boolean moveBalance, long stoppedAgreementId,
                                 long startedAgreementId, LocalDate startDate) {
}

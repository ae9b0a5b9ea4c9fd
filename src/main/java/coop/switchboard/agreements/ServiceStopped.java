package coop.switchboard.agreements;

import java.time.LocalDate;

/**
 * A service agreement ended on {@code endDate} with its final read (the agreement covers {@code [startDate, endDate)}):
 * billing issues the final bill for it. Published in the stopping transaction, also for the stop half of a transfer.
 */
public record ServiceStopped(long agreementId, long accountId, long servicePointId, String rateScheduleCode, LocalDate endDate) {
}

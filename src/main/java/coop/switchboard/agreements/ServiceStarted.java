package coop.switchboard.agreements;

import java.time.LocalDate;

/** A service agreement began: the account takes the service at the service point on the rate schedule from {@code startDate}. */
public record ServiceStarted(long agreementId, long accountId, long servicePointId, String rateScheduleCode, LocalDate startDate) {
}

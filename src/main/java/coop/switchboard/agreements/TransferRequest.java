package coop.switchboard.agreements;

import java.time.LocalDate;

/**
 * A transfer of service: stop agreement {@code agreementId} on {@code endDate} with its final read, and start the
 * service point {@code servicePointId} on {@code rateScheduleCode} from {@code startDate} with its initial read, on
 * the same account ({@code toAccountId} null) or on another account of the same member, moving the balance there
 * when {@code moveBalance} is set.
 */
public record TransferRequest(Long agreementId, LocalDate endDate, MoveRead finalRead, Long servicePointId,
                              String rateScheduleCode, LocalDate startDate, MoveRead initialRead, Long toAccountId,
                              boolean moveBalance) {
}

package coop.switchboard.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of the read exceptions queue: the rule a read failed (or a read that never came, {@code readId} null),
 * with the read's date, reading and usage since the previous valid read, and where the work stands.
 *
 * @param readDate       the read's date, or for a missing read the cycle read date it was due ({@code expectedOn})
 * @param servicePointId where the meter stood on that date (null when it stood nowhere)
 * @param status         OPEN, REREAD_REQUESTED, or resolved: ACCEPTED, EDITED, ESTIMATED
 * @param resolvedBy     who resolved it (or requested the re-read), and when; with the resolution in words
 */
public record ReadExceptionView(long id, Long readId, long meterId, String meterNumber, Integer cycleNumber, String routeCode,
                                Long servicePointId, String rule, String ruleLabel, String message, String status,
                                LocalDate readDate, LocalDate expectedOn, Register register, BigDecimal reading,
                                BigDecimal usage, String readType, String readStatus, Instant createdAt, String resolvedBy,
                                Instant resolvedAt, String resolution) {

    /** A read that never came: there is nothing to accept or edit, only to estimate or read again. */
    public boolean missingRead() {
        return readId == null;
    }

    /** Still waiting for someone: open, or a re-read was asked for. */
    public boolean unresolved() {
        return "OPEN".equals(status) || "REREAD_REQUESTED".equals(status);
    }

    public boolean rereadRequested() {
        return "REREAD_REQUESTED".equals(status);
    }

    public String unit() {
        return register == null ? "" : register.unit();
    }
}

package coop.switchboard.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A stored read with the usage since the read before it (null for the first read of a meter or a demand register),
 * its status (VALID, EXCEPTION, REPLACED, REJECTED), and the open validation findings on it.
 */
public record ReadView(long id, long meterId, String meterNumber, Register register, LocalDate readDate, Instant readAt,
                       BigDecimal reading, ReadType type, ReadSource source, String reader, String status, BigDecimal usage,
                       boolean rolledOver, String reason, List<String> findings) {
}

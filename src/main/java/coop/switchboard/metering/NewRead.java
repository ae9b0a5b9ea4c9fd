package coop.switchboard.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A register read as entered or delivered: the meter, the register, the day (and, when known, the instant) it was
 * read, the number on the register, why and how it was taken, and who read it.
 */
public record NewRead(String meterNumber, Register register, LocalDate readDate, Instant readAt, BigDecimal reading,
                      ReadType type, ReadSource source, String reader, String note) {
}

package coop.switchboard.metering;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Replacing a meter in one action: the old meter's removal read and the new meter's install read on the same day.
 * The new meter is one in stock ({@code newMeterNumber} exists and stands nowhere) or, with {@code newKind} and
 * {@code newDials} given, a meter added to stock by this exchange.
 */
public record MeterExchange(String oldMeterNumber, BigDecimal removalReading, String newMeterNumber, BigDecimal installReading,
                            LocalDate date, String reason, String newKind, Integer newDials, BigDecimal newMultiplier, Boolean newAmi) {
}

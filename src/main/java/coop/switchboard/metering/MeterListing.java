package coop.switchboard.metering;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A meter in a list: what it is, its cycle and route, and where it stands now ({@code servicePointId} null when in stock). */
public record MeterListing(String meterNumber, String serviceType, String kind, boolean ami, boolean netMetered, BigDecimal multiplier,
                           int dials, Integer cycle, String route, Long servicePointId, LocalDate installedOn) {
}

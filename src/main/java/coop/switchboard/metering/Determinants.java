package coop.switchboard.metering;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a service point used in a billing period {@code [from, to)}: totals per register (kWh, kvarh, gallons, ccf,
 * received kWh; the maximum for kW), from register reads or, for a meter with complete interval data, from its
 * intervals (then also the peak interval demand and when, and daily totals). {@code billable} is false when the
 * period cannot be billed from what is there, and {@code problems} says why in words a billing clerk can act on.
 */
public record Determinants(long servicePointId, LocalDate from, LocalDate to, Map<Register, BigDecimal> totals,
                           boolean estimated, String source, BigDecimal peakKw, LocalDateTime peakAt, List<DailyUsage> daily,
                           List<MeterPart> meters, boolean billable, List<String> problems) {

    /** One meter's share of the period (two after a meter exchange). */
    public record MeterPart(String meterNumber, LocalDate from, LocalDate to, Map<Register, BigDecimal> usage) {
    }

    /** A day's kWh from interval data, and whether every interval of it arrived. */
    public record DailyUsage(LocalDate day, BigDecimal kwh, boolean complete) {
    }
}

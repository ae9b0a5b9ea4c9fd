package coop.switchboard.metering.validation;

import coop.switchboard.shared.Quantity;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the rules need to judge one incoming read.
 *
 * @param rateClass               e.g. residential, commercial, irrigation, water (picks the thresholds; case-insensitive)
 * @param measure                 the unit printed in messages: kWh, kW, gal, ccf
 * @param serviceActive           the service at this point is active (someone is billed for it)
 * @param premiseVacantOrInactive the premise is vacant or inactive
 * @param readDate                the day the read was taken
 * @param windowFrom              first day of the cycle's read window (inclusive); null for no lower bound
 * @param windowTo                last day of the cycle's read window (inclusive); null for no upper bound
 * @param current                 this read's period and usage; usage may be negative for reverse flow
 * @param demandKw                the read's demand, may be null
 * @param meterRatingKw           the meter's rating, may be null
 * @param history                 earlier periods, newest first, up to about 24 (null for none)
 */
public record ReadCheck(String rateClass, String measure, boolean serviceActive, boolean premiseVacantOrInactive,
                        LocalDate readDate, LocalDate windowFrom, LocalDate windowTo, PeriodUsage current,
                        Quantity demandKw, Quantity meterRatingKw, List<PeriodUsage> history) {
    public ReadCheck {
        if (readDate == null) {
            throw new IllegalArgumentException("readDate is required");
        }
        if (current == null) {
            throw new IllegalArgumentException("current period is required");
        }
        if (windowFrom != null && windowTo != null && windowTo.isBefore(windowFrom)) {
            throw new IllegalArgumentException("read window ends before it starts (" + windowFrom + " to " + windowTo + ")");
        }
        measure = measure == null ? "" : measure.trim();
        history = history == null ? List.of() : List.copyOf(history);
    }
}

package coop.switchboard.metering.validation;

import coop.switchboard.shared.Quantity;

/**
 * An estimated usage for one period, always billed as estimated.
 *
 * @param usage       whole units (kWh, gal), rounded half-up; zero with {@link Method#NONE}
 * @param method      how it was worked out
 * @param explanation plain words with the numbers, for the console and the member's questions
 */
public record Estimate(Quantity usage, Method method, String explanation) {
    public Estimate {
        if (usage == null || method == null || explanation == null || explanation.isBlank()) {
            throw new IllegalArgumentException("an estimate needs usage, method and explanation");
        }
    }

    public enum Method {
        /** The same period last year, per day × this period's days, scaled by how recent periods compare with a year earlier. */
        SAME_PERIOD_LAST_YEAR_SCALED,
        /** Average daily use of the history (actual reads preferred) × this period's days. */
        AVERAGE_DAILY,
        /** No history at all: zero, to be entered by hand. */
        NONE
    }
}

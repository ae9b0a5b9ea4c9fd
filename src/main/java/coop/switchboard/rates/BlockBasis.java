package coop.switchboard.rates;

import java.util.Locale;

/** What a block's {@code upTo} limits count. */
public enum BlockBasis {
    /**
     * The period's total usage (URDB and NREL SAM): with time-of-use periods, each period's usage is spread across
     * the tiers in proportion to its share of the total.
     */
    TOTAL,
    /** Each time-of-use period's own usage, against that period's blocks. */
    PERIOD,
    /** Per day: the limit times the days in the period (URDB "kWh daily"). */
    DAILY,
    /** Per kW of billing demand ("hours use" blocks, URDB "kWh/kW"). */
    PER_KW;

    public static BlockBasis parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "total", "month" -> TOTAL;
            case "period" -> PERIOD;
            case "daily", "day" -> DAILY;
            case "per-kw", "kwh/kw", "hours-use" -> PER_KW;
            default -> throw new IllegalArgumentException("unknown block basis '" + text + "' (total, period, daily, per-kw)");
        };
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

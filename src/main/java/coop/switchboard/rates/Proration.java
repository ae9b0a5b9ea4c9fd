package coop.switchboard.rates;

import java.util.Locale;

/**
 * How a monthly amount (a customer charge, a block size, a demand charge) is fitted to a service period that is not
 * one month long. The standard month and the regular cycle window are set per tariff version ({@link ProrationRules}).
 */
public enum Proration {
    /** Always one month's worth, whatever the length of the period. */
    NONE,
    /** One month for a regular cycle period; a period outside the window (move-in, move-out) is prorated by days. */
    PARTIAL,
    /** Always prorated by days: days in the period over the standard month. */
    DAYS;

    public static Proration parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "partial" -> PARTIAL;
            case "days" -> DAYS;
            default -> throw new IllegalArgumentException("unknown proration '" + text + "' (none, partial, days)");
        };
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}

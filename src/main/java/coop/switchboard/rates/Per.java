package coop.switchboard.rates;

import java.util.Locale;

/** What a fixed amount is per. */
public enum Per {
    MONTH, DAY;

    public static Per parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "month", "$/month" -> MONTH;
            case "day", "$/day" -> DAY;
            default -> throw new IllegalArgumentException("unknown 'per' '" + text + "' (month, day)");
        };
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package coop.switchboard.rates;

import java.util.Locale;

/** What a usage-based component is priced on. */
public enum Measure {
    KWH("kWh"), KW("kW"), KVARH("kvarh"), GALLONS("gal"), CCF("ccf");

    private final String unit;

    Measure(String unit) {
        this.unit = unit;
    }

    /** The unit as bills print it. */
    public String unit() {
        return unit;
    }

    /** Reads {@code kWh}, {@code gallons}, {@code ccf} ... as written in tariff files. */
    public static Measure parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "kwh" -> KWH;
            case "kw" -> KW;
            case "kvarh", "kvar" -> KVARH;
            case "gal", "gallon", "gallons" -> GALLONS;
            case "ccf", "hcf" -> CCF;
            default -> throw new IllegalArgumentException("unknown measure '" + text + "' (kWh, kW, kvarh, gallons, ccf)");
        };
    }
}

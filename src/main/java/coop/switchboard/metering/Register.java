package coop.switchboard.metering;

import java.util.Locale;

/** A meter register: what a read's number counts. */
public enum Register {
    KWH("kWh", true), KWH_RECEIVED("kWh received", true), KW("kW", false), KVARH("kvarh", true), GALLONS("gal", true), CCF("ccf", true);

    private final String unit;
    private final boolean cumulative;

    Register(String unit, boolean cumulative) {
        this.unit = unit;
        this.cumulative = cumulative;
    }

    public String unit() {
        return unit;
    }

    /** Cumulative registers count up (usage is the difference of two reads); a demand register holds the period's maximum. */
    public boolean cumulative() {
        return cumulative;
    }

    public static Register parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return switch (t) {
            case "KWH", "KWH_DELIVERED" -> KWH;
            case "KWH_RECEIVED", "RECEIVED" -> KWH_RECEIVED;
            case "KW", "DEMAND" -> KW;
            case "KVARH" -> KVARH;
            case "GAL", "GALLON", "GALLONS" -> GALLONS;
            case "CCF", "HCF" -> CCF;
            default -> throw new IllegalArgumentException("unknown register '" + text + "' (kWh, kWh_received, kW, kvarh, gallons, ccf)");
        };
    }
}

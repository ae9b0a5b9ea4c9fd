package coop.switchboard.metering;

import java.util.Locale;

/** Why a read was taken. */
public enum ReadType {
    ACTUAL, ESTIMATED, CUSTOMER, INITIAL, FINAL, REMOVAL;

    public static ReadType parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "CUSTOMER_READ", "CUSTOMER" -> CUSTOMER;
            case "INSTALL", "INITIAL" -> INITIAL;
            default -> {
                try {
                    yield valueOf(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown read type '" + text + "' (actual, estimated, customer, initial, final, removal)");
                }
            }
        };
    }
}

package coop.switchboard.metering;

import java.util.Locale;

/** How a read reached Switchboard. */
public enum ReadSource {
    HANDHELD, AMR, AMI, MANUAL, PORTAL, ESTIMATE;

    public static ReadSource parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (t) {
            case "DRIVE_BY", "DRIVEBY", "AMR" -> AMR;
            case "MEMBER_PORTAL", "PORTAL" -> PORTAL;
            default -> {
                try {
                    yield valueOf(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown source '" + text + "' (handheld, amr, ami, manual, portal)");
                }
            }
        };
    }
}

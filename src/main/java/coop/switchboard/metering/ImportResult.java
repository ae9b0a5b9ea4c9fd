package coop.switchboard.metering;

import java.util.List;

/**
 * What importing a file did: lines read, values added, the lines rejected (with their line numbers and reasons), and
 * whether the file had been imported before (then nothing was added).
 */
public record ImportResult(String file, String kind, long linesRead, long added, boolean alreadyImported,
                           List<String> rejected, long rejectedCount, double seconds) {
    /** One line of JSON for the command line. */
    public String json() {
        return String.format(java.util.Locale.ROOT,
                "{\"file\":\"%s\",\"kind\":\"%s\",\"lines\":%d,\"added\":%d,\"alreadyImported\":%b,\"rejected\":%d,\"seconds\":%.2f}",
                file.replace("\\", "\\\\").replace("\"", "\\\""), kind, linesRead, added, alreadyImported, rejectedCount, seconds);
    }
}

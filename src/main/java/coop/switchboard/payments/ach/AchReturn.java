package coop.switchboard.payments.ach;

import java.util.Objects;

/**
 * One return or notification of change the bank sent back about an entry the utility originated.
 * {@code originalTrace} is the trace number of the utility's entry; {@code reasonCode} the R or C code and
 * {@code reasonTitle} its title; {@code individualId} and {@code individualName} are what the utility put in its entry
 * (its account number and the member's name). For a NOC, {@code correctedData} is the raw corrected data and
 * {@code correction} what it means (null for a change code without bank account data); both are null for a return.
 * {@code line} is the entry's line in the file.
 */
public record AchReturn(Kind kind, String originalTrace, String reasonCode, String reasonTitle, long amountCents,
                        String individualId, String individualName, String correctedData, AchCorrection correction,
                        int line) {
    public enum Kind {
        /** The entry was not posted: money did not move, or moved back. */
        RETURN,
        /** The entry was posted, but the member's bank details on file must be corrected before the next one. */
        NOC
    }

    public AchReturn {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(originalTrace, "originalTrace");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(reasonTitle, "reasonTitle");
    }
}

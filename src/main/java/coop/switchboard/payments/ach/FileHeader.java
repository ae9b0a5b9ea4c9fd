package coop.switchboard.payments.ach;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The file header record (type 1). {@code immediateDestination} is the 9-digit routing number of the bank or operator
 * the file goes to; {@code immediateOrigin} is the sender's 10-character identifier (often a company id or a routing
 * number), kept without surrounding spaces. {@code fileCreationTime} is null when the file leaves it blank;
 * {@code fileIdModifier} (A-Z, 0-9) tells apart files created on the same day.
 */
public record FileHeader(String immediateDestination, String immediateOrigin, LocalDate fileCreationDate,
                         LocalTime fileCreationTime, char fileIdModifier, String destinationName, String originName,
                         String referenceCode) {
    public FileHeader {
        Objects.requireNonNull(immediateDestination, "immediateDestination");
        Objects.requireNonNull(immediateOrigin, "immediateOrigin");
        Objects.requireNonNull(fileCreationDate, "fileCreationDate");
        Objects.requireNonNull(destinationName, "destinationName");
        Objects.requireNonNull(originName, "originName");
        Objects.requireNonNull(referenceCode, "referenceCode");
    }
}

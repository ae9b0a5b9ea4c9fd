package coop.switchboard.payments.ach;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The batch header record (type 5). {@code serviceClassCode} is 200 (debits and credits), 220 (credits only) or 225
 * (debits only). {@code effectiveEntryDate} is the date the originator asked for settlement; null when the field is
 * blank or zeros, as it is in some return and NOC batches. {@code originatingDfi} is the 8-digit routing prefix of the
 * originator's bank, which starts every trace number in the batch.
 *
 * <p>In an IAT batch the same positions hold the IAT header's fields: {@code companyName} the IAT indicator,
 * {@code companyDiscretionaryData} the foreign exchange indicator, reference and destination country,
 * {@code companyIdentification} the originator identification and {@code companyDescriptiveDate} the origin and
 * destination currency codes.
 */
public record BatchHeader(int serviceClassCode, String companyName, String companyDiscretionaryData,
                          String companyIdentification, SecCode secCode, String companyEntryDescription,
                          String companyDescriptiveDate, LocalDate effectiveEntryDate, char originatorStatusCode,
                          String originatingDfi, int batchNumber) {
    public static final int MIXED = 200;
    public static final int CREDITS_ONLY = 220;
    public static final int DEBITS_ONLY = 225;

    public BatchHeader {
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(companyDiscretionaryData, "companyDiscretionaryData");
        Objects.requireNonNull(companyIdentification, "companyIdentification");
        Objects.requireNonNull(secCode, "secCode");
        Objects.requireNonNull(companyEntryDescription, "companyEntryDescription");
        Objects.requireNonNull(companyDescriptiveDate, "companyDescriptiveDate");
        Objects.requireNonNull(originatingDfi, "originatingDfi");
    }
}

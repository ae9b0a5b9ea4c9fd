package coop.switchboard.payments.ach;

import java.util.Objects;

/**
 * Who sends an ACH file and to whom, as the utility's bank set it up: {@code immediateDestination} is the 9-digit
 * routing number the file goes to (the bank or its processor) and {@code destinationName} its name;
 * {@code immediateOrigin} is the sender's identifier in the file header (10 characters at most, often "1" and the
 * utility's EIN, or the bank's routing number); {@code companyName} and {@code companyIdentification} (10 characters
 * at most) identify the utility in every batch and on the member's bank statement; {@code originatingDfi} is the first
 * 8 digits of the bank's routing number, which also begin every trace number.
 */
public record AchOrigin(String immediateDestination, String destinationName, String immediateOrigin,
                        String companyName, String companyIdentification, String originatingDfi) {
    public AchOrigin {
        AbaRouting.requireValid(immediateDestination);
        Objects.requireNonNull(destinationName, "destinationName");
        require(immediateOrigin, 10, "immediate origin");
        require(companyName, Integer.MAX_VALUE, "company name");
        require(companyIdentification, 10, "company identification");
        if (originatingDfi == null || originatingDfi.length() != 8 || !AbaRouting.allDigits(originatingDfi)) {
            throw new IllegalArgumentException("the originating DFI is the 8 digits of a routing number before its check digit, not \""
                    + originatingDfi + "\"");
        }
    }

    private static void require(String value, int max, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.strip().length() > max) {
            throw new IllegalArgumentException(field + " \"" + value + "\" is longer than " + max + " characters");
        }
    }
}

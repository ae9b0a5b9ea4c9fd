package coop.switchboard.payments.ach;

import java.util.Optional;

/**
 * ABA routing transit numbers: nine digits whose last is a check digit. The digits weighted 3, 7, 1, 3, 7, 1, 3, 7, 1
 * must sum to a multiple of ten, which catches every single-digit typo and most transpositions.
 */
public final class AbaRouting {
    private static final int[] WEIGHTS = {3, 7, 1, 3, 7, 1, 3, 7, 1};

    private AbaRouting() {
    }

    /** Whether {@code nineDigits} is nine digits, not all zeros, with a correct check digit. */
    public static boolean valid(String nineDigits) {
        return problem(nineDigits).isEmpty();
    }

    /** The check digit that completes an eight-digit routing prefix (a DFI identification). */
    public static char checkDigit(String eightDigits) {
        if (eightDigits == null || eightDigits.length() != 8 || !allDigits(eightDigits)) {
            throw new IllegalArgumentException("a routing number's check digit completes 8 digits, not \"" + eightDigits + "\"");
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (eightDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /**
     * What is wrong with {@code nineDigits} as a routing number, in words a person can act on (for example
     * "routing number 021000022 fails its check digit: it should end in 1"); empty when it is valid.
     */
    public static Optional<String> problem(String nineDigits) {
        if (nineDigits == null || nineDigits.isBlank()) {
            return Optional.of("routing number is missing");
        }
        if (nineDigits.length() != 9 || !allDigits(nineDigits)) {
            return Optional.of("routing number \"" + nineDigits + "\" is not 9 digits");
        }
        if (nineDigits.equals("000000000")) {
            return Optional.of("routing number 000000000 is not a routing number");
        }
        char expected = checkDigit(nineDigits.substring(0, 8));
        if (nineDigits.charAt(8) != expected) {
            return Optional.of("routing number " + nineDigits + " fails its check digit: it should end in " + expected);
        }
        return Optional.empty();
    }

    /** Returns {@code nineDigits} when it is a valid routing number, else throws {@link IllegalArgumentException} saying why. */
    public static String requireValid(String nineDigits) {
        problem(nineDigits).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return nineDigits;
    }

    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }
}

package coop.switchboard.payments.lockbox;

import java.math.BigDecimal;

/** Amounts as the files carry them, whole cents in a {@code long}, and as the model holds them, dollars at scale 2. */
final class Cents {

    private Cents() {
    }

    static BigDecimal dollars(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** The amount as a person reads it in an error message: {@code 8340.00}, {@code -16.00}. */
    static String shown(long cents) {
        return dollars(cents).toPlainString();
    }

    /** Whole cents of an amount of dollars with at most two decimals. */
    static long of(BigDecimal dollars) {
        return dollars.movePointRight(2).longValueExact();
    }
}

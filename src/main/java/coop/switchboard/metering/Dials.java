package coop.switchboard.metering;

import java.math.BigDecimal;

/**
 * Usage from two reads of a cumulative register: (current − previous) × multiplier, where a register that passed its
 * highest number (99999 on five dials) starts again at zero. A drop of more than half the dial range is a rollover; a
 * smaller drop is reverse (negative) usage, which validation flags.
 */
public final class Dials {
    private Dials() {
    }

    /** The register's range: 10^dials (100000 for five dials). */
    public static BigDecimal range(int dials) {
        return BigDecimal.TEN.pow(dials);
    }

    /** Whether going from {@code previous} to {@code current} passed the register's top. */
    public static boolean rolledOver(BigDecimal previous, BigDecimal current, int dials) {
        return current.compareTo(previous) < 0 && previous.subtract(current).compareTo(range(dials).divide(BigDecimal.TWO)) > 0;
    }

    /** Usage in billing units between two reads of the same meter, at four decimals like every quantity. */
    public static BigDecimal usage(BigDecimal previous, BigDecimal current, int dials, BigDecimal multiplier) {
        BigDecimal difference = current.subtract(previous);
        if (rolledOver(previous, current, dials)) {
            difference = difference.add(range(dials));
        }
        return difference.multiply(multiplier).setScale(4, java.math.RoundingMode.HALF_UP);
    }
}

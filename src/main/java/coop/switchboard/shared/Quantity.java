package coop.switchboard.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A measured or billed quantity (kWh, kW, gallons, days, fixtures) held at four decimals. Quantities from
 * interval sums are exact at that scale; proration and allocation round here, half-up.
 */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {
    public static final int SCALE = 4;
    public static final Quantity ZERO = new Quantity(BigDecimal.ZERO.setScale(SCALE));
    public static final Quantity ONE = new Quantity(BigDecimal.ONE.setScale(SCALE));

    public Quantity {
        if (value == null) {
            throw new IllegalArgumentException("value is required");
        }
        if (value.scale() != SCALE) {
            value = value.setScale(SCALE, RoundingMode.HALF_UP);
        }
    }

    public static Quantity of(String value) {
        return new Quantity(new BigDecimal(value));
    }

    public static Quantity of(long whole) {
        return new Quantity(BigDecimal.valueOf(whole));
    }

    /** A quantity given in ten-thousandths (the unit interval data is summed in). */
    public static Quantity ofTenThousandths(long units) {
        return new Quantity(BigDecimal.valueOf(units, SCALE));
    }

    public Quantity plus(Quantity other) {
        return new Quantity(value.add(other.value));
    }

    public Quantity minus(Quantity other) {
        return new Quantity(value.subtract(other.value));
    }

    public Quantity min(Quantity other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Quantity max(Quantity other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public int signum() {
        return value.signum();
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}

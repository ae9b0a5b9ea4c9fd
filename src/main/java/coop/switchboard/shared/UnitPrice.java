package coop.switchboard.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A price per unit (per kWh, per kW, per month, per day, per fixture) held at six decimals. {@link #times} is the
 * one place a charge is rounded: the exact product is rounded half-up to cents once, so every bill line is exact.
 */
public record UnitPrice(BigDecimal value) implements Comparable<UnitPrice> {
    public static final int SCALE = 6;
    public static final UnitPrice ZERO = new UnitPrice(BigDecimal.ZERO);

    public UnitPrice {
        if (value == null) {
            throw new IllegalArgumentException("value is required");
        }
        if (value.scale() != SCALE) {
            value = value.setScale(SCALE, RoundingMode.HALF_UP);
        }
    }

    public static UnitPrice of(String value) {
        return new UnitPrice(new BigDecimal(value));
    }

    /** The charge for a quantity at this price, rounded half-up to cents. */
    public Money times(Quantity quantity) {
        return Money.rounded(value.multiply(quantity.value()));
    }

    public UnitPrice plus(UnitPrice other) {
        return new UnitPrice(value.add(other.value));
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    @Override
    public int compareTo(UnitPrice other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.stripTrailingZeros().scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                : value.stripTrailingZeros().toPlainString();
    }
}

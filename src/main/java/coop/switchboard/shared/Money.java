package coop.switchboard.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of US dollars, always held at the currency's scale of two decimals. Amounts come from a
 * {@link UnitPrice} times a {@link Quantity} (rounded half-up to cents there, once) or from sums of other amounts,
 * so a bill's total is exactly the sum of its lines.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {
    public static final int SCALE = 2;
    public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(SCALE));

    public Money {
        if (amount == null) {
            throw new IllegalArgumentException("amount is required");
        }
        if (amount.scale() != SCALE) {
            // Only exact values are accepted: 12.5 becomes 12.50, but 12.345 is refused rather than silently rounded.
            amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        }
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    public static Money ofCents(long cents) {
        return new Money(BigDecimal.valueOf(cents, SCALE));
    }

    /** Rounds an exact product (a price times a quantity, a percent of an amount) to cents, half-up. */
    public static Money rounded(BigDecimal exact) {
        return new Money(exact.setScale(SCALE, RoundingMode.HALF_UP));
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money negate() {
        return new Money(amount.negate());
    }

    public int signum() {
        return amount.signum();
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public long cents() {
        return amount.unscaledValue().longValueExact();
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** The plain decimal string, e.g. {@code 43.18}; what JSON and CSV carry. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}

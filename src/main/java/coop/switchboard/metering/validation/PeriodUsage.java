package coop.switchboard.metering.validation;

import coop.switchboard.shared.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The usage of one read period, half-open {@code [from, to)}: a period read on Oct 15 and Nov 14 is
 * {@code [2026-10-15, 2026-11-14)}, 30 days. {@code usage} may be negative (reverse flow); {@code estimated}
 * marks a period billed on an estimate rather than an actual read.
 */
public record PeriodUsage(LocalDate from, LocalDate to, Quantity usage, boolean estimated) {
    /** Decimals kept for a per-day figure (enough that multiplying back by a year of days stays exact to 1e-6). */
    public static final int DAILY_SCALE = 10;

    public PeriodUsage {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a read period needs both dates");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a read period ends after it starts (" + from + " to " + to + ")");
        }
        if (usage == null) {
            throw new IllegalArgumentException("usage is required (use Quantity.ZERO for none)");
        }
    }

    public static PeriodUsage actual(LocalDate from, LocalDate to, Quantity usage) {
        return new PeriodUsage(from, to, usage, false);
    }

    public static PeriodUsage estimate(LocalDate from, LocalDate to, Quantity usage) {
        return new PeriodUsage(from, to, usage, true);
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to);
    }

    /** Average use per day, {@value #DAILY_SCALE} decimals, half-up. */
    public BigDecimal dailyAverage() {
        return usage.value().divide(BigDecimal.valueOf(days()), DAILY_SCALE, RoundingMode.HALF_UP);
    }

    /** Twice the period's middle as an epoch day, so the middle of an odd-length period stays exact. */
    long doubledMiddle() {
        return from.toEpochDay() + to.toEpochDay();
    }
}

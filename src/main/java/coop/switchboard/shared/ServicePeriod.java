package coop.switchboard.shared;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * The days a bill covers, half-open: {@code [from, to)}. A period read on Oct 15 and Nov 14 is
 * {@code [2026-10-15, 2026-11-14)}: 30 days of service.
 */
public record ServicePeriod(LocalDate from, LocalDate to) {

    public ServicePeriod {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a service period needs both dates");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a service period ends after it starts (" + from + " to " + to + ")");
        }
    }

    public static ServicePeriod month(YearMonth month) {
        return new ServicePeriod(month.atDay(1), month.plusMonths(1).atDay(1));
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to);
    }

    /** The last day of service (inclusive), as bills print it. */
    public LocalDate lastDay() {
        return to.minusDays(1);
    }

    /** The month a period is billed in: the month of its last day of service. */
    public YearMonth billingMonth() {
        return YearMonth.from(lastDay());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(to);
    }

    @Override
    public String toString() {
        return from + " to " + lastDay();
    }
}

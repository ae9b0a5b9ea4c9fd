package coop.switchboard.rates;

import coop.switchboard.shared.Quantity;

import java.time.LocalDateTime;

/**
 * Interval usage: consecutive intervals of {@code minutes} minutes from {@code start} (local standard time of the
 * utility), each a kWh amount held in ten-thousandths of a kWh so sums are exact.
 */
public record IntervalData(LocalDateTime start, int minutes, long[] tenThousandths) {
    public IntervalData {
        if (minutes <= 0 || 1440 % minutes != 0) {
            throw new IllegalArgumentException("interval length must divide a day (5, 15, 30, 60 minutes ...), not " + minutes);
        }
    }

    public LocalDateTime end() {
        return start.plusMinutes((long) minutes * tenThousandths.length);
    }

    public int size() {
        return tenThousandths.length;
    }

    /** Index of the first interval starting at or after {@code time} (clamped to 0..size). */
    public int indexAt(LocalDateTime time) {
        long offset = java.time.Duration.between(start, time).toMinutes();
        if (offset <= 0) {
            return 0;
        }
        long index = (offset + minutes - 1) / minutes;
        return (int) Math.min(index, tenThousandths.length);
    }

    public Quantity total() {
        long sum = 0;
        for (long v : tenThousandths) {
            sum += v;
        }
        return Quantity.ofTenThousandths(sum);
    }
}

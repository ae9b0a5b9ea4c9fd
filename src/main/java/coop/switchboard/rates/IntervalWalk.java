package coop.switchboard.rates;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sums interval data into an hour schedule's periods: kWh per period and the highest interval demand per period,
 * walking day by day so each interval costs an array lookup (an 8,760-hour year is a few microseconds).
 */
final class IntervalWalk {
    private static final ConcurrentHashMap<Integer, long[]> NERC_DAYS = new ConcurrentHashMap<>();

    final long[] sums;
    final long[] peaks;
    long total;
    long peak;

    private IntervalWalk(int periods) {
        sums = new long[periods];
        peaks = new long[periods];
    }

    /** Walks intervals {@code [from, to)} (indexes into {@code data}). */
    static IntervalWalk of(IntervalData data, int from, int to, HourSchedule schedule, int periods, Holidays holidays) {
        IntervalWalk walk = new IntervalWalk(periods);
        if (from >= to) {
            return walk;
        }
        int minutes = data.minutes();
        int slotsPerDay = 1440 / minutes;
        long[] values = data.tenThousandths();
        LocalDateTime first = data.start().plusMinutes((long) minutes * from);
        LocalDate day = first.toLocalDate();
        int slot = (first.getHour() * 60 + first.getMinute()) / minutes;
        long[] sums = walk.sums;
        long[] peaks = walk.peaks;
        long total = 0;
        long peak = 0;
        int i = from;
        long[] nercDays = null;
        int nercYear = Integer.MIN_VALUE;
        while (i < to) {
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            if (!weekend && holidays.nerc()) {
                if (day.getYear() != nercYear) {
                    nercYear = day.getYear();
                    nercDays = NERC_DAYS.computeIfAbsent(nercYear, IntervalWalk::nercDays);
                }
                long epochDay = day.toEpochDay();
                for (long h : nercDays) {
                    weekend |= h == epochDay;
                }
            }
            if (!weekend && !holidays.dates().isEmpty()) {
                weekend = holidays.dates().contains(day);
            }
            int[] row = schedule.row(day.getMonthValue(), weekend);
            int end = Math.min(to, i + slotsPerDay - slot);
            if (minutes == 60) {
                for (int h = slot; i < end; i++, h++) {
                    long v = values[i];
                    int p = row[h];
                    sums[p] += v;
                    if (v > peaks[p]) {
                        peaks[p] = v;
                    }
                }
            } else {
                for (int s = slot; i < end; i++, s++) {
                    long v = values[i];
                    int p = row[s * minutes / 60];
                    sums[p] += v;
                    if (v > peaks[p]) {
                        peaks[p] = v;
                    }
                }
            }
            slot = 0;
            day = day.plusDays(1);
        }
        for (int p = 0; p < periods; p++) {
            total += sums[p];
            peak = Math.max(peak, peaks[p]);
        }
        walk.total = total;
        walk.peak = peak;
        return walk;
    }

    private static long[] nercDays(int year) {
        long[] days = new long[6];
        int n = 0;
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (Holidays.nercHoliday(d)) {
                days[n++] = d.toEpochDay();
            }
        }
        return java.util.Arrays.copyOf(days, n);
    }
}

package coop.switchboard.rates;

import java.util.Arrays;

/**
 * Which period applies in each hour: 12 months × 24 hours for weekdays and for weekends (holidays count as weekend
 * days), period indexes as in URDB's {@code energyweekdayschedule}.
 */
public final class HourSchedule {
    private final int[][] weekday;
    private final int[][] weekend;
    private final boolean[] hourly;

    public HourSchedule(int[][] weekday, int[][] weekend) {
        this.weekday = copy(weekday, "weekday");
        this.weekend = copy(weekend, "weekend");
        this.hourly = new boolean[12];
        for (int m = 0; m < 12; m++) {
            int first = this.weekday[m][0];
            for (int h = 0; h < 24; h++) {
                if (this.weekday[m][h] != first || this.weekend[m][h] != first) {
                    hourly[m] = true;
                    break;
                }
            }
        }
    }

    /** Every hour of every month in period 0. */
    public static HourSchedule single() {
        return seasonal(new int[12]);
    }

    /** A period per month (seasons), the same all day, every day. */
    public static HourSchedule seasonal(int[] periodByMonth) {
        if (periodByMonth.length != 12) {
            throw new IllegalArgumentException("a season list needs 12 months");
        }
        int[][] rows = new int[12][24];
        for (int m = 0; m < 12; m++) {
            Arrays.fill(rows[m], periodByMonth[m]);
        }
        return new HourSchedule(rows, rows);
    }

    private static int[][] copy(int[][] rows, String name) {
        if (rows == null || rows.length != 12) {
            throw new IllegalArgumentException(name + " schedule needs 12 months");
        }
        int[][] copy = new int[12][];
        for (int m = 0; m < 12; m++) {
            if (rows[m] == null || rows[m].length != 24) {
                throw new IllegalArgumentException(name + " schedule month " + (m + 1) + " needs 24 hours");
            }
            copy[m] = rows[m].clone();
        }
        return copy;
    }

    /** The period in effect; {@code month} 1..12, {@code hour} 0..23. */
    public int period(int month, boolean weekendOrHoliday, int hour) {
        return (weekendOrHoliday ? weekend : weekday)[month - 1][hour];
    }

    /** The month's 24 hourly periods for weekdays or for weekends and holidays (shared; do not modify). */
    int[] row(int month, boolean weekendOrHoliday) {
        return (weekendOrHoliday ? weekend : weekday)[month - 1];
    }

    /** Whether the month's period varies by hour or day type (time-of-use) rather than being one season all month. */
    public boolean hourly(int month) {
        return hourly[month - 1];
    }

    /** The month's period when it does not vary by hour. */
    public int monthPeriod(int month) {
        return weekday[month - 1][0];
    }

    public boolean seasonalOnly() {
        for (boolean h : hourly) {
            if (h) {
                return false;
            }
        }
        return true;
    }

    public int maxPeriod() {
        int max = 0;
        for (int m = 0; m < 12; m++) {
            for (int h = 0; h < 24; h++) {
                max = Math.max(max, Math.max(weekday[m][h], weekend[m][h]));
            }
        }
        return max;
    }

    /** Whether two months are rated alike (a season or schedule change between them splits a period). */
    public boolean sameMonths(int a, int b) {
        return Arrays.equals(weekday[a - 1], weekday[b - 1]) && Arrays.equals(weekend[a - 1], weekend[b - 1]);
    }

    public int[] weekdayRow(int month) {
        return weekday[month - 1].clone();
    }

    public int[] weekendRow(int month) {
        return weekend[month - 1].clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HourSchedule s && Arrays.deepEquals(weekday, s.weekday) && Arrays.deepEquals(weekend, s.weekend);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(weekday) * 31 + Arrays.deepHashCode(weekend);
    }
}

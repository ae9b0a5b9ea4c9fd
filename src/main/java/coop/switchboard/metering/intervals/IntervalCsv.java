package coop.switchboard.metering.intervals;

/**
 * Parses one line of the interval CSV ({@code meter,start,minutes,kwh}, e.g. {@code 40012345,2026-10-01T00:15,15,0.2175})
 * without allocating per field beyond the meter number: the import reads millions of lines.
 */
final class IntervalCsv {
    String meter;
    long epochDay;
    int minuteOfDay;
    int minutes;
    int units;
    String error;

    /** Reads {@code line}; returns false (with {@link #error}) when it cannot be used. */
    boolean parse(String line) {
        error = null;
        int c1 = line.indexOf(',');
        int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
        int c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
        if (c3 < 0 || line.indexOf(',', c3 + 1) >= 0) {
            return fail("needs 4 values: meter,start,minutes,kwh");
        }
        meter = line.substring(0, c1).trim();
        if (meter.isEmpty()) {
            return fail("meter is empty");
        }
        if (!dateTime(line, c1 + 1, c2)) {
            return false;
        }
        minutes = parseInt(line, c2 + 1, c3);
        if (minutes != 5 && minutes != 15 && minutes != 30 && minutes != 60 && minutes != 10 && minutes != 1) {
            return fail("minutes must be 1, 5, 10, 15, 30 or 60");
        }
        if (minuteOfDay % minutes != 0) {
            return fail("start is not on a " + minutes + "-minute boundary");
        }
        return kwh(line, c3 + 1, line.length());
    }

    private boolean fail(String message) {
        error = message;
        return false;
    }

    /** {@code YYYY-MM-DDThh:mm} (a space for the T and trailing {@code :00} seconds are accepted). */
    private boolean dateTime(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        int len = to - from;
        if ((len != 16 && len != 19) || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-'
                || (s.charAt(from + 10) != 'T' && s.charAt(from + 10) != ' ') || s.charAt(from + 13) != ':') {
            return fail("start '" + s.substring(from, to) + "' is not YYYY-MM-DDThh:mm");
        }
        int year = parseInt(s, from, from + 4);
        int month = parseInt(s, from + 5, from + 7);
        int day = parseInt(s, from + 8, from + 10);
        int hour = parseInt(s, from + 11, from + 13);
        int minute = parseInt(s, from + 14, from + 16);
        if (year < 1900 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || (len == 19 && !s.startsWith(":00", from + 16))) {
            return fail("start '" + s.substring(from, to) + "' is not a valid date and time");
        }
        epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        minuteOfDay = hour * 60 + minute;
        return true;
    }

    private static int parseInt(String s, int from, int to) {
        int v = 0;
        boolean any = false;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch == ' ') {
                continue;
            }
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
            any = true;
            if (v > 100_000_000) {
                return -1;
            }
        }
        return any ? v : -1;
    }

    /** kWh to ten-thousandths: at most 4 decimals, not negative, at most 200,000 kWh in one interval. */
    private boolean kwh(String s, int from, int to) {
        long whole = 0;
        int frac = 0;
        int fracDigits = -1;
        boolean any = false;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '\r') {
                continue;
            }
            if (ch == '.') {
                if (fracDigits >= 0) {
                    return fail("kwh '" + s.substring(from, to).trim() + "' is not a number");
                }
                fracDigits = 0;
                continue;
            }
            if (ch == '-') {
                return fail("kwh must not be negative");
            }
            if (ch < '0' || ch > '9') {
                return fail("kwh '" + s.substring(from, to).trim() + "' is not a number");
            }
            any = true;
            if (fracDigits >= 0) {
                if (++fracDigits > 4) {
                    if (ch != '0') {
                        return fail("kwh has more than 4 decimals");
                    }
                    continue;
                }
                frac = frac * 10 + (ch - '0');
            } else {
                whole = whole * 10 + (ch - '0');
                if (whole > 200_000) {
                    return fail("kwh is more than 200,000 in one interval");
                }
            }
        }
        if (!any) {
            return fail("kwh is empty");
        }
        for (int d = Math.max(fracDigits, 0); d < 4; d++) {
            frac *= 10;
        }
        units = (int) (whole * 10_000 + frac);
        return true;
    }
}

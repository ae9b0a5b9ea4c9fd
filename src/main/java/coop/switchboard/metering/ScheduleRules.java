package coop.switchboard.metering;

import java.time.LocalDate;
import java.util.List;

/**
 * How a cycle's schedule for a year is made: meters are read on the {@code readDay}th business day of each month, or
 * on that day of the month (the month's last day in shorter months); the read window is the read date ±
 * {@code windowDays} calendar days; bills go out {@code billLagDays} business days after the read. Weekends, the six
 * holidays (New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving, Christmas, observed as the
 * federal calendar does) and the {@code closures} are not business days; a read date on one moves to the next
 * business day. Fields may be null so that a missing one is reported by name.
 */
public record ScheduleRules(Integer year, ReadOn readOn, Integer readDay, Integer windowDays, Integer billLagDays,
                            List<LocalDate> closures) {

    public ScheduleRules {
        closures = closures == null ? List.of() : closures.stream().distinct().sorted().toList();
    }

    /** What {@code readDay} counts. */
    public enum ReadOn {
        /** The Nth business day of the month. */
        BUSINESS_DAY,
        /** That day of the month, moved to the next business day when the office is closed. */
        DAY_OF_MONTH
    }

    /** The same rules for another year. */
    public ScheduleRules forYear(int otherYear) {
        return new ScheduleRules(otherYear, readOn, readDay, windowDays, billLagDays, closures);
    }

    /** The rules in words, e.g. "read on the 3rd business day, window ±2 days, bill 3 business days after the read". */
    public String describe() {
        if (readOn == null || readDay == null) {
            return "";
        }
        String read = readOn == ReadOn.BUSINESS_DAY ? "the " + ordinal(readDay) + " business day" : "day " + readDay + " of the month";
        return "read on " + read + ", window ±" + windowDays + " day" + (windowDays != null && windowDays == 1 ? "" : "s")
                + ", bill " + billLagDays + " business day" + (billLagDays != null && billLagDays == 1 ? "" : "s") + " after the read";
    }

    static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}

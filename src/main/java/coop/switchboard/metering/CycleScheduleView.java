package coop.switchboard.metering;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One month of a cycle's schedule: the day its meters are read, the window a read is accepted in (inclusive), the day
 * its bills go out, and the previous month's read date (the billing period is {@code [previousReadDate, readDate)}).
 * {@code note} says why a date moved or who changed it; {@code warnings} name a read or bill date on which the office
 * is closed (possible only after an edit by hand).
 */
public record CycleScheduleView(int cycleNumber, YearMonth period, LocalDate readDate, LocalDate windowFrom, LocalDate windowTo,
                                LocalDate billDate, LocalDate previousReadDate, String note, List<String> warnings) {

    /** Days from the previous read to this one, or null for the first month scheduled. */
    public Integer days() {
        return previousReadDate == null ? null : (int) ChronoUnit.DAYS.between(previousReadDate, readDate);
    }

    /** Whether a read taken on this day falls in the window. */
    public boolean inWindow(LocalDate day) {
        return !day.isBefore(windowFrom) && !day.isAfter(windowTo);
    }
}

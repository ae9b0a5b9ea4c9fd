package coop.switchboard.rates;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * Days a time-of-use tariff treats as weekend days: the six NERC holidays (New Year's Day, Memorial Day,
 * Independence Day, Labor Day, Thanksgiving, Christmas; a Sunday holiday is observed on Monday) when {@code nerc},
 * plus any listed dates.
 */
public record Holidays(boolean nerc, Set<LocalDate> dates) {
    public static final Holidays NONE = new Holidays(false, Set.of());

    public Holidays {
        dates = Set.copyOf(new TreeSet<>(dates));
    }

    public boolean isHoliday(LocalDate day) {
        return dates.contains(day) || (nerc && nercHoliday(day));
    }

    static boolean nercHoliday(LocalDate day) {
        int year = day.getYear();
        return day.equals(observed(LocalDate.of(year, 1, 1)))
                || day.equals(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)))
                || day.equals(observed(LocalDate.of(year, 7, 4)))
                || day.equals(LocalDate.of(year, Month.SEPTEMBER, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)))
                || day.equals(LocalDate.of(year, Month.NOVEMBER, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)))
                || day.equals(observed(LocalDate.of(year, 12, 25)));
    }

    // NERC moves a Sunday holiday to Monday; a Saturday holiday is not moved.
    private static LocalDate observed(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
    }
}

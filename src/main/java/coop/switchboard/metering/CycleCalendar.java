package coop.switchboard.metering;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The office's business days, from which cycle schedules are made: not a weekend, not one of the six holidays, not an
 * extra closure. Holidays are observed as the federal calendar observes them: one on a Saturday closes the office the
 * Friday before, one on a Sunday the Monday after (so New Year's Day 2028 closes Friday December 31, 2027).
 */
final class CycleCalendar {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM d", Locale.US);
    private static final Map<Integer, Map<LocalDate, String>> HOLIDAYS = new ConcurrentHashMap<>();
    private final Set<LocalDate> closures;

    CycleCalendar(Collection<LocalDate> closures) {
        this.closures = Set.copyOf(closures);
    }

    /** A day the schedule is planned on, and the months' rows made from a set of rules. */
    record Planned(YearMonth period, LocalDate readDate, LocalDate windowFrom, LocalDate windowTo, LocalDate billDate, String note) {
    }

    /** The six holidays the office closes for in {@code year}, on their observed days, with their names. */
    static Map<LocalDate, String> holidays(int year) {
        return HOLIDAYS.computeIfAbsent(year, y -> {
            Map<LocalDate, String> days = new TreeMap<>();
            observed(days, LocalDate.of(y, Month.JANUARY, 1), "New Year's Day");
            days.put(LocalDate.of(y, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), "Memorial Day");
            observed(days, LocalDate.of(y, Month.JULY, 4), "Independence Day");
            days.put(LocalDate.of(y, Month.SEPTEMBER, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)), "Labor Day");
            days.put(LocalDate.of(y, Month.NOVEMBER, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)), "Thanksgiving Day");
            observed(days, LocalDate.of(y, Month.DECEMBER, 25), "Christmas Day");
            return Map.copyOf(days);
        });
    }

    private static void observed(Map<LocalDate, String> days, LocalDate day, String name) {
        switch (day.getDayOfWeek()) {
            case SATURDAY -> days.put(day.minusDays(1), name + " (observed)");
            case SUNDAY -> days.put(day.plusDays(1), name + " (observed)");
            default -> days.put(day, name);
        }
    }

    /** The holiday the office closes for on this day, if any (New Year's Day may be observed the December before). */
    static Optional<String> holiday(LocalDate day) {
        String name = holidays(day.getYear()).get(day);
        if (name == null && day.getMonth() == Month.DECEMBER) {
            name = holidays(day.getYear() + 1).get(day);
        }
        return Optional.ofNullable(name);
    }

    /** Why the office is closed on this day ("Saturday", "Thanksgiving Day", "office closed"), or empty on a business day. */
    Optional<String> closedBecause(LocalDate day) {
        Optional<String> holiday = holiday(day);
        if (holiday.isPresent()) {
            return holiday;
        }
        if (closures.contains(day)) {
            return Optional.of("office closed");
        }
        DayOfWeek dow = day.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
            return Optional.of(dow.getDisplayName(TextStyle.FULL, Locale.US));
        }
        return Optional.empty();
    }

    boolean isBusinessDay(LocalDate day) {
        return closedBecause(day).isEmpty();
    }

    /** The day itself when it is a business day, otherwise the next one. */
    LocalDate onOrAfter(LocalDate day) {
        LocalDate d = day;
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The {@code n}th business day counted from the first of the month (it may fall in the next month). */
    LocalDate nthBusinessDay(YearMonth month, int n) {
        LocalDate d = onOrAfter(month.atDay(1));
        for (int i = 1; i < n; i++) {
            d = onOrAfter(d.plusDays(1));
        }
        return d;
    }

    /** The business day {@code n} business days after {@code day} ({@code day} itself when n is 0). */
    LocalDate plusBusinessDays(LocalDate day, int n) {
        LocalDate d = day;
        for (int i = 0; i < n; i++) {
            d = onOrAfter(d.plusDays(1));
        }
        return d;
    }

    /** The holidays and closures (not weekends) from {@code from} through {@code to}, e.g. "Thanksgiving Day (Thu Nov 26)". */
    List<String> closedWeekdays(LocalDate from, LocalDate to) {
        List<String> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            DayOfWeek dow = d.getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                LocalDate day = d;
                closedBecause(d).ifPresent(why -> days.add(why + " (" + DAY.format(day) + ")"));
            }
        }
        return days;
    }

    static String day(LocalDate day) {
        return DAY.format(day);
    }

    /** The twelve months of the rules' year. The rules must have been checked. */
    List<Planned> plan(ScheduleRules rules) {
        List<Planned> rows = new ArrayList<>();
        for (Month m : Month.values()) {
            YearMonth period = YearMonth.of(rules.year(), m);
            List<String> notes = new ArrayList<>();
            LocalDate read;
            if (rules.readOn() == ScheduleRules.ReadOn.BUSINESS_DAY) {
                read = nthBusinessDay(period, rules.readDay());
                List<String> skipped = closedWeekdays(period.atDay(1), read);
                if (!skipped.isEmpty()) {
                    notes.add(ScheduleRules.ordinal(rules.readDay()) + " business day counted past " + String.join(", ", skipped));
                }
            } else {
                LocalDate nominal = period.atDay(Math.min(rules.readDay(), period.lengthOfMonth()));
                if (rules.readDay() > period.lengthOfMonth()) {
                    notes.add(m.getDisplayName(TextStyle.FULL, Locale.US) + " has no day " + rules.readDay() + ": read on its last day");
                }
                read = onOrAfter(nominal);
                if (!read.equals(nominal)) {
                    notes.add("read moved from " + day(nominal) + " (" + closedBecause(nominal).orElseThrow() + ") to " + day(read));
                }
            }
            LocalDate bill = plusBusinessDays(read, rules.billLagDays());
            if (bill.isAfter(read)) {
                List<String> skipped = closedWeekdays(read.plusDays(1), bill);
                if (!skipped.isEmpty()) {
                    notes.add("bill date skips " + String.join(", ", skipped));
                }
            }
            String note = String.join("; ", notes);
            if (!note.isEmpty()) {
                note = Character.toUpperCase(note.charAt(0)) + note.substring(1);
            }
            rows.add(new Planned(period, read, read.minusDays(rules.windowDays()), read.plusDays(rules.windowDays()), bill, note));
        }
        return rows;
    }
}

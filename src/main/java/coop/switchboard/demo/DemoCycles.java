package coop.switchboard.demo;

import coop.switchboard.demo.Towns.Town;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's four billing cycles, each read on its own day of the month (moved to the next business day past a
 * weekend or one of the office's six holidays, observed as the federal calendar observes them), with the schedule
 * for the 24 months back and the 12 ahead, and the read routes within them. Cycles follow geography: the town of
 * Tamarack Falls, its county roads with Ruby Creek, Pinecrest with Calder's streets, and Larkspur's irrigated valley
 * with Calder's roads. A route takes the meters of one town (or its roads) in the order they were set, up to a
 * reader's day, then the next route starts.
 */
final class DemoCycles {
    static final int WINDOW_DAYS = 2;
    static final int BILL_LAG_DAYS = 3;
    private static final int[] READ_DAY = {4, 11, 18, 25};
    private static final String[] CYCLE_AREA = {"Tamarack Falls (in town)", "Tamarack Falls county roads and Ruby Creek",
            "Pinecrest and Calder (in town)", "Larkspur and Calder county roads"};
    private static final String[] TOWN_CODE = {"TF", "RC", "PC", "LS", "CA"};
    private static final int TOWN_ROUTE_METERS = 450;
    private static final int RURAL_ROUTE_METERS = 220;
    static final String[] READERS = {"DLM", "KJP", "RTS", "AMV", "JWB", "CEH", "LNO", "GFR", "SPK", "MAD", "BTW", "HQZ"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM d", Locale.US);

    /** A route being filled: its code, reader and the sequence number the next meter gets. */
    static final class Route {
        final String code;
        final int cycle;
        final String reader;
        int meters;

        Route(String code, int cycle, String reader) {
            this.code = code;
            this.cycle = cycle;
            this.reader = reader;
        }
    }

    /** Where a meter is read: its cycle, route and place on the route. */
    record Stop(int cycle, String route, int sequence, String reader) {
    }

    private final LocalDate today;
    private final LocalDate[][] readDates = new LocalDate[READ_DAY.length][];
    private final Map<String, Route> open = new HashMap<>();
    private final Map<String, Integer> routeCounts = new HashMap<>();
    private int routes;

    DemoCycles(LocalDate today) {
        this.today = today;
        YearMonth first = YearMonth.from(today).minusMonths(24);
        for (int c = 0; c < READ_DAY.length; c++) {
            List<LocalDate> dates = new ArrayList<>();
            for (YearMonth m = first; !m.isAfter(YearMonth.from(today).plusMonths(12)); m = m.plusMonths(1)) {
                dates.add(readDate(m, READ_DAY[c]));
            }
            readDates[c] = dates.toArray(LocalDate[]::new);
        }
    }

    /** The cycles and their schedules; written before any meter refers to them. */
    void write(Tables tables) {
        for (int c = 0; c < READ_DAY.length; c++) {
            tables.billingCycle(c + 1, "Cycle " + (c + 1), CYCLE_AREA[c] + ", read on day " + READ_DAY[c] + " of the month",
                    READ_DAY[c], WINDOW_DAYS, BILL_LAG_DAYS);
            YearMonth period = YearMonth.from(today).minusMonths(24);
            for (LocalDate read : readDates[c]) {
                LocalDate nominal = period.atDay(READ_DAY[c]);
                List<String> notes = new ArrayList<>();
                if (!read.equals(nominal)) {
                    notes.add("read moved from " + DAY.format(nominal) + " (" + closedBecause(nominal) + ") to " + DAY.format(read));
                }
                LocalDate bill = plusBusinessDays(read, BILL_LAG_DAYS);
                List<String> skipped = new ArrayList<>();
                for (LocalDate d = read.plusDays(1); !d.isAfter(bill); d = d.plusDays(1)) {
                    String holiday = holiday(d);
                    if (holiday != null && d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                        skipped.add(holiday + " (" + DAY.format(d) + ")");
                    }
                }
                if (!skipped.isEmpty()) {
                    notes.add("bill date skips " + String.join(", ", skipped));
                }
                String note = String.join("; ", notes);
                if (!note.isEmpty()) {
                    note = Character.toUpperCase(note.charAt(0)) + note.substring(1);
                }
                tables.cycleSchedule(c + 1, period.toString(), read, read.minusDays(WINDOW_DAYS), read.plusDays(WINDOW_DAYS),
                        bill, note);
                period = period.plusMonths(1);
            }
        }
    }

    /** The cycle a town's streets (or its county roads) are read on. */
    static int cycleOf(Town town, boolean rural) {
        return switch (town.index()) {
            case 0 -> rural ? 2 : 1;
            case 1 -> 2;
            case 2 -> 3;
            case 3 -> 4;
            default -> rural ? 4 : 3;
        };
    }

    /** The next stop on the route being filled in this town or its roads, starting a new route when it is full. */
    Stop stop(Tables tables, Town town, boolean rural) {
        String key = TOWN_CODE[town.index()] + (rural ? "-R" : "-T");
        Route route = open.get(key);
        if (route == null || route.meters >= (rural ? RURAL_ROUTE_METERS : TOWN_ROUTE_METERS)) {
            int n = routeCounts.merge(key, 1, Integer::sum);
            String code = key + (n < 10 ? "0" : "") + n;
            int cycle = cycleOf(town, rural);
            route = new Route(code, cycle, READERS[routes++ % READERS.length]);
            tables.route(code, town.name() + (rural ? " county roads " : " ") + n, cycle);
            open.put(key, route);
        }
        route.meters++;
        return new Stop(route.cycle, route.code, route.meters * 10, route.reader);
    }

    /** The read dates of a cycle (1-4) from 24 months back to 12 ahead, oldest first. */
    LocalDate[] readDates(int cycle) {
        return readDates[cycle - 1];
    }

    /** The cycle's read dates on or before {@code last}, oldest first. */
    List<LocalDate> readDatesThrough(int cycle, LocalDate last) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d : readDates[cycle - 1]) {
            if (d.isAfter(last)) {
                break;
            }
            out.add(d);
        }
        return out;
    }

    /** The earliest read date of any cycle: where the demo's read history starts. */
    LocalDate firstReadDate() {
        LocalDate first = readDates[0][0];
        for (LocalDate[] dates : readDates) {
            first = dates[0].isBefore(first) ? dates[0] : first;
        }
        return first;
    }

    private static LocalDate readDate(YearMonth month, int day) {
        LocalDate d = month.atDay(Math.min(day, month.lengthOfMonth()));
        while (closedBecause(d) != null) {
            d = d.plusDays(1);
        }
        return d;
    }

    static LocalDate plusBusinessDays(LocalDate day, int n) {
        LocalDate d = day;
        for (int i = 0; i < n; i++) {
            d = d.plusDays(1);
            while (closedBecause(d) != null) {
                d = d.plusDays(1);
            }
        }
        return d;
    }

    static boolean isBusinessDay(LocalDate day) {
        return closedBecause(day) == null;
    }

    /** Why the office is closed that day (a holiday's name, "Saturday", "Sunday"), or null on a business day. */
    static String closedBecause(LocalDate day) {
        String holiday = holiday(day);
        if (holiday != null) {
            return holiday;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? dow.getDisplayName(TextStyle.FULL, Locale.US) : null;
    }

    /**
     * The six holidays the office closes for, on their observed days: one on a Saturday is observed the Friday
     * before, one on a Sunday the Monday after (so New Year's Day 2028 closes Friday December 31, 2027).
     */
    static String holiday(LocalDate day) {
        for (int year = day.getYear(); year <= day.getYear() + 1; year++) {
            if (day.equals(observed(LocalDate.of(year, Month.JANUARY, 1)))) {
                return observedName(LocalDate.of(year, Month.JANUARY, 1), "New Year's Day");
            }
        }
        int y = day.getYear();
        if (day.equals(LocalDate.of(y, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))) {
            return "Memorial Day";
        }
        if (day.equals(observed(LocalDate.of(y, Month.JULY, 4)))) {
            return observedName(LocalDate.of(y, Month.JULY, 4), "Independence Day");
        }
        if (day.equals(LocalDate.of(y, Month.SEPTEMBER, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)))) {
            return "Labor Day";
        }
        if (day.equals(LocalDate.of(y, Month.NOVEMBER, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)))) {
            return "Thanksgiving Day";
        }
        if (day.equals(observed(LocalDate.of(y, Month.DECEMBER, 25)))) {
            return observedName(LocalDate.of(y, Month.DECEMBER, 25), "Christmas Day");
        }
        return null;
    }

    private static LocalDate observed(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.minusDays(1);
            case SUNDAY -> day.plusDays(1);
            default -> day;
        };
    }

    private static String observedName(LocalDate day, String name) {
        return observed(day).equals(day) ? name : name + " (observed)";
    }
}

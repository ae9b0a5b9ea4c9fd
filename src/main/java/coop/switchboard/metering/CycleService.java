package coop.switchboard.metering;

import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Billing cycles: the cycles themselves, each year's schedule (generated from rules that respect weekends, the six
 * holidays and the office's closures, or edited a month at a time), read routes and which meters are on which cycle
 * and route. Every change is checked field by field before anything is saved, runs in its own transaction and is
 * audited under the cycle's number. Billing asks {@link #scheduleFor} and {@link #dueBetween}.
 */
@Service
public class CycleService {
    private static final String SCHEDULE = """
            select s.*, c.closures::text[] as closures,
                   (select max(p.read_date) from metering.cycle_schedule p
                     where p.cycle_number = s.cycle_number and p.period < s.period) as previous_read
              from metering.cycle_schedule s join metering.billing_cycle c on c.number = s.cycle_number
            """;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final CycleRoutes routes;

    CycleService(JdbcClient jdbc, AuditLog audit, Clock clock, CycleRoutes routes) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.routes = routes;
    }

    /** A day the office is closed in a year: one of the six holidays (on its observed day) or a closure of the cycle. */
    public record Closure(LocalDate day, String name) {
    }

    /** What generating a year did: the year's schedule now, and which months were added, changed, or kept as they were. */
    public record Generated(List<CycleScheduleView> schedule, List<YearMonth> added, List<YearMonth> changed, List<YearMonth> kept) {
    }

    /** Meters put on a cycle: how many, and the route sequence numbers given (null without a route). */
    public record Assigned(int meters, Integer firstSequence, Integer lastSequence) {
    }

    // ---- cycles ---------------------------------------------------------------------------------------------------

    /** Every cycle, by number, with its meter and route counts and next dates. */
    public List<CycleView> cycles() {
        return cycleQuery("", Map.of());
    }

    public CycleView cycle(int number) {
        return cycleQuery("where c.number = :number", Map.of("number", number)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("billing cycle", number));
    }

    private List<CycleView> cycleQuery(String where, Map<String, Object> params) {
        return jdbc.sql("""
                        select c.*, c.closures::text[] as closure_days,
                               (select count(*) from metering.meter m where m.cycle_number = c.number) as meters,
                               (select count(*) from metering.route r where r.cycle_number = c.number) as routes,
                               (select min(s.read_date) from metering.cycle_schedule s where s.cycle_number = c.number and s.read_date >= :today) as next_read,
                               (select min(s.bill_date) from metering.cycle_schedule s where s.cycle_number = c.number and s.bill_date >= :today) as next_bill,
                               (select max(s.period) from metering.cycle_schedule s where s.cycle_number = c.number) as through
                          from metering.billing_cycle c
                        """ + where + " order by c.number")
                .params(params).param("today", today())
                .query((rs, n) -> {
                    String through = rs.getString("through");
                    ScheduleRules rules = rs.getString("read_on") == null ? null : new ScheduleRules(null,
                            ScheduleRules.ReadOn.valueOf(rs.getString("read_on")), rs.getInt("read_day"), rs.getInt("window_days"),
                            rs.getInt("bill_lag_days"), dates(rs, "closure_days"));
                    return new CycleView(rs.getInt("number"), rs.getString("name"), rs.getString("description"), rs.getLong("meters"),
                            rs.getLong("routes"), rs.getObject("next_read", LocalDate.class), rs.getObject("next_bill", LocalDate.class),
                            through == null ? null : YearMonth.parse(through), rules);
                }).list();
    }

    /** Adds a cycle (number 1 to 99). */
    @Transactional
    public CycleView create(Integer number, String name, String description) {
        InputChecks checks = new InputChecks().required("number", number);
        if (number != null) {
            checks.check(number >= 1 && number <= 99, "number", "must be from 1 to 99");
            checks.check(!exists(number), "number", "cycle " + number + " exists already");
        }
        checkNameAndDescription(checks, name, description);
        checks.throwIfAny();
        jdbc.sql("insert into metering.billing_cycle (number, name, description, created_at) values (?, ?, ?, ?)")
                .params(number, name.trim(), description == null ? "" : description.trim(), Timestamp.from(clock.instant())).update();
        audit.changed("billing_cycle", number, null, "created", null, Map.of("name", name.trim(), "description", description == null ? "" : description.trim()));
        return cycle(number);
    }

    /** Renames a cycle or changes its description. */
    @Transactional
    public CycleView update(int number, String name, String description) {
        CycleView before = lock(number);
        InputChecks checks = new InputChecks();
        checkNameAndDescription(checks, name, description);
        checks.throwIfAny();
        jdbc.sql("update metering.billing_cycle set name = ?, description = ? where number = ?")
                .params(name.trim(), description == null ? "" : description.trim(), number).update();
        audit.changed("billing_cycle", number, null, "changed", Map.of("name", before.name(), "description", before.description()),
                Map.of("name", name.trim(), "description", description == null ? "" : description.trim()));
        return cycle(number);
    }

    private static void checkNameAndDescription(InputChecks checks, String name, String description) {
        checks.required("name", name).maxLength("name", name == null ? null : name.trim(), 60)
                .maxLength("description", description == null ? null : description.trim(), 500);
    }

    boolean exists(int number) {
        return jdbc.sql("select count(*) from metering.billing_cycle where number = ?").param(number).query(Integer.class).single() > 0;
    }

    /** Locks the cycle's row for the rest of the transaction, so two changes to one cycle happen one after the other. */
    CycleView lock(int number) {
        jdbc.sql("select number from metering.billing_cycle where number = ? for update").param(number).query(Integer.class).optional()
                .orElseThrow(() -> new NotFoundException("billing cycle", number));
        return cycle(number);
    }

    // ---- schedule -------------------------------------------------------------------------------------------------

    /** The cycle's schedule for a year, by month. */
    public List<CycleScheduleView> schedule(int cycle, int year) {
        return jdbc.sql(SCHEDULE + " where s.cycle_number = ? and s.period like ? order by s.period")
                .params(cycle, year + "-%").query(this::scheduleRow).list();
    }

    /** The schedule of one cycle and month, if it has been made. */
    public Optional<CycleScheduleView> scheduleFor(int cycle, YearMonth period) {
        return jdbc.sql(SCHEDULE + " where s.cycle_number = ? and s.period = ?").params(cycle, period.toString())
                .query(this::scheduleRow).optional();
    }

    /** Every cycle month whose bill date is from {@code from} through {@code to} (inclusive), by bill date and cycle. */
    public List<CycleScheduleView> dueBetween(LocalDate from, LocalDate to) {
        return jdbc.sql(SCHEDULE + " where s.bill_date between ? and ? order by s.bill_date, s.cycle_number, s.period")
                .params(from, to).query(this::scheduleRow).list();
    }

    /** The days the office is closed in a year for this cycle: the holidays and the cycle's extra closures. */
    public List<Closure> closures(int cycle, int year) {
        CycleView c = cycle(cycle);
        Map<LocalDate, String> days = new java.util.TreeMap<>(CycleCalendar.holidays(year));
        days.putAll(CycleCalendar.holidays(year + 1).entrySet().stream().filter(e -> e.getKey().getYear() == year)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        if (c.rules() != null) {
            c.rules().closures().stream().filter(d -> d.getYear() == year).forEach(d -> days.putIfAbsent(d, "Office closed"));
        }
        return days.entrySet().stream().filter(e -> e.getKey().getYear() == year).map(e -> new Closure(e.getKey(), e.getValue())).toList();
    }

    /** The year's schedule the rules would make, without saving anything; each problem with the rules named by its field. */
    public List<CycleScheduleView> previewSchedule(int cycle, ScheduleRules rules) {
        cycle(cycle);
        checkRules(rules);
        return views(cycle, rules, new CycleCalendar(rules.closures()).plan(rules));
    }

    /**
     * Makes a cycle's schedule for the rules' year and keeps the rules for next time. Months whose read window has
     * already opened keep their dates (reads may have been taken against them); the others are added or replaced.
     */
    @Transactional
    public Generated generateSchedule(int cycle, ScheduleRules rules) {
        CycleView before = lock(cycle);
        checkRules(rules);
        LocalDate today = today();
        Map<YearMonth, CycleScheduleView> existing = schedule(cycle, rules.year()).stream()
                .collect(Collectors.toMap(CycleScheduleView::period, Function.identity()));
        List<YearMonth> added = new ArrayList<>();
        List<YearMonth> changed = new ArrayList<>();
        List<YearMonth> kept = new ArrayList<>();
        for (CycleCalendar.Planned p : new CycleCalendar(rules.closures()).plan(rules)) {
            CycleScheduleView old = existing.get(p.period());
            if (old == null) {
                jdbc.sql("""
                                insert into metering.cycle_schedule (cycle_number, period, read_date, window_from, window_to, bill_date, note)
                                values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(cycle, p.period().toString(), p.readDate(), p.windowFrom(), p.windowTo(), p.billDate(), p.note()).update();
                added.add(p.period());
            } else if (!old.windowFrom().isAfter(today)) {
                kept.add(p.period());
            } else if (!(old.readDate().equals(p.readDate()) && old.windowFrom().equals(p.windowFrom()) && old.windowTo().equals(p.windowTo())
                    && old.billDate().equals(p.billDate()) && old.note().equals(p.note()))) {
                jdbc.sql("""
                                update metering.cycle_schedule set read_date = ?, window_from = ?, window_to = ?, bill_date = ?, note = ?
                                 where cycle_number = ? and period = ?""")
                        .params(p.readDate(), p.windowFrom(), p.windowTo(), p.billDate(), p.note(), cycle, p.period().toString()).update();
                changed.add(p.period());
            }
        }
        jdbc.sql("""
                        update metering.billing_cycle set read_on = ?, read_day = ?, window_days = ?, bill_lag_days = ?, closures = cast(? as date[])
                         where number = ?""")
                .params(rules.readOn().name(), rules.readDay(), rules.windowDays(), rules.billLagDays(),
                        rules.closures().stream().map(LocalDate::toString).toArray(String[]::new), cycle).update();
        Map<String, Object> after = new LinkedHashMap<>(rulesMap(rules));
        after.put("year", rules.year());
        after.put("added", added.stream().map(YearMonth::toString).toList());
        after.put("changed", changed.stream().map(YearMonth::toString).toList());
        after.put("kept", kept.stream().map(YearMonth::toString).toList());
        audit.changed("billing_cycle", cycle, null, "schedule generated", before.rules() == null ? null : rulesMap(before.rules()), after);
        return new Generated(schedule(cycle, rules.year()), added, changed, kept);
    }

    private static Map<String, Object> rulesMap(ScheduleRules rules) {
        return Map.of("readOn", rules.readOn().name(), "readDay", rules.readDay(), "windowDays", rules.windowDays(),
                "billLagDays", rules.billLagDays(), "closures", rules.closures().stream().map(LocalDate::toString).toList());
    }

    private static void checkRules(ScheduleRules rules) {
        InputChecks checks = new InputChecks().required("year", rules.year()).required("readOn", rules.readOn())
                .required("readDay", rules.readDay()).required("windowDays", rules.windowDays()).required("billLagDays", rules.billLagDays());
        if (rules.year() != null) {
            checks.check(rules.year() >= 2000 && rules.year() <= 2099, "year", "must be from 2000 to 2099");
        }
        if (rules.readDay() != null && rules.readOn() == ScheduleRules.ReadOn.BUSINESS_DAY) {
            checks.check(rules.readDay() >= 1 && rules.readDay() <= 20, "readDay", "must be from 1 to 20 (the business day of the month)");
        } else if (rules.readDay() != null) {
            checks.check(rules.readDay() >= 1 && rules.readDay() <= 31, "readDay", "must be from 1 to 31 (the day of the month)");
        }
        if (rules.windowDays() != null) {
            checks.check(rules.windowDays() >= 0 && rules.windowDays() <= 10, "windowDays", "must be from 0 to 10 days");
        }
        if (rules.billLagDays() != null) {
            checks.check(rules.billLagDays() >= 0 && rules.billLagDays() <= 20, "billLagDays", "must be from 0 to 20 business days");
        }
        checks.check(rules.closures().size() <= 60, "closures", "at most 60 closure days");
        checks.throwIfAny();
    }

    /**
     * Changes one month of a cycle's schedule by hand. The read must fall between the months before and after it and
     * within 15 days of its month, the window must contain it, and bills cannot go out before the read; each problem is
     * named by its field ({@code readDate}, {@code windowFrom}, {@code windowTo}, {@code billDate}, {@code note}).
     */
    @Transactional
    public CycleScheduleView updateScheduleRow(int cycle, YearMonth period, LocalDate readDate, LocalDate windowFrom,
                                               LocalDate windowTo, LocalDate billDate, String note) {
        lock(cycle);
        CycleScheduleView before = scheduleFor(cycle, period).orElseThrow(() -> new NotFoundException("schedule of cycle " + cycle, period));
        InputChecks checks = new InputChecks().required("readDate", readDate).required("windowFrom", windowFrom)
                .required("windowTo", windowTo).required("billDate", billDate).maxLength("note", note == null ? null : note.trim(), 200);
        if (readDate != null) {
            Optional<LocalDate> next = jdbc.sql("select min(read_date) from metering.cycle_schedule where cycle_number = ? and period > ?")
                    .params(cycle, period.toString()).query(LocalDate.class).optional();
            LocalDate previous = before.previousReadDate();
            checks.check(previous == null || readDate.isAfter(previous), "readDate",
                    "must be after the previous month's read date (" + (previous == null ? "" : CycleCalendar.day(previous)) + ")");
            next.ifPresent(n -> checks.check(readDate.isBefore(n), "readDate", "must be before the next month's read date (" + CycleCalendar.day(n) + ")"));
            checks.check(!readDate.isBefore(period.atDay(1).minusDays(15)) && !readDate.isAfter(period.atEndOfMonth().plusDays(15)),
                    "readDate", "must be within 15 days of " + period.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US)));
            if (windowFrom != null) {
                checks.check(!windowFrom.isAfter(readDate), "windowFrom", "must be on or before the read date");
                checks.check(!windowFrom.isBefore(readDate.minusDays(15)), "windowFrom", "opens at most 15 days before the read date");
            }
            if (windowTo != null) {
                checks.check(!windowTo.isBefore(readDate), "windowTo", "must be on or after the read date");
                checks.check(!windowTo.isAfter(readDate.plusDays(15)), "windowTo", "closes at most 15 days after the read date");
            }
            if (billDate != null) {
                checks.check(!billDate.isBefore(readDate), "billDate", "must not be before the read date");
                checks.check(!billDate.isAfter(readDate.plusDays(45)), "billDate", "must be within 45 days of the read date");
            }
        }
        checks.throwIfAny();
        String text = note == null || note.isBlank() ? "Changed by " + audit.currentActor() + " on " + CycleCalendar.day(today())
                : note.trim();
        jdbc.sql("""
                        update metering.cycle_schedule set read_date = ?, window_from = ?, window_to = ?, bill_date = ?, note = ?
                         where cycle_number = ? and period = ?""")
                .params(readDate, windowFrom, windowTo, billDate, text, cycle, period.toString()).update();
        audit.changed("billing_cycle", cycle, null, "schedule changed", rowMap(before.period(), before.readDate(), before.windowFrom(),
                before.windowTo(), before.billDate(), before.note()), rowMap(period, readDate, windowFrom, windowTo, billDate, text));
        return scheduleFor(cycle, period).orElseThrow();
    }

    private static Map<String, Object> rowMap(YearMonth period, LocalDate read, LocalDate from, LocalDate to, LocalDate bill, String note) {
        return Map.of("period", period.toString(), "readDate", read.toString(), "windowFrom", from.toString(), "windowTo", to.toString(),
                "billDate", bill.toString(), "note", note);
    }

    private CycleScheduleView scheduleRow(ResultSet rs, int n) throws SQLException {
        LocalDate read = rs.getObject("read_date", LocalDate.class);
        LocalDate bill = rs.getObject("bill_date", LocalDate.class);
        CycleCalendar calendar = new CycleCalendar(dates(rs, "closures"));
        List<String> warnings = new ArrayList<>();
        calendar.closedBecause(read).ifPresent(why -> warnings.add("The office is closed on the read date (" + why + ")"));
        calendar.closedBecause(bill).ifPresent(why -> warnings.add("The office is closed on the bill date (" + why + ")"));
        return new CycleScheduleView(rs.getInt("cycle_number"), YearMonth.parse(rs.getString("period")), read,
                rs.getObject("window_from", LocalDate.class), rs.getObject("window_to", LocalDate.class), bill,
                rs.getObject("previous_read", LocalDate.class), rs.getString("note"), List.copyOf(warnings));
    }

    private List<CycleScheduleView> views(int cycle, ScheduleRules rules, List<CycleCalendar.Planned> plan) {
        LocalDate previous = jdbc.sql("select max(read_date) from metering.cycle_schedule where cycle_number = ? and period < ?")
                .params(cycle, YearMonth.of(rules.year(), 1).toString()).query(LocalDate.class).optional().orElse(null);
        List<CycleScheduleView> views = new ArrayList<>();
        for (CycleCalendar.Planned p : plan) {
            views.add(new CycleScheduleView(cycle, p.period(), p.readDate(), p.windowFrom(), p.windowTo(), p.billDate(), previous, p.note(), List.of()));
            previous = p.readDate();
        }
        return views;
    }

    private static List<LocalDate> dates(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.stream((String[]) array.getArray()).filter(Objects::nonNull).map(LocalDate::parse).toList();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---- routes and meters ----------------------------------------------------------------------------------------

    /** The cycle's routes, by code, with their meter counts. */
    public List<RouteView> routes(int cycle) {
        return routes.routes(cycle);
    }

    /** Every route of every cycle, by code. */
    public List<RouteView> allRoutes() {
        return routes.routes(null);
    }

    /** How many of the cycle's meters are on none of its routes. */
    public long metersWithoutRoute(int cycle) {
        return routes.metersWithoutRoute(cycle);
    }

    /** Adds a route ({@code code}: 1 to 16 capital letters, digits, '-' or '_') to a cycle. */
    @Transactional
    public RouteView createRoute(String code, String name, Integer cycle) {
        return routes.create(code, name, cycle);
    }

    /** Renames a route or moves it, with every meter on it, to another cycle. */
    @Transactional
    public RouteView updateRoute(String code, String name, Integer cycle) {
        return routes.update(code, name, cycle);
    }

    /** Removes a route that no meter is on. */
    @Transactional
    public void deleteRoute(String code) {
        routes.delete(code);
    }

    /** Puts meters on a cycle (and route), as {@link MeterAssignment} says; nothing changes when any field has a problem. */
    @Transactional
    public Assigned assignMeters(MeterAssignment assignment) {
        return routes.assign(assignment);
    }
}

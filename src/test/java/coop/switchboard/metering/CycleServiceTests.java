package coop.switchboard.metering;

import coop.switchboard.TestCustomers;
import coop.switchboard.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class CycleServiceTests {
    private static final ScheduleRules DAY_25 = new ScheduleRules(2026, ScheduleRules.ReadOn.DAY_OF_MONTH, 25, 2, 1,
            List.of(LocalDate.of(2026, 11, 27)));

    @Autowired CycleService cycles;
    @Autowired JdbcClient jdbc;

    /** A cycle of this test's own: the lowest free number (the database is shared by every test in the JVM). */
    private int newCycle(String name) {
        for (int attempt = 0; ; attempt++) {
            int n = jdbc.sql("select min(g) from generate_series(1, 99) g where not exists (select 1 from metering.billing_cycle c where c.number = g)")
                    .query(Integer.class).single();
            try {
                return cycles.create(n, name, "").number();
            } catch (InvalidInputException e) {
                if (attempt > 5) {
                    throw e;
                }
            }
        }
    }

    private String meter() {
        String number = "C" + TestCustomers.uniqueDigits(8);
        jdbc.sql("insert into metering.meter (meter_number, service_type, kind, multiplier, dials, created_at) values (?, 'ELECTRIC', 'Itron', 1, 5, ?)")
                .params(number, Timestamp.from(Instant.now())).update();
        return number;
    }

    private Map<String, Object> placement(String meter) {
        return jdbc.sql("select cycle_number, route_code, route_sequence from metering.meter where meter_number = ?").param(meter)
                .query().singleRow();
    }

    private static Map<YearMonth, CycleScheduleView> byMonth(List<CycleScheduleView> rows) {
        return rows.stream().collect(Collectors.toMap(CycleScheduleView::period, Function.identity()));
    }

    @Test
    void readsOnADayOfTheMonthMoveOffHolidaysWeekendsAndClosures() {
        int cycle = newCycle("Day 25");
        CycleService.Generated done = cycles.generateSchedule(cycle, DAY_25);
        assertThat(done.added()).hasSize(12);
        Map<YearMonth, CycleScheduleView> year = byMonth(cycles.schedule(cycle, 2026));
        assertThat(year).hasSize(12);

        // Thanksgiving (Thu Nov 26) and the office's closure the day after push November's bills to Monday.
        CycleScheduleView nov = year.get(YearMonth.of(2026, 11));
        assertThat(nov.readDate()).isEqualTo("2026-11-25");
        assertThat(nov.windowFrom()).isEqualTo("2026-11-23");
        assertThat(nov.windowTo()).isEqualTo("2026-11-27");
        assertThat(nov.billDate()).isEqualTo("2026-11-30");
        assertThat(nov.note()).contains("Thanksgiving Day (Thu Nov 26)", "office closed (Fri Nov 27)");

        // Christmas falls on Friday the 25th: the read moves past the weekend to Monday.
        CycleScheduleView dec = year.get(YearMonth.of(2026, 12));
        assertThat(dec.readDate()).isEqualTo("2026-12-28");
        assertThat(dec.windowFrom()).isEqualTo("2026-12-26");
        assertThat(dec.windowTo()).isEqualTo("2026-12-30");
        assertThat(dec.billDate()).isEqualTo("2026-12-29");
        assertThat(dec.note()).isEqualTo("Read moved from Fri Dec 25 (Christmas Day) to Mon Dec 28");
        assertThat(dec.previousReadDate()).isEqualTo(nov.readDate());
        assertThat(dec.days()).isEqualTo(33);

        assertThat(year.get(YearMonth.of(2026, 1)).readDate()).isEqualTo("2026-01-26");     // Sunday
        assertThat(year.get(YearMonth.of(2026, 5)).readDate()).isEqualTo("2026-05-26");     // Memorial Day
        assertThat(year.get(YearMonth.of(2026, 7)).readDate()).isEqualTo("2026-07-27");     // Saturday
        assertThat(year.get(YearMonth.of(2026, 9)).readDate()).isEqualTo("2026-09-25");     // an ordinary Friday
        assertThat(year.get(YearMonth.of(2026, 9)).note()).isEmpty();
        assertThat(year.values()).allSatisfy(r -> assertThat(r.warnings()).isEmpty());

        assertThat(cycles.cycle(cycle).rules()).satisfies(r -> {
            assertThat(r.readOn()).isEqualTo(ScheduleRules.ReadOn.DAY_OF_MONTH);
            assertThat(r.closures()).containsExactly(LocalDate.of(2026, 11, 27));
        });
        assertThat(cycles.closures(cycle, 2026)).extracting(CycleService.Closure::name)
                .contains("New Year's Day", "Memorial Day", "Independence Day (observed)", "Labor Day", "Thanksgiving Day", "Christmas Day", "Office closed");
        assertThat(jdbc.sql("select count(*) from platform.audit_event where entity_type = 'billing_cycle' and entity_id = ? and action = 'schedule generated'")
                .param(cycle).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theNthBusinessDayCountsPastHolidays() {
        int cycle = newCycle("Third business day");
        cycles.generateSchedule(cycle, new ScheduleRules(2026, ScheduleRules.ReadOn.BUSINESS_DAY, 3, 1, 2, List.of()));
        Map<YearMonth, CycleScheduleView> year = byMonth(cycles.schedule(cycle, 2026));
        CycleScheduleView jan = year.get(YearMonth.of(2026, 1));
        assertThat(jan.readDate()).isEqualTo("2026-01-06");                 // Fri 2, Mon 5, Tue 6: New Year's Day is not counted
        assertThat(jan.note()).contains("New Year's Day (Thu Jan 1)");
        assertThat(jan.billDate()).isEqualTo("2026-01-08");
        CycleScheduleView jul = year.get(YearMonth.of(2026, 7));
        assertThat(jul.readDate()).isEqualTo("2026-07-06");                 // July 4 is a Saturday: the office closes Friday the 3rd
        assertThat(jul.note()).contains("Independence Day (observed) (Fri Jul 3)");
        assertThat(year.get(YearMonth.of(2026, 9)).readDate()).isEqualTo("2026-09-03");
        CycleScheduleView nov = year.get(YearMonth.of(2026, 11));
        assertThat(nov.readDate()).isEqualTo("2026-11-04");
        assertThat(nov.billDate()).isEqualTo("2026-11-06");

        // Saturday holidays close the Friday before, across the year end too.
        assertThat(CycleCalendar.holiday(LocalDate.of(2027, 12, 24))).contains("Christmas Day (observed)");
        assertThat(CycleCalendar.holiday(LocalDate.of(2027, 12, 31))).contains("New Year's Day (observed)");
        assertThat(CycleCalendar.holiday(LocalDate.of(2026, 11, 26))).contains("Thanksgiving Day");
        assertThat(CycleCalendar.holiday(LocalDate.of(2026, 11, 27))).isEmpty();
    }

    @Test
    void regeneratingReplacesFutureMonthsAndKeepsMonthsWhoseWindowHasOpened() {
        int past = newCycle("Regenerated past");
        cycles.generateSchedule(past, DAY_25.forYear(2020));
        CycleService.Generated again = cycles.generateSchedule(past, new ScheduleRules(2020, ScheduleRules.ReadOn.BUSINESS_DAY, 5, 2, 2, List.of()));
        assertThat(again.kept()).hasSize(12);
        assertThat(again.changed()).isEmpty();
        assertThat(cycles.scheduleFor(past, YearMonth.of(2020, 6)).orElseThrow().readDate()).isEqualTo("2020-06-25");

        int future = newCycle("Regenerated future");
        cycles.generateSchedule(future, DAY_25.forYear(2098));
        CycleService.Generated changed = cycles.generateSchedule(future, new ScheduleRules(2098, ScheduleRules.ReadOn.BUSINESS_DAY, 5, 2, 2, List.of()));
        assertThat(changed.changed()).hasSize(12);
        assertThat(changed.kept()).isEmpty();
        CycleService.Generated same = cycles.generateSchedule(future, new ScheduleRules(2098, ScheduleRules.ReadOn.BUSINESS_DAY, 5, 2, 2, List.of()));
        assertThat(same.added()).isEmpty();
        assertThat(same.changed()).isEmpty();
    }

    @Test
    void badRulesAreNamedByFieldAndNothingIsSaved() {
        int cycle = newCycle("Bad rules");
        assertThatThrownBy(() -> cycles.generateSchedule(cycle, new ScheduleRules(1999, ScheduleRules.ReadOn.BUSINESS_DAY, 25, 11, null, List.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField())
                        .containsOnlyKeys("year", "readDay", "windowDays", "billLagDays")
                        .containsEntry("billLagDays", "is required"));
        assertThatThrownBy(() -> cycles.generateSchedule(cycle, new ScheduleRules(2026, null, 32, 2, 2, List.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsOnlyKeys("readOn", "readDay"));
        assertThat(cycles.schedule(cycle, 2026)).isEmpty();
        assertThat(cycles.cycle(cycle).rules()).isNull();
        assertThatThrownBy(() -> cycles.create(0, " ", "x".repeat(501)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsOnlyKeys("number", "name", "description"));
        assertThatThrownBy(() -> cycles.create(cycle, "Again", ""))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("number")).contains("exists already"));
    }

    @Test
    void aScheduleRowIsEditedOnlyWhenTheWindowHoldsTheReadAndBillsFollowIt() {
        int cycle = newCycle("Edited by hand");
        cycles.generateSchedule(cycle, DAY_25.forYear(2097));
        YearMonth march = YearMonth.of(2097, 3);
        CycleScheduleView before = cycles.scheduleFor(cycle, march).orElseThrow();
        LocalDate read = before.readDate();
        assertThatThrownBy(() -> cycles.updateScheduleRow(cycle, march, read, read.plusDays(1), read.minusDays(1), read.minusDays(2), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField())
                        .containsOnlyKeys("windowFrom", "windowTo", "billDate")
                        .containsEntry("windowFrom", "must be on or before the read date")
                        .containsEntry("billDate", "must not be before the read date"));
        assertThatThrownBy(() -> cycles.updateScheduleRow(cycle, march, LocalDate.of(2097, 4, 30), null, read, read, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField())
                        .containsKeys("readDate", "windowFrom")
                        .hasEntrySatisfying("readDate", m -> assertThat(m).startsWith("must be before the next month's read date")));
        assertThat(cycles.scheduleFor(cycle, march).orElseThrow()).isEqualTo(before);

        // 2097-03-23 is a Saturday: allowed by hand, with a warning.
        CycleScheduleView saved = cycles.updateScheduleRow(cycle, march, LocalDate.of(2097, 3, 23), LocalDate.of(2097, 3, 21),
                LocalDate.of(2097, 3, 26), LocalDate.of(2097, 3, 27), "Reader on leave");
        assertThat(saved.readDate()).isEqualTo("2097-03-23");
        assertThat(saved.note()).isEqualTo("Reader on leave");
        assertThat(saved.warnings()).containsExactly("The office is closed on the read date (Saturday)");
        assertThat(cycles.scheduleFor(cycle, YearMonth.of(2097, 4)).orElseThrow().previousReadDate()).isEqualTo("2097-03-23");
        assertThat(jdbc.sql("select count(*) from platform.audit_event where entity_type = 'billing_cycle' and entity_id = ? and action = 'schedule changed'")
                .param(cycle).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void billingFindsTheMonthsThatBillBetweenTwoDates() {
        int cycle = newCycle("Due");
        cycles.generateSchedule(cycle, DAY_25.forYear(2096));
        CycleScheduleView nov = cycles.scheduleFor(cycle, YearMonth.of(2096, 11)).orElseThrow();
        assertThat(cycles.dueBetween(nov.billDate(), nov.billDate())).contains(nov);
        assertThat(cycles.dueBetween(nov.billDate().plusDays(1), nov.billDate().plusDays(3)))
                .noneMatch(r -> r.cycleNumber() == cycle && r.period().equals(nov.period()));
        assertThat(cycles.scheduleFor(cycle, YearMonth.of(2095, 11))).isEmpty();
    }

    @Test
    void metersGoOnARouteInWalkingOrderAndMoveWithTheirRoute() {
        int north = newCycle("North");
        int south = newCycle("South");
        String route = "N" + TestCustomers.uniqueDigits(6);
        cycles.createRoute(route.toLowerCase(), "North loop", north);
        String m1 = meter();
        String m2 = meter();
        String m3 = meter();
        CycleService.Assigned first = cycles.assignMeters(new MeterAssignment(north, route, List.of(m3, m1, m2), null, null, null));
        assertThat(first).isEqualTo(new CycleService.Assigned(3, 10, 30));
        assertThat(placement(m3)).containsEntry("cycle_number", north).containsEntry("route_code", route).containsEntry("route_sequence", 10);
        assertThat(placement(m2)).containsEntry("route_sequence", 30);
        String m4 = meter();
        assertThat(cycles.assignMeters(new MeterAssignment(north, route, List.of(m4), null, null, 5)).firstSequence()).isEqualTo(35);

        // Every problem is named by its field, and nothing moves.
        String otherRoute = "S" + TestCustomers.uniqueDigits(6);
        cycles.createRoute(otherRoute, "South loop", south);
        assertThatThrownBy(() -> cycles.assignMeters(new MeterAssignment(north, otherRoute, List.of(m1, "NO-SUCH", m1), null, 0, 0)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.byField()).containsOnlyKeys("routeCode", "meterNumbers", "firstSequence", "step");
                    assertThat(e.byField().get("routeCode")).isEqualTo("route " + otherRoute + " is on cycle " + south + ", not " + north);
                });
        assertThatThrownBy(() -> cycles.assignMeters(new MeterAssignment(north, null, List.of("NO-SUCH-1"), null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsEntry("meterNumbers", "there is no meter NO-SUCH-1"));
        assertThat(placement(m1)).containsEntry("route_code", route);

        assertThat(cycles.routes(north)).singleElement().satisfies(r -> assertThat(r.meters()).isEqualTo(4));
        assertThat(cycles.cycle(north).meters()).isEqualTo(4);
        assertThatThrownBy(() -> cycles.deleteRoute(route))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("code")).contains("still has 4 meters"));

        // Moving the route moves its meters; moving its meters onto another route renumbers them in their order.
        cycles.updateRoute(route, "North loop", south);
        assertThat(placement(m1)).containsEntry("cycle_number", south);
        assertThat(cycles.cycle(north).meters()).isZero();
        cycles.assignMeters(new MeterAssignment(south, otherRoute, List.of(), route, 100, 100));
        assertThat(placement(m3)).containsEntry("route_code", otherRoute).containsEntry("route_sequence", 100);
        assertThat(placement(m4)).containsEntry("route_sequence", 400);
        cycles.deleteRoute(route);
        assertThat(cycles.routes(south)).extracting(RouteView::code).containsExactly(otherRoute);

        // Put on a cycle without a route, a meter leaves its route.
        cycles.assignMeters(new MeterAssignment(north, null, List.of(m4), null, null, null));
        assertThat(placement(m4)).containsEntry("cycle_number", north).containsEntry("route_code", null).containsEntry("route_sequence", null);
        assertThat(cycles.metersWithoutRoute(north)).isEqualTo(1);
    }
}

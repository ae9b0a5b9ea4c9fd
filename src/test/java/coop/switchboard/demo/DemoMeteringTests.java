package coop.switchboard.demo;

import coop.switchboard.platform.CopyRows;
import coop.switchboard.metering.validation.ReadValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's metering: cycles and routes, 24 months of register reads, interval data for an AMI subset, the
 * exceptions queue and the recent meter exchange, loaded into a database of its own (the extra property keeps this
 * context apart from the other demo tests' data).
 */
@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true", "switchboard.demo.test-database=metering"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoMeteringTests {
    static final int MEMBERS = 1500;
    static final List<String> RULES = List.of("HIGH_VS_LAST_YEAR", "LOW_VS_LAST_YEAR", "ZERO_USAGE_ACTIVE", "USAGE_WHILE_INACTIVE",
            "NEGATIVE_USAGE", "DEMAND_OVER_RATING", "OUT_OF_WINDOW", "MISSING_READ");
    @Autowired DemoUtility demo;
    @Autowired JdbcClient jdbc;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LocalDate today;
    @org.springframework.beans.factory.annotation.Autowired java.time.Clock clock;

    @BeforeAll
    void load() {
        demo.generate(MEMBERS, DemoUtility.DEFAULT_SEED, new PrintStream(printed, true, StandardCharsets.UTF_8));
        today = LocalDate.now(clock); // the utility's day, which the demo was generated for (not the database server's)
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void everyMeterInServiceWasReadInTheLast40DaysUnlessItsReadIsMissing() {
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("register reads").doesNotContain("could not record");
        assertThat(count("""
                select count(*) from metering.meter_installation mi
                 where mi.removed_on is null
                   and not exists (select 1 from metering.register_read r
                                    where r.meter_id = mi.meter_id and r.read_date >= current_date - 40)
                   and not exists (select 1 from metering.read_exception e
                                    where e.meter_id = mi.meter_id and e.rule = 'MISSING_READ' and e.status = 'OPEN')""")).isZero();
        assertThat(count("select count(*) from metering.register_read")).isGreaterThan(MEMBERS * 20L);
        assertThat(count("select count(*) from metering.register_read where read_date > current_date")).isZero();
        assertThat(count("select count(*) from metering.register_read where read_date < current_date - interval '25 months'")).isZero();
    }

    @Test
    void consecutiveReadsNeverGoBackwardsExceptTheSeededNegativeReads() {
        String drops = """
                select r.id from (
                  select r.*, lag(r.reading) over (partition by r.meter_id, r.register order by r.read_at, r.id) as previous,
                         lag(r.read_type) over (partition by r.meter_id, r.register order by r.read_at, r.id) as previous_type
                    from metering.register_read r where r.register <> 'KW') r
                  join metering.meter m on m.id = r.meter_id
                 where r.previous is not null and r.reading < r.previous and r.read_type <> 'INITIAL'
                   and r.previous - r.reading <= power(10::numeric, m.dials) / 2""";
        List<Long> backwards = jdbc.sql(drops).query(Long.class).list();
        assertThat(backwards).isNotEmpty();
        for (long id : backwards) {
            assertThat(count("select count(*) from metering.read_exception where read_id = " + id + " and rule = 'NEGATIVE_USAGE'"))
                    .as("read %d goes backwards: %s", id, jdbc.sql("""
                            select string_agg(r.read_date || ' ' || r.read_type || ' ' || r.source || ' ' || r.reading || ' d' || m.dials
                                              || ' x' || m.multiplier, '; ' order by r.read_at)
                              from metering.register_read r join metering.meter m on m.id = r.meter_id
                             where r.meter_id = (select meter_id from metering.register_read where id = ?)
                               and r.register = (select register from metering.register_read where id = ?)""")
                            .params(id, id).query(String.class).single()).isOne();
        }
        // Registers do pass their top and start again: usage across a rollover stays positive.
        assertThat(count("""
                select count(*) from (
                  select r.reading, lag(r.reading) over (partition by r.meter_id, r.register order by r.read_at, r.id) as previous
                    from metering.register_read r where r.register = 'KWH') r where r.reading < r.previous""")).isGreaterThan(backwards.size());
        assertThat(count("select count(*) from metering.register_read where read_type = 'ESTIMATED' and source = 'ESTIMATE'")).isPositive();
    }

    @Test
    void everyRuleHasOpenExceptionsOnReadsThatShowIt() {
        Map<String, Long> open = jdbc.sql("select rule, count(*) from metering.read_exception where status = 'OPEN' group by rule")
                .query(rs -> {
                    Map<String, Long> m = new java.util.HashMap<>();
                    while (rs.next()) {
                        m.put(rs.getString(1), rs.getLong(2));
                    }
                    return m;
                });
        for (String rule : RULES) {
            assertThat(open.getOrDefault(rule, 0L)).as(rule).isBetween(1L, 12L);
        }
        assertThat(count("""
                select count(*) from metering.read_exception e join metering.register_read r on r.id = e.read_id
                 where e.rule = 'ZERO_USAGE_ACTIVE' and r.status = 'EXCEPTION'
                   and r.reading = (select p.reading from metering.register_read p where p.meter_id = r.meter_id
                                     and p.register = r.register and p.read_at < r.read_at order by p.read_at desc limit 1)""")).isEqualTo(open.get("ZERO_USAGE_ACTIVE"));
        assertThat(count("""
                select count(*) from metering.read_exception e join metering.register_read r on r.id = e.read_id
                  join metering.meter m on m.id = r.meter_id
                 where e.rule = 'DEMAND_OVER_RATING' and r.register = 'KW' and r.reading > m.rating_kw""")).isEqualTo(open.get("DEMAND_OVER_RATING"));
        ReadValidator validator = new ReadValidator();
        jdbc.sql("select expected_on, message from metering.read_exception where rule = 'MISSING_READ'")
                .query((rs, n) -> {
                    LocalDate expected = rs.getObject(1, LocalDate.class);
                    assertThat(rs.getString(2)).isEqualTo(validator.missingRead(expected, today, ReadCases.GRACE_DAYS).message());
                    return expected;
                }).list();
    }

    @Test
    void amiMetersHaveIntervalDaysUpToYesterdayWith96Slots() {
        long meters = count("select count(distinct meter_id) from metering.interval_day");
        assertThat(meters).isGreaterThanOrEqualTo(MeterReadings.MIN_INTERVAL_METERS);
        assertThat(count("""
                select count(*) from (select meter_id, max(day) as last, min(day) as first, count(*) as days
                                        from metering.interval_day group by meter_id) d
                 where d.last <> cast('%s' as date) or d.days <> 90""".formatted(today.minusDays(1)))).isZero();
        assertThat(count("""
                select count(*) from metering.interval_day
                 where minutes <> 15 or readings <> 96 or array_length(slots, 1) <> 96
                    or total <> (select sum(s) from unnest(slots) s) or peak <> (select max(s) from unnest(slots) s)""")).isZero();
        // Determinants read the narrow totals table: every interval day has its row there, with the same numbers.
        assertThat(count("""
                select count(*) from metering.interval_day d left join metering.interval_total t on t.meter_id = d.meter_id and t.day = d.day
                 where t.meter_id is null or t.total <> d.total or t.peak <> d.peak or t.readings <> d.readings""")).isZero();
        assertThat(count("""
                select count(*) from metering.interval_day i join metering.meter m on m.id = i.meter_id
                 where not m.ami or m.service_type <> 'ELECTRIC'""")).isZero();
        // Register reads over the interval days are the sums of the intervals (to the register's whole kWh).
        long mismatched = count("""
                select count(*) from (
                  select r.meter_id, r.read_date, r.reading,
                         lag(r.reading) over (partition by r.meter_id order by r.read_at) as previous,
                         lag(r.read_date) over (partition by r.meter_id order by r.read_at) as previous_date
                    from metering.register_read r
                   where r.register = 'KWH' and r.meter_id in (select meter_id from metering.interval_day)) r
                  join metering.meter m on m.id = r.meter_id
                 where r.previous_date >= current_date - 89
                   and abs(mod(r.reading - r.previous + power(10::numeric, m.dials), power(10::numeric, m.dials)) * m.multiplier
                           - (select sum(total) from metering.interval_day i where i.meter_id = r.meter_id
                               and i.day >= r.previous_date and i.day < r.read_date) / 10000.0) > 1.0 * m.multiplier""");
        assertThat(mismatched).isZero();
    }

    @Test
    void fourCyclesWithSchedulesOnBusinessDaysAndEveryMeterInServiceOnARoute() {
        assertThat(count("select count(*) from metering.billing_cycle")).isEqualTo(4);
        assertThat(count("select count(*) from metering.cycle_schedule")).isEqualTo(4 * 37);
        jdbc.sql("select read_date, bill_date from metering.cycle_schedule").query((rs, n) -> {
            for (LocalDate d : List.of(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class))) {
                assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                assertThat(DemoCycles.holiday(d)).as(d.toString()).isNull();
            }
            return null;
        }).list();
        assertThat(count("select count(*) from metering.cycle_schedule where period = to_char(current_date, 'YYYY-MM')")).isEqualTo(4);
        assertThat(count("""
                select count(*) from metering.meter_installation mi join metering.meter m on m.id = mi.meter_id
                  left join metering.route r on r.code = m.route_code
                 where mi.removed_on is null
                   and (m.cycle_number is null or m.route_sequence is null or r.cycle_number is distinct from m.cycle_number)""")).isZero();
        // Reads fall on their cycle's read dates (or a day after, inside the window) unless they are off-cycle.
        assertThat(count("""
                select count(*) from metering.register_read r join metering.meter m on m.id = r.meter_id
                 where r.read_type = 'ACTUAL' and r.status = 'VALID' and m.cycle_number is not null
                   and not exists (select 1 from metering.cycle_schedule s where s.cycle_number = m.cycle_number
                                    and r.read_date between s.window_from and s.window_to)""")).isZero();
    }

    @Test
    void demandMetersHaveARatingAndKwReadsWithinIt() {
        assertThat(count("""
                select count(*) from metering.meter m join metering.meter_installation mi on mi.meter_id = m.id and mi.removed_on is null
                  join premises.service_point sp on sp.id = mi.service_point_id join premises.premise p on p.id = sp.premise_id
                 where sp.service_type = 'ELECTRIC' and p.premise_type in ('SMALL_COMMERCIAL', 'LARGE_POWER', 'IRRIGATION')
                   and m.rating_kw is null""")).isZero();
        assertThat(count("select count(*) from metering.register_read where register = 'KW'")).isPositive();
        assertThat(count("""
                select count(*) from metering.register_read r join metering.meter m on m.id = r.meter_id
                 where r.register = 'KW' and r.status = 'VALID' and r.reading > m.rating_kw""")).isZero();
    }

    @Test
    void irrigationIsUsedInSummerAndHomesInWinterToo() {
        String byMonth = """
                select coalesce(avg(mod(r.reading - p.reading + power(10::numeric, m.dials), power(10::numeric, m.dials)) * m.multiplier), 0)
                  from metering.register_read r join metering.meter m on m.id = r.meter_id
                  join metering.meter_installation mi on mi.meter_id = m.id and mi.removed_on is null
                  join premises.service_point sp on sp.id = mi.service_point_id join premises.premise pr on pr.id = sp.premise_id
                  join lateral (select reading from metering.register_read q where q.meter_id = r.meter_id and q.register = r.register
                                   and q.read_at < r.read_at order by q.read_at desc limit 1) p on true
                 where r.register = 'KWH' and r.read_type = 'ACTUAL' and pr.premise_type = '%s'
                   and extract(month from r.read_date) in (%s)""";
        double irrigationSummer = jdbc.sql(byMonth.formatted("IRRIGATION", "7, 8")).query(Double.class).single();
        double irrigationWinter = jdbc.sql(byMonth.formatted("IRRIGATION", "1, 2")).query(Double.class).single();
        double homesSpring = jdbc.sql(byMonth.formatted("RESIDENTIAL", "5")).query(Double.class).single();
        double homesWinter = jdbc.sql(byMonth.formatted("RESIDENTIAL", "1, 2")).query(Double.class).single();
        double homesSummer = jdbc.sql(byMonth.formatted("RESIDENTIAL", "8")).query(Double.class).single();
        assertThat(irrigationSummer).isGreaterThan(20 * irrigationWinter);
        assertThat(homesWinter).isGreaterThan(homesSpring);
        assertThat(homesSummer).isGreaterThan(homesSpring);
    }

    @Test
    void oneRecentMeterExchangeOnAHomeHasRemovalAndInstallReadsTheSameDay() {
        List<Map<String, Object>> rows = jdbc.sql("""
                select o.read_date as removed, n.read_date as installed, oi.service_point_id as old_point, ni.service_point_id as new_point,
                       p.premise_type
                  from metering.meter nm
                  join metering.register_read n on n.meter_id = nm.id and n.read_type = 'INITIAL'
                  join metering.meter_installation ni on ni.meter_id = nm.id and ni.removed_on is null
                  join metering.meter_installation oi on oi.service_point_id = ni.service_point_id and oi.removed_on = ni.installed_on
                  join metering.register_read o on o.meter_id = oi.meter_id and o.read_type = 'REMOVAL'
                  join premises.service_point sp on sp.id = ni.service_point_id join premises.premise p on p.id = sp.premise_id
                 where nm.meter_number = ?""").param(Long.toString(DemoMeters.EXCHANGE_NUMBER)).query().listOfRows();
        assertThat(rows).hasSize(1);
        Map<String, Object> x = rows.getFirst();
        assertThat(x.get("removed")).isEqualTo(x.get("installed"));
        assertThat(x.get("premise_type")).isEqualTo("RESIDENTIAL");
        assertThat(((java.sql.Date) x.get("removed")).toLocalDate()).isAfter(today.minusDays(20)).isBefore(today);
    }

    @Test
    void sameSeedGivesTheSameReadsAndAnotherSeedOthers() throws Exception {
        String first = readsChecksum(77);
        assertThat(readsChecksum(77)).isEqualTo(first);
        assertThat(readsChecksum(78)).isNotEqualTo(first);
    }

    private static String readsChecksum(long seed) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Cooperative coop = new Cooperative(seed, 400, LocalDate.ofInstant(CooperativeTests.NOW, CooperativeTests.ZONE),
                CooperativeTests.ZONE, CooperativeTests.NOW, CooperativeTests.CLEAR).flushingEvery(64 * 1024);
        java.util.Set<String> meters = new java.util.HashSet<>();
        java.util.Set<String> routes = new java.util.HashSet<>();
        coop.run(batch -> {
            sha.update(batch.registerRead.bytes());
            for (CopyRows rows : List.of(batch.intervalDay, batch.readException, batch.meter)) {
                sha.update(rows.text().toString().getBytes(StandardCharsets.UTF_8));
            }
            // Every row refers only to rows in the same or an earlier batch (tables load in the batch's order).
            column(batch.route, 0).forEach(routes::add);
            column(batch.meter, 0).forEach(meters::add);
            assertThat(routes).containsAll(column(batch.meter, 9).stream().filter(r -> !r.equals("\\N")).toList());
            assertThat(meters).containsAll(meterIds(batch.registerRead)).containsAll(column(batch.intervalDay, 0))
                    .containsAll(column(batch.readException, 3));
        });
        coop.heldReads().forEach(p -> sha.update(p.toString().getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The meter ids (second field) of binary COPY rows. */
    private static List<String> meterIds(BinaryRows rows) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(rows.bytes());
        List<String> ids = new java.util.ArrayList<>();
        while (b.hasRemaining()) {
            int fields = b.getShort();
            for (int f = 0; f < fields; f++) {
                int length = b.getInt();
                if (f == 1) {
                    ids.add(Long.toString(b.getLong()));
                } else if (length > 0) {
                    b.position(b.position() + length);
                }
            }
        }
        assertThat(ids).hasSize(rows.rows());
        return ids;
    }

    private static List<String> column(CopyRows rows, int column) {
        return rows.text().toString().lines().map(line -> line.split("\t", -1)[column]).toList();
    }
}

package coop.switchboard.bench;

import coop.switchboard.metering.DeterminantService;
import coop.switchboard.metering.Determinants;
import coop.switchboard.shared.CliCommand;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./switchboard bench determinants [--agreements N]}: billing determinants (kWh and peak kW) from a month of
 * 15-minute interval data for N AMI service points (default 100,000), as a bill run asks for them, in chunks of 50,000.
 * The first run builds the meters, installations and a month of intervals in {@code ./data-bench} (a few minutes);
 * later runs reuse them.
 */
@Component
class DeterminantBenchmark implements CliCommand {
    private static final long FIRST_POINT = 900_000_000L;
    private static final int CHUNK = 50_000;
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 2, 1);
    private final DeterminantService determinants;
    private final JdbcClient jdbc;

    DeterminantBenchmark(DeterminantService determinants, JdbcClient jdbc) {
        this.determinants = determinants;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "bench determinants";
    }

    @Override
    public String summary() {
        return "determinants for AMI agreements from a month of intervals";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        int agreements = 100_000;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--agreements") && i + 1 < args.size()) {
                agreements = Integer.parseInt(args.get(++i).replace("_", "").replace(",", ""));
            } else {
                throw new IllegalArgumentException("unknown option '" + args.get(i) + "' (options: --agreements N)");
            }
        }
        prepare(agreements);
        List<Long> points = new ArrayList<>(agreements);
        for (long p = 0; p < agreements; p++) {
            points.add(FIRST_POINT + p);
        }
        long started = System.nanoTime();
        long billable = 0;
        for (int i = 0; i < points.size(); i += CHUNK) {
            Map<Long, Determinants> chunk = determinants.forAmiServicePoints(points.subList(i, Math.min(points.size(), i + CHUNK)), FROM, TO);
            billable += chunk.values().stream().filter(Determinants::billable).count();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (billable != agreements) {
            throw new IllegalStateException("only " + billable + " of " + agreements + " service points had complete intervals");
        }
        out.printf(Locale.ROOT, "{\"bench\":\"determinants\",\"agreements\":%d,\"days\":%d,\"seconds\":%.2f,\"agreementsPerSecond\":%.0f}%n",
                agreements, TO.toEpochDay() - FROM.toEpochDay(), seconds, agreements / seconds);
        return 0;
    }

    /** Meters BENCHD-n installed on service points 900,000,000 + n, each with every 15-minute interval of January 2025. */
    private void prepare(int agreements) {
        long have = jdbc.sql("select count(*) from metering.meter where meter_number like 'BENCHD-%'").query(Long.class).single();
        if (have >= agreements) {
            return;
        }
        System.err.printf(Locale.ROOT, "building %,d AMI meters with a month of 15-minute intervals (once)%n", agreements);
        jdbc.sql("""
                insert into metering.meter (meter_number, service_type, kind, multiplier, dials, ami, created_at)
                select 'BENCHD-' || lpad(n::text, 7, '0'), 'ELECTRIC', 'AMI single-phase', 1, 6, true, now()
                  from generate_series(?, ?) n on conflict (meter_number) do nothing""").params(have, agreements - 1).update();
        jdbc.sql("""
                insert into metering.meter_installation (meter_id, service_point_id, installed_on)
                select id, ? + substring(meter_number from 8)::bigint, date '2020-01-01' from metering.meter m
                 where meter_number like 'BENCHD-%' and not exists (select 1 from metering.meter_installation i where i.meter_id = m.id)""")
                .param(FIRST_POINT).update();
        jdbc.sql("select metering.ensure_interval_month(date '2025-01-01')").query(Object.class).optional();
        jdbc.sql("""
                create temp table if not exists bench_shapes as
                select k, array_agg(v order by g) as slots, sum(v) as total, max(v) as peak
                  from (select k, g, 400 + ((k * 7919 + g * 104729) % 9000) as v
                          from generate_series(0, 63) k, generate_series(1, 96) g) x group by k""").update();
        jdbc.sql("""
                insert into metering.interval_day (meter_id, day, minutes, slots, total, peak, readings)
                select m.id, d::date, 15, s.slots, s.total, s.peak, 96
                  from metering.meter m cross join generate_series(date '2025-01-01', date '2025-01-31', interval '1 day') d
                  join bench_shapes s on s.k = (m.id + extract(day from d)::int) % 64
                 where m.meter_number like 'BENCHD-%'
                on conflict (meter_id, day) do nothing""").update();
        jdbc.sql("""
                insert into metering.interval_total (meter_id, day, minutes, total, peak, readings)
                select d.meter_id, d.day, d.minutes, d.total, d.peak, d.readings from metering.interval_day d
                  join metering.meter m on m.id = d.meter_id and m.meter_number like 'BENCHD-%'
                on conflict (meter_id, day) do nothing""").update();
        jdbc.sql("analyze metering.interval_day").update();
        jdbc.sql("analyze metering.interval_total").update();
    }
}

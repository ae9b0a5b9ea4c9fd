package coop.switchboard.bench;

import coop.switchboard.metering.ImportResult;
import coop.switchboard.metering.IntervalService;
import coop.switchboard.shared.CliCommand;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code ./switchboard bench intervals --readings N}: writes a CSV of N 15-minute readings for 1,000 AMI meters made for
 * the benchmark (in {@code ./data-bench}), then times its import end to end — reading and parsing the file, COPY, and
 * merging into the partitioned interval table, committed — as {@code ./switchboard import intervals} does it.
 */
@Component
class IntervalBenchmark implements CliCommand {
    private static final int METERS = 1000;
    private final IntervalService intervals;
    private final JdbcClient jdbc;

    IntervalBenchmark(IntervalService intervals, JdbcClient jdbc) {
        this.intervals = intervals;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "bench intervals";
    }

    @Override
    public String summary() {
        return "interval import rate from CSV";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        long readings = 10_000_000;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--readings") && i + 1 < args.size()) {
                readings = Long.parseLong(args.get(++i).replace("_", "").replace(",", ""));
                if (readings < 96) {
                    throw new IllegalArgumentException("--readings must be at least 96");
                }
            } else {
                throw new IllegalArgumentException("unknown option '" + args.get(i) + "' (options: --readings N)");
            }
        }
        prepareMeters();
        Path file = Files.createTempFile("switchboard-bench-intervals", ".csv");
        try {
            long written = write(file, readings);
            System.err.printf(Locale.ROOT, "wrote %,d readings (%,d MB) to %s; importing%n", written, Files.size(file) >> 20, file);
            ImportResult result;
            long started = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                result = intervals.importCsv(in, "bench-" + System.nanoTime() + ".csv");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long stored = jdbc.sql("""
                    select coalesce(sum(readings), 0) from metering.interval_day
                     where meter_id in (select id from metering.meter where meter_number like 'BENCH-%')""").query(Long.class).single();
            if (result.rejectedCount() > 0 || result.added() != written || stored != written) {
                throw new IllegalStateException("the benchmark file did not import cleanly (" + stored + " readings stored): " + result.json());
            }
            out.printf(Locale.ROOT, "{\"bench\":\"intervals\",\"readings\":%d,\"seconds\":%.2f,\"readingsPerSecond\":%.0f}%n",
                    written, seconds, written / seconds);
            return 0;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** 1,000 AMI meters of its own, their earlier benchmark intervals removed so each run imports the same amount afresh. */
    private void prepareMeters() {
        jdbc.sql("""
                insert into metering.meter (meter_number, service_type, kind, multiplier, dials, ami, created_at)
                select 'BENCH-' || lpad(n::text, 6, '0'), 'ELECTRIC', 'AMI single-phase', 1, 6, true, now()
                  from generate_series(1, ?) n
                on conflict (meter_number) do nothing""").param(METERS).update();
        jdbc.sql("delete from metering.interval_day where meter_id in (select id from metering.meter where meter_number like 'BENCH-%')").update();
    }

    /** Meter by meter, day by day, 96 readings a day from 2024-01-01 on; about 0.05-1.5 kWh each. */
    private static long write(Path file, long readings) throws Exception {
        SplittableRandom random = new SplittableRandom(20261123L);
        long perMeter = ((readings + METERS - 1) / METERS + 95) / 96 * 96;
        long written = 0;
        LocalDate first = LocalDate.of(2024, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("meter,start,minutes,kwh\n");
            StringBuilder line = new StringBuilder(64);
            for (int m = 1; m <= METERS && written < readings; m++) {
                String meter = String.format(Locale.ROOT, "BENCH-%06d", m);
                for (long k = 0; k < perMeter && written < readings; k++) {
                    LocalDate day = first.plusDays(k / 96);
                    int minute = (int) (k % 96) * 15;
                    int units = 500 + random.nextInt(15_000);
                    line.setLength(0);
                    line.append(meter).append(',').append(day).append('T');
                    two(line, minute / 60).append(':');
                    two(line, minute % 60).append(",15,").append(units / 10_000).append('.');
                    String frac = Integer.toString(units % 10_000);
                    line.append("0".repeat(4 - frac.length())).append(frac).append('\n');
                    w.append(line);
                    written++;
                }
            }
        }
        return written;
    }

    private static StringBuilder two(StringBuilder s, int v) {
        return s.append(v < 10 ? "0" : "").append(v);
    }
}

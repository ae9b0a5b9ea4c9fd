package coop.switchboard.rates;

import coop.switchboard.rates.file.TariffYaml;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.ServicePeriod;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmarks of the rating engine, run by {@code ./switchboard bench rates}: a residential monthly bill (customer
 * charge, seasonal three blocks, power cost adjustment, sales tax) in bills per second on one thread (one core), and a
 * time-of-use year rated month by month from 8,760 hourly values (NREL's residential load) in microseconds.
 * The last line printed is JSON: {@code {"residentialBillsPerSecondPerCore":..,"touYearMicroseconds":..}}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class RatingBenchmark {
    static final String RESIDENTIAL = """
            code: RS
            name: Residential
            versions:
              - effective: "2020-01-01"
                components:
                  - {type: fixed, code: CUSTOMER, description: Customer charge, amount: 32.00}
                  - type: usage
                    code: ENERGY
                    description: Energy
                    seasons:
                      - name: Summer
                        months: [6, 7, 8, 9]
                        blocks: [{upTo: 500, price: 0.0950}, {upTo: 1500, price: 0.1050}, {price: 0.1180}]
                      - name: Winter
                        months: [1, 2, 3, 4, 5, 10, 11, 12]
                        blocks: [{upTo: 500, price: 0.0980}, {upTo: 1500, price: 0.0920}, {price: 0.0880}]
                  - type: rider
                    code: PCA
                    description: Power cost adjustment
                    monthly: {"2026-01": 0.0035, "2026-06": 0.0011, "2026-07": 0.0039}
                  - {type: tax, code: SALES_TAX, description: Sales tax, percent: 6.5}
            """;
    static final String TIME_OF_USE = """
            code: TOU
            name: Residential time-of-use
            versions:
              - effective: "2000-01-01"
                holidays: {nerc: true}
                components:
                  - {type: fixed, code: CUSTOMER, description: Customer charge, amount: 34.00}
                  - type: usage
                    code: ENERGY
                    description: Energy
                    basis: period
                    periods: [{name: Off-peak, price: 0.0780}, {name: On-peak, price: 0.1650}, {name: Summer on-peak, price: 0.2150}]
                    weekday: ["000000000000000011111000", "000000000000000011111000", "000000000000000011111000",
                              "000000000000000011111000", "000000000000000011111000", "000000000000000022222000",
                              "000000000000000022222000", "000000000000000022222000", "000000000000000022222000",
                              "000000000000000011111000", "000000000000000011111000", "000000000000000011111000"]
                    weekend: ["000000000000000000000000", "000000000000000000000000", "000000000000000000000000",
                              "000000000000000000000000", "000000000000000000000000", "000000000000000000000000",
                              "000000000000000000000000", "000000000000000000000000", "000000000000000000000000",
                              "000000000000000000000000", "000000000000000000000000", "000000000000000000000000"]
                  - {type: rider, code: PCA, description: Power cost adjustment, price: 0.0030}
                  - {type: tax, code: SALES_TAX, description: Sales tax, percent: 6.5}
            """;

    private PreparedTariff residential;
    private PreparedTariff timeOfUse;
    private Usage[] usages;
    private ServicePeriod[] months;
    private List<ServicePeriod> year;
    private List<Usage> hourly;
    private int next;

    @Setup
    public void setUp() throws Exception {
        residential = PreparedTariff.of(TariffYaml.read(RESIDENTIAL).getFirst());
        timeOfUse = PreparedTariff.of(TariffYaml.read(TIME_OF_USE).getFirst());
        SplittableRandom random = new SplittableRandom(20261123L);
        usages = new Usage[1024];
        for (int i = 0; i < usages.length; i++) {
            usages[i] = Usage.of(Map.of(Measure.KWH, Quantity.of(200 + random.nextInt(2400))));
        }
        months = new ServicePeriod[]{ServicePeriod.month(YearMonth.of(2026, 1)), ServicePeriod.month(YearMonth.of(2026, 7))};
        long[] load = load();
        IntervalData data = new IntervalData(LocalDate.of(2018, 1, 1).atStartOfDay(), 60, load);
        year = new ArrayList<>();
        hourly = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            year.add(ServicePeriod.month(YearMonth.of(2018, m)));
            hourly.add(Usage.intervals(data));
        }
    }

    static long[] load() throws Exception {
        List<Long> values = new ArrayList<>(8760);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RatingBenchmark.class.getResourceAsStream("/load-profiles/residential_load.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    values.add(new BigDecimal(line.trim()).setScale(4, RoundingMode.HALF_UP).unscaledValue().longValueExact());
                }
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RatedBill residentialMonth() {
        int i = next++ & 1023;
        return residential.rate(months[i & 1], usages[i], AccountAttributes.NONE, RatingHistory.NONE);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<RatedBill> timeOfUseYear() {
        return timeOfUse.rateMonths(year, hourly, AccountAttributes.NONE);
    }

    /** Runs both benchmarks and prints their figures as the last line, in JSON. */
    public static void main(String[] args) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.include(RatingBenchmark.class.getName() + "\\.(residentialMonth|timeOfUseYear)$");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    options.warmupIterations(2).measurementIterations(3);
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' (options: --quick)");
            }
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        double billsPerSecond = 0;
        double yearMicros = 0;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            if (name.endsWith("residentialMonth")) {
                billsPerSecond = score;
            } else if (name.endsWith("timeOfUseYear")) {
                yearMicros = score;
            }
        }
        System.out.printf(Locale.ROOT, "{\"residentialBillsPerSecondPerCore\":%.0f,\"touYearMicroseconds\":%.1f,\"jdk\":\"%s\"}%n",
                billsPerSecond, yearMicros, System.getProperty("java.version"));
    }
}

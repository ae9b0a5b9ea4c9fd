package coop.switchboard.rates;

import coop.switchboard.rates.file.TariffYaml;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.ServicePeriod;
import coop.switchboard.shared.ServiceType;
import coop.switchboard.shared.UnitPrice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties every rated bill must have, checked on randomly generated tariffs, periods and usage. Each test runs over
 * a list of seeds; a failure names its seed, and {@code -Drating.seed=N} reruns just that one.
 */
class RatingInvariantsTest {
    private static final Map<String, Tariff> DEMO = GoldenCases.demoTariffs();
    private static final LocalDate EPOCH = LocalDate.of(2025, 1, 1);
    private static final List<String> SIZES = List.of("5/8", "1");
    private static final List<String> FIXTURES = List.of("LED 70W", "HPS 100W");

    static LongStream seeds() {
        String one = System.getProperty("rating.seed");
        return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.rangeClosed(1, 150);
    }

    private static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    // ---- (a) inclining blocks: more usage never costs less ------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void moreUsageNeverCostsLessWithIncliningBlocks(long seed) {
        RandomGenerator rng = random(seed);
        Tariff tariff = incliningTariff(rng);
        PreparedTariff prepared = PreparedTariff.of(tariff);
        ServicePeriod period = randomPeriod(rng);
        long kwh = rng.nextLong(0, 20_000_000);
        Money lastTotal = null;
        Money lastEnergy = null;
        for (int step = 0; step < 25; step++) {
            RatedBill bill = prepared.rate(period, Usage.of(Map.of(Measure.KWH, Quantity.ofTenThousandths(kwh))), null, null);
            Money energy = sum(bill, "ENERGY");
            String where = "seed " + seed + ", " + period + ", " + Quantity.ofTenThousandths(kwh) + " kWh: " + bill.lines();
            if (lastTotal != null) {
                assertThat(bill.total()).as(where).isGreaterThanOrEqualTo(lastTotal);
                assertThat(energy).as(where).isGreaterThanOrEqualTo(lastEnergy);
            }
            lastTotal = bill.total();
            lastEnergy = energy;
            kwh += rng.nextInt(4) == 0 ? rng.nextLong(0, 30) : rng.nextLong(0, 5_000_000);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void demoSummerResidentialIsMonotonic(long seed) {
        RandomGenerator rng = random(seed);
        PreparedTariff rs = PreparedTariff.of(DEMO.get("RS"));
        LocalDate from = LocalDate.of(2025 + rng.nextInt(2), 6, 1).plusDays(rng.nextInt(0, 80));
        ServicePeriod period = new ServicePeriod(from, from.plusDays(rng.nextInt(5, 45)));
        long kwh = 0;
        Money last = Money.ZERO;
        for (int step = 0; step < 40; step++) {
            kwh += rng.nextLong(0, 1_000_000);
            RatedBill bill = rs.rate(period, Usage.of(Map.of(Measure.KWH, Quantity.ofTenThousandths(kwh))), null, null);
            assertThat(bill.total()).as("seed %d, %s, %s kWh", seed, period, Quantity.ofTenThousandths(kwh)).isGreaterThanOrEqualTo(last);
            last = bill.total();
        }
    }

    // ---- (b) every line is price × quantity rounded once; the total is the sum of the lines ---------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void totalIsTheSumOfLinesAndEachLineIsRoundedOnce(long seed) {
        RandomGenerator rng = random(seed);
        for (int i = 0; i < 12; i++) {
            Tariff tariff = rng.nextBoolean() ? randomDemo(rng) : randomTariff(rng, true);
            ServicePeriod period = randomPeriod(rng);
            Usage usage = randomUsage(rng, tariff, period, rng.nextInt(3) == 0);
            RatingHistory history = randomHistory(rng, period);
            RatedBill bill = PreparedTariff.of(tariff).rate(period, usage, account(), history);
            String where = "seed " + seed + ", tariff " + tariff.code() + ", " + period;
            Money sum = Money.ZERO;
            for (BillLine line : bill.lines()) {
                sum = sum.plus(line.amount());
                assertThat(line.quantity().value().scale()).as(where + " " + line).isEqualTo(Quantity.SCALE);
                assertThat(line.unitPrice().value().scale()).as(where + " " + line).isEqualTo(UnitPrice.SCALE);
                assertThat(line.amount().amount().scale()).as(where + " " + line).isEqualTo(Money.SCALE);
                BigDecimal exact = line.unitPrice().value().multiply(line.quantity().value());
                assertThat(line.amount().amount()).as(where + " " + line).isEqualTo(exact.setScale(2, RoundingMode.HALF_UP));
            }
            assertThat(bill.total()).as(where).isEqualTo(sum);
        }
    }

    // ---- (c) prorated parts add up to the whole ---------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void versionsThatRateAlikeAreMergedSoTheBillIsUnchanged(long seed) {
        RandomGenerator rng = random(seed);
        Tariff base = rng.nextBoolean() ? randomDemo(rng) : randomTariff(rng, true);
        TariffVersion last = base.versions().getLast();
        ServicePeriod period = randomPeriod(rng, last.effective().plusDays(1));
        if (period.days() < 2) {
            period = new ServicePeriod(period.from(), period.from().plusDays(2));
        }
        LocalDate change = period.from().plusDays(rng.nextInt(1, period.days()));
        List<TariffVersion> versions = new ArrayList<>(base.versions());
        versions.add(new TariffVersion(change, "re-adopted without change", last.components(), last.holidays(), last.proration()));
        Tariff twice = new Tariff(base.code(), base.name(), base.service(), base.rateClass(), base.description(), versions);
        Usage usage = randomUsage(rng, base, period, rng.nextBoolean());
        RatingHistory history = randomHistory(rng, period);
        RatedBill one = PreparedTariff.of(base).rate(period, usage, account(), history);
        RatedBill two = PreparedTariff.of(twice).rate(period, usage, account(), history);
        String where = "seed " + seed + ", tariff " + base.code() + ", " + period + ", re-adopted " + change;
        assertThat(two.lines()).as(where).isEqualTo(one.lines());
        assertThat(two.total()).as(where).isEqualTo(one.total());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void partsOfARealVersionChangeAddUpToTheWholePeriod(long seed) {
        RandomGenerator rng = random(seed);
        Money customer = Money.ofCents(rng.nextLong(500, 9_000));
        UnitPrice perKw = new UnitPrice(BigDecimal.valueOf(rng.nextLong(1, 20_000_000), 6));
        BigDecimal first = BigDecimal.valueOf(rng.nextInt(50, 900));
        BigDecimal second = first.add(BigDecimal.valueOf(rng.nextInt(1, 2000)));
        LocalDate change = LocalDate.of(2026, 1, 1).plusDays(rng.nextInt(0, 300));
        Tariff tariff = new Tariff("SPLIT", "Split test", ServiceType.ELECTRIC, null, null, List.of(
                splitVersion(LocalDate.of(2025, 1, 1), customer, perKw, first, second, "0.08", "0.10", "0.12"),
                splitVersion(change, customer, perKw, first, second, "0.09", "0.11", "0.13")));
        int days = rng.nextBoolean() ? rng.nextInt(27, 36) : rng.nextInt(2, 62);
        LocalDate from = change.minusDays(rng.nextInt(1, days));
        ServicePeriod period = new ServicePeriod(from, from.plusDays(days));
        long kwh = rng.nextLong(100_000_000L, 300_000_000L); // enough to fill both blocks in every part
        Quantity kw = Quantity.ofTenThousandths(rng.nextLong(0, 5_000_000));
        RatedBill bill = PreparedTariff.of(tariff).rate(period, Usage.of(Map.of(Measure.KWH, Quantity.ofTenThousandths(kwh),
                Measure.KW, kw)), null, null);
        String where = "seed " + seed + ", " + period + ", change " + change + ": " + bill.lines();
        assertThat(bill.versions()).as(where).hasSize(2);
        int parts = 2;
        // A regular cycle is one month whatever its days; another period is its days over the 30-day standard month.
        BigDecimal months = days >= 27 && days <= 35 ? BigDecimal.ONE
                : BigDecimal.valueOf(days).divide(BigDecimal.valueOf(30), 10, RoundingMode.HALF_UP);
        BigDecimal cent = new BigDecimal("0.01").multiply(BigDecimal.valueOf(parts));
        assertThat(sum(bill, "CUSTOMER").amount().subtract(customer.amount().multiply(months)).abs()).as(where).isLessThanOrEqualTo(cent);
        assertThat(sum(bill, "DEMAND").amount().subtract(perKw.value().multiply(kw.value()).multiply(months)).abs())
                .as(where).isLessThanOrEqualTo(cent.add(kw.value().multiply(new BigDecimal("0.000001")).multiply(BigDecimal.valueOf(parts))));
        // Usage splits exactly; block limits per part add up to the month's limits within a rounding unit per part.
        assertThat(quantity(bill, "ENERGY", null)).as(where).isEqualTo(Quantity.ofTenThousandths(kwh));
        BigDecimal unit = new BigDecimal("0.0001").multiply(BigDecimal.valueOf(parts));
        assertThat(quantity(bill, "ENERGY", ", first ").value().subtract(first.multiply(months)).abs()).as(where).isLessThanOrEqualTo(unit);
        assertThat(quantity(bill, "ENERGY", ", next ").value().subtract(second.subtract(first).multiply(months)).abs()).as(where)
                .isLessThanOrEqualTo(unit.multiply(BigDecimal.TWO));
        assertThat(quantity(bill, "PCA", null)).as(where).isEqualTo(Quantity.ofTenThousandths(kwh));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void touRegistersAreBilledExactlyOnceAcrossParts(long seed) {
        RandomGenerator rng = random(seed);
        Tariff tou = DEMO.get("RS-TOU");
        ServicePeriod period = randomPeriod(rng);
        Map<String, Quantity> registers = new LinkedHashMap<>();
        for (RatePeriod p : ((UsageCharge) tou.versions().getFirst().components().get(1)).periods()) {
            registers.put(p.name(), Quantity.ofTenThousandths(rng.nextLong(0, 10_000_000)));
        }
        RatedBill bill = PreparedTariff.of(tou).rate(period, new Usage(null, registers, null, null), null, null);
        String where = "seed " + seed + ", " + period + ": " + bill.lines();
        Quantity all = Quantity.ZERO;
        for (Map.Entry<String, Quantity> r : registers.entrySet()) {
            all = all.plus(r.getValue());
            if (!r.getValue().isZero()) {
                assertThat(quantity(bill, "ENERGY", "(" + r.getKey() + ")")).as(where + " " + r.getKey()).isEqualTo(r.getValue());
            }
        }
        assertThat(quantity(bill, "PCA", null)).as(where).isEqualTo(all);
        assertThat(bill.kwh()).as(where).isEqualTo(all);
    }

    // ---- (d) interval data and register totals rate alike without time-of-use -------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void intervalDataRatesLikeItsRegisterTotalsWithoutTimeOfUse(long seed) {
        RandomGenerator rng = random(seed);
        String[] codes = {"RS", "GS", "LP", "IRR"};
        for (int i = 0; i < 4; i++) {
            Tariff tariff = rng.nextInt(3) == 0 ? flatBlocksTariff(rng) : DEMO.get(codes[rng.nextInt(codes.length)]);
            PreparedTariff prepared = PreparedTariff.of(tariff);
            ServicePeriod period;
            do {
                period = randomPeriod(rng);
            } while (prepared.parts(period).size() != 1); // a split by days differs from the split the intervals show
            int minutes = new int[]{15, 30, 60}[rng.nextInt(3)];
            long[] values = new long[period.days() * 1440 / minutes];
            long sum = 0;
            long peak = 0;
            for (int k = 0; k < values.length; k++) {
                values[k] = rng.nextLong(0, 40_000 * minutes / 60);
                sum += values[k];
                peak = Math.max(peak, values[k]);
            }
            IntervalData data = new IntervalData(period.from().atStartOfDay(), minutes, values);
            Quantity kw = new Quantity(BigDecimal.valueOf(peak * 60, 4).divide(BigDecimal.valueOf(minutes), 4, RoundingMode.HALF_UP));
            Map<Measure, Quantity> totals = new EnumMap<>(Measure.class);
            totals.put(Measure.KWH, Quantity.ofTenThousandths(sum));
            totals.put(Measure.KW, kw);
            Quantity kvarh = Quantity.ofTenThousandths(rng.nextLong(0, Math.max(1, sum)));
            totals.put(Measure.KVARH, kvarh);
            RatingHistory history = randomHistory(rng, period);
            RatedBill registers = prepared.rate(period, Usage.of(totals), account(), history);
            RatedBill intervals = prepared.rate(period, new Usage(Map.of(Measure.KVARH, kvarh), null, null, data), account(), history);
            String where = "seed " + seed + ", tariff " + tariff.code() + ", " + period + ", " + minutes + "-minute intervals";
            assertThat(intervals.lines()).as(where).isEqualTo(registers.lines());
            assertThat(intervals.total()).as(where).isEqualTo(registers.total());
            assertThat(intervals.kwh()).as(where).isEqualTo(registers.kwh());
        }
    }

    // ---- (e) the tariff file reads back what was written -----------------------------------------------------------------

    @Test
    void demoTariffsSurviveWriteThenRead() {
        List<Tariff> demo = TariffYaml.read(GoldenCases.resource("/tariffs/demo-tariffs.yaml"));
        String written = TariffYaml.write(demo);
        assertThat(TariffYaml.read(written)).isEqualTo(demo);
        assertThat(TariffYaml.write(TariffYaml.read(written))).isEqualTo(written);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomTariffsSurviveWriteThenRead(long seed) {
        RandomGenerator rng = random(seed);
        List<Tariff> tariffs = new ArrayList<>();
        Set<String> codes = new java.util.HashSet<>();
        for (int i = 0, n = rng.nextInt(1, 4); i < n; i++) {
            Tariff t = randomTariff(rng, false);
            if (codes.add(t.code())) {
                tariffs.add(t);
            }
        }
        String written = TariffYaml.write(tariffs);
        assertThat(TariffYaml.read(written)).as("seed %d:%n%s", seed, written).isEqualTo(tariffs);
    }

    // ---- generators -----------------------------------------------------------------------------------------------------

    private static Tariff randomDemo(RandomGenerator rng) {
        List<String> codes = new ArrayList<>(new TreeSet<>(DEMO.keySet()));
        return DEMO.get(codes.get(rng.nextInt(codes.size())));
    }

    private static ServicePeriod randomPeriod(RandomGenerator rng) {
        return randomPeriod(rng, EPOCH);
    }

    private static ServicePeriod randomPeriod(RandomGenerator rng, LocalDate notBefore) {
        LocalDate from = notBefore.plusDays(rng.nextInt(0, 700));
        int days = switch (rng.nextInt(4)) {
            case 0 -> rng.nextInt(1, 27);
            case 1 -> rng.nextInt(36, 63);
            default -> rng.nextInt(27, 36);
        };
        return new ServicePeriod(from, from.plusDays(days));
    }

    private static AccountAttributes account() {
        Map<String, Integer> fixtures = new HashMap<>();
        fixtures.put(FIXTURES.get(0), 2);
        fixtures.put(FIXTURES.get(1), 1);
        return new AccountAttributes(Set.of(), SIZES.get(1), fixtures);
    }

    private static RatingHistory randomHistory(RandomGenerator rng, ServicePeriod period) {
        Map<YearMonth, Quantity> demand = new HashMap<>();
        for (int back = 1; back <= 12; back++) {
            if (rng.nextBoolean()) {
                demand.put(period.billingMonth().minusMonths(back), Quantity.ofTenThousandths(rng.nextLong(0, 6_000_000)));
            }
        }
        return new RatingHistory(demand, Money.ofCents(rng.nextLong(0, 100_000)));
    }

    /** Usage covering whatever the tariff may ask for: every register, TOU registers by period name, or interval data. */
    private static Usage randomUsage(RandomGenerator rng, Tariff tariff, ServicePeriod period, boolean intervals) {
        Map<Measure, Quantity> totals = new EnumMap<>(Measure.class);
        for (Measure m : Measure.values()) {
            totals.put(m, Quantity.ofTenThousandths(rng.nextLong(0, m == Measure.KW ? 5_000_000 : 200_000_000)));
        }
        Map<String, Quantity> kwhByPeriod = new HashMap<>();
        Map<String, Quantity> kwByPeriod = new HashMap<>();
        for (TariffVersion v : tariff.versions()) {
            for (Component c : v.components()) {
                List<RatePeriod> periods = c instanceof UsageCharge u ? u.periods() : c instanceof DemandCharge d ? d.periods() : List.of();
                for (RatePeriod p : periods) {
                    kwhByPeriod.putIfAbsent(p.name(), Quantity.ofTenThousandths(rng.nextLong(0, 50_000_000)));
                    kwByPeriod.putIfAbsent(p.name(), Quantity.ofTenThousandths(rng.nextLong(0, 3_000_000)));
                }
            }
        }
        if (!intervals) {
            return new Usage(totals, kwhByPeriod, kwByPeriod, null);
        }
        long[] hours = new long[period.days() * 24];
        for (int i = 0; i < hours.length; i++) {
            hours[i] = rng.nextLong(0, 60_000);
        }
        totals.remove(Measure.KWH);
        return new Usage(totals, null, null, new IntervalData(LocalDateTime.of(period.from(), java.time.LocalTime.MIDNIGHT), 60, hours));
    }

    private static TariffVersion splitVersion(LocalDate effective, Money customer, UnitPrice perKw, BigDecimal first, BigDecimal second,
                                              String p1, String p2, String p3) {
        return new TariffVersion(effective, null, List.of(
                new FixedCharge("CUSTOMER", "Customer charge", customer, Per.MONTH, null, Proration.PARTIAL),
                new DemandCharge("DEMAND", "Demand", false, List.of(new RatePeriod("All", List.of(new Block(null, perKw)))),
                        HourSchedule.single(), null, null, Proration.PARTIAL),
                new UsageCharge("ENERGY", "Energy", Measure.KWH, List.of(new RatePeriod("All", List.of(
                        new Block(first, UnitPrice.of(p1)), new Block(second, UnitPrice.of(p2)), new Block(null, UnitPrice.of(p3))))),
                        HourSchedule.single(), BlockBasis.TOTAL, Proration.PARTIAL),
                new Rider("PCA", "Power cost adjustment", Measure.KWH, UnitPrice.of("0.0021"), null, null, null)), null, null);
    }

    /** Inclining blocks (seasons maybe), a customer charge, a positive per-kWh rider and taxes; one or two versions. */
    private static Tariff incliningTariff(RandomGenerator rng) {
        List<TariffVersion> versions = new ArrayList<>();
        LocalDate effective = LocalDate.of(2024, 1, 1);
        for (int v = 0, n = rng.nextInt(1, 3); v < n; v++) {
            int seasons = rng.nextInt(1, 3);
            List<RatePeriod> periods = new ArrayList<>();
            for (int s = 0; s < seasons; s++) {
                List<Block> blocks = new ArrayList<>();
                long upTo = 0;
                long price = rng.nextLong(1, 100_000);
                for (int b = 0, nb = rng.nextInt(1, 5); b < nb; b++) {
                    upTo += rng.nextLong(1, 20_000_000);
                    price += rng.nextLong(0, 50_000);
                    blocks.add(new Block(b == nb - 1 ? null : norm(BigDecimal.valueOf(upTo, 4)), new UnitPrice(BigDecimal.valueOf(price, 6))));
                }
                periods.add(new RatePeriod(seasons == 1 ? "All" : "Season " + s, blocks));
            }
            HourSchedule schedule = seasons == 1 ? HourSchedule.single() : HourSchedule.seasonal(randomSeasons(rng, seasons));
            Proration proration = Proration.values()[rng.nextInt(3)];
            versions.add(new TariffVersion(effective, null, List.of(
                    new FixedCharge("CUSTOMER", "Customer charge", Money.ofCents(rng.nextLong(0, 5000)), Per.MONTH, null, proration),
                    new UsageCharge("ENERGY", "Energy", Measure.KWH, periods, schedule,
                            rng.nextBoolean() ? BlockBasis.TOTAL : BlockBasis.DAILY, proration),
                    new Rider("PCA", "Power cost adjustment", Measure.KWH, new UnitPrice(BigDecimal.valueOf(rng.nextLong(0, 10_000), 6)), null, null, null),
                    new Tax("FEE", "Franchise fee", norm(BigDecimal.valueOf(rng.nextLong(0, 100_000), 4)), List.of("CUSTOMER", "ENERGY"), null),
                    new Tax("TAX", "Sales tax", norm(BigDecimal.valueOf(rng.nextLong(0, 100_000), 4)), List.of(), null)), null, null));
            effective = LocalDate.of(2025, 6, 1).plusDays(rng.nextInt(0, 600));
        }
        return new Tariff("INCL", "Inclining", ServiceType.ELECTRIC, null, null, versions);
    }

    private static Tariff flatBlocksTariff(RandomGenerator rng) {
        List<Block> blocks = List.of(new Block(BigDecimal.valueOf(rng.nextInt(100, 2000)), UnitPrice.of("0.11")),
                new Block(null, new UnitPrice(BigDecimal.valueOf(rng.nextLong(0, 300_000), 6))));
        return new Tariff("FLAT", "Flat blocks", ServiceType.ELECTRIC, null, null, List.of(new TariffVersion(LocalDate.of(2024, 1, 1), null, List.of(
                new FixedCharge("CUSTOMER", "Customer charge", Money.of("20.00"), Per.MONTH, null, Proration.PARTIAL),
                new UsageCharge("ENERGY", "Energy", Measure.KWH, List.of(new RatePeriod("All", blocks)), HourSchedule.single(),
                        BlockBasis.TOTAL, Proration.PARTIAL),
                new Tax("TAX", "Tax", new BigDecimal("4.5"), List.of(), null)), null, null)));
    }

    private static int[] randomSeasons(RandomGenerator rng, int periods) {
        int[] byMonth = new int[12];
        for (int m = 0; m < 12; m++) {
            byMonth[m] = m < periods ? m : rng.nextInt(periods);
        }
        return byMonth;
    }

    /** A tariff of every component kind, in the normal form the tariff file reads (decimals without trailing zeros). */
    static Tariff randomTariff(RandomGenerator rng, boolean forRating) {
        String code = "T" + Integer.toString(rng.nextInt(36 * 36 * 36), 36).toUpperCase(java.util.Locale.ROOT);
        List<TariffVersion> versions = new ArrayList<>();
        Set<LocalDate> dates = new TreeSet<>();
        dates.add(LocalDate.of(2024, 1, 1));
        for (int i = 1, n = rng.nextInt(1, 4); i < n; i++) {
            dates.add(LocalDate.of(2025, 1, 1).plusDays(rng.nextInt(0, 800)));
        }
        for (LocalDate effective : dates) {
            versions.add(randomVersion(rng, effective, forRating));
        }
        ServiceType service = ServiceType.values()[rng.nextInt(ServiceType.values().length)];
        return new Tariff(code, "Tariff " + code, service, rng.nextBoolean() ? "residential" : null,
                rng.nextBoolean() ? "Generated: \"quotes\", colons: and # hashes" : null, versions);
    }

    private static TariffVersion randomVersion(RandomGenerator rng, LocalDate effective, boolean forRating) {
        List<Component> components = new ArrayList<>();
        List<String> earlier = new ArrayList<>();
        int count = rng.nextInt(1, 9);
        for (int i = 0; i < count; i++) {
            String code = "C" + i;
            Component c = switch (rng.nextInt(9)) {
                case 0 -> fixed(rng, code);
                case 1, 2 -> usage(rng, code, forRating);
                case 3 -> demand(rng, code);
                case 4 -> new UnmeteredCharge(code, "Lights", Map.of(FIXTURES.get(0), money(rng), FIXTURES.get(1), money(rng), "Other", money(rng)),
                        proration(rng));
                case 5 -> minimum(rng, code);
                case 6 -> rider(rng, code, earlier);
                default -> new Tax(code, "Tax " + i, norm(BigDecimal.valueOf(rng.nextLong(0, 1_000_000), 4)), subset(rng, earlier),
                        rng.nextBoolean() ? null : "EXEMPT" + i);
            };
            components.add(c);
            earlier.add(code);
        }
        Holidays holidays = switch (rng.nextInt(3)) {
            case 0 -> Holidays.NONE;
            case 1 -> new Holidays(true, Set.of());
            default -> new Holidays(rng.nextBoolean(), Set.of(effective.plusDays(rng.nextInt(0, 300)), effective.plusDays(400)));
        };
        ProrationRules rules = rng.nextBoolean() ? ProrationRules.STANDARD
                : new ProrationRules(rng.nextInt(28, 32), rng.nextInt(20, 29), rng.nextInt(29, 40));
        return new TariffVersion(effective, rng.nextBoolean() ? "Board resolution " + rng.nextInt(100) : null, components, holidays, rules);
    }

    private static FixedCharge fixed(RandomGenerator rng, String code) {
        boolean bySize = rng.nextInt(4) == 0;
        Map<String, Money> sizes = new LinkedHashMap<>();
        if (bySize) {
            for (String s : SIZES) {
                sizes.put(s, money(rng));
            }
            sizes.put("2", money(rng));
        }
        return new FixedCharge(code, "Customer charge", bySize ? Money.ZERO : money(rng), rng.nextBoolean() ? Per.MONTH : Per.DAY, sizes,
                proration(rng));
    }

    private static UsageCharge usage(RandomGenerator rng, String code, boolean forRating) {
        Measure measure = forRating || rng.nextBoolean() ? Measure.KWH : Measure.values()[rng.nextInt(Measure.values().length)];
        Periods p = periods(rng, rng.nextInt(3), 6);
        BlockBasis basis = BlockBasis.values()[rng.nextInt(BlockBasis.values().length)];
        return new UsageCharge(code, "Energy", measure, p.periods, p.schedule, basis, proration(rng));
    }

    private static DemandCharge demand(RandomGenerator rng, String code) {
        boolean tou = rng.nextInt(3) == 0;
        Periods p = periods(rng, tou ? 2 : rng.nextInt(2), 6);
        Ratchet ratchet = tou || rng.nextBoolean() ? null : new Ratchet(norm(BigDecimal.valueOf(rng.nextLong(0, 1_000_000), 4)),
                rng.nextInt(0, 37), rng.nextBoolean() ? null : norm(BigDecimal.valueOf(rng.nextLong(1, 1_000_000), 4)),
                rng.nextBoolean() ? Set.of() : Set.of(6, 7, 8));
        BigDecimal pf = rng.nextBoolean() ? null : norm(BigDecimal.valueOf(rng.nextLong(5000, 10_001), 4));
        return new DemandCharge(code, "Demand", tou, p.periods, p.schedule, ratchet, pf, proration(rng));
    }

    private static MinimumCharge minimum(RandomGenerator rng, String code) {
        int form = rng.nextInt(3);
        Money amount = form == 1 ? null : money(rng);
        Money annual = form == 0 ? null : money(rng);
        return new MinimumCharge(code, "Minimum", amount, amount != null && rng.nextBoolean() ? Per.DAY : Per.MONTH, annual,
                annual == null ? 12 : rng.nextInt(1, 13), proration(rng));
    }

    private static Rider rider(RandomGenerator rng, String code, List<String> earlier) {
        if (rng.nextBoolean()) {
            return new Rider(code, "Percent rider", null, null, null, norm(BigDecimal.valueOf(rng.nextLong(-100_000, 100_000), 4)),
                    subset(rng, earlier));
        }
        Map<YearMonth, UnitPrice> monthly = new TreeMap<>();
        UnitPrice price = rng.nextBoolean() ? price(rng) : null;
        if (price == null || rng.nextBoolean()) {
            YearMonth m = YearMonth.of(2023, 12);
            for (int i = 0, n = rng.nextInt(1, 30); i < n; i++, m = m.plusMonths(1)) {
                monthly.put(m, price(rng));
            }
        }
        return new Rider(code, "Power cost adjustment", Measure.KWH, price, monthly, null, List.of());
    }

    private record Periods(List<RatePeriod> periods, HourSchedule schedule) {
    }

    /** form 0: one period (price or blocks); 1: seasons; 2: time-of-use periods with weekday and weekend schedules. */
    private static Periods periods(RandomGenerator rng, int form, int priceScale) {
        if (form == 0) {
            return new Periods(List.of(new RatePeriod("All", blocks(rng, priceScale))), HourSchedule.single());
        }
        int n = rng.nextInt(2, 5);
        List<RatePeriod> periods = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            periods.add(new RatePeriod("Period " + p, blocks(rng, priceScale)));
        }
        if (form == 1) {
            return new Periods(periods, HourSchedule.seasonal(randomSeasons(rng, n)));
        }
        int[][] weekday = new int[12][24];
        int[][] weekend = new int[12][24];
        for (int m = 0; m < 12; m++) {
            int peakFrom = rng.nextInt(0, 20);
            int peakTo = peakFrom + rng.nextInt(1, 5);
            int peak = 1 + rng.nextInt(n - 1);
            for (int h = 0; h < 24; h++) {
                weekday[m][h] = h >= peakFrom && h < peakTo ? peak : 0;
            }
        }
        weekday[0][0] = n - 1; // every period is used somewhere
        return new Periods(periods, new HourSchedule(weekday, weekend));
    }

    private static List<Block> blocks(RandomGenerator rng, int priceScale) {
        List<Block> blocks = new ArrayList<>();
        long upTo = 0;
        for (int b = 0, n = rng.nextInt(1, 4); b < n; b++) {
            upTo += rng.nextLong(1, 20_000_000);
            blocks.add(new Block(b == n - 1 ? null : norm(BigDecimal.valueOf(upTo, 4)),
                    new UnitPrice(BigDecimal.valueOf(rng.nextLong(-1000, 500_000), priceScale))));
        }
        return blocks;
    }

    private static List<String> subset(RandomGenerator rng, List<String> codes) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String c : codes) {
            if (rng.nextInt(3) == 0) {
                chosen.add(c);
            }
        }
        return List.copyOf(chosen);
    }

    private static Proration proration(RandomGenerator rng) {
        return Proration.values()[rng.nextInt(Proration.values().length)];
    }

    private static Money money(RandomGenerator rng) {
        return Money.ofCents(rng.nextLong(0, 50_000));
    }

    private static UnitPrice price(RandomGenerator rng) {
        return new UnitPrice(BigDecimal.valueOf(rng.nextLong(-20_000, 20_000), 6));
    }

    private static BigDecimal norm(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    // ---- sums over lines ----------------------------------------------------------------------------------------------

    private static Money sum(RatedBill bill, String component) {
        Money sum = Money.ZERO;
        for (BillLine l : bill.lines()) {
            if (l.component().equals(component)) {
                sum = sum.plus(l.amount());
            }
        }
        return sum;
    }

    private static Quantity quantity(RatedBill bill, String component, String descriptionContains) {
        Quantity sum = Quantity.ZERO;
        for (BillLine l : bill.lines()) {
            if (l.component().equals(component) && (descriptionContains == null || l.description().contains(descriptionContains))) {
                sum = sum.plus(l.quantity());
            }
        }
        return sum;
    }
}

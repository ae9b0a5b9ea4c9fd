package coop.switchboard.rates.file;

import coop.switchboard.rates.AccountAttributes;
import coop.switchboard.rates.BillLine;
import coop.switchboard.rates.Block;
import coop.switchboard.rates.BlockBasis;
import coop.switchboard.rates.Component;
import coop.switchboard.rates.DemandCharge;
import coop.switchboard.rates.FixedCharge;
import coop.switchboard.rates.IntervalData;
import coop.switchboard.rates.MinimumCharge;
import coop.switchboard.rates.Per;
import coop.switchboard.rates.PreparedTariff;
import coop.switchboard.rates.Proration;
import coop.switchboard.rates.RatedBill;
import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.rates.Usage;
import coop.switchboard.rates.UsageCharge;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.UnitPrice;
import coop.switchboard.shared.ServicePeriod;
import coop.switchboard.shared.ServiceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The URDB importer on the public REopt / OpenStudio-HPXML fixtures in {@code ../shared/fixtures/urdb}, each rated for
 * 2018 on an NREL hourly load in {@code ../shared/fixtures/load-profiles}; two of them against totals worked out here
 * by hand from the load.
 */
class UrdbTariffTest {
    private static final Path URDB = Path.of("../shared/fixtures/urdb");
    private static final Path LOADS = Path.of("../shared/fixtures/load-profiles");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, long[]> LOAD_CACHE = new HashMap<>();

    private static final String JACKSON = "openstudio-hpxml_JacksonEMC_A_Residential_SeniorLowIncome_2017.urdb.json";
    private static final String SAMPLE = "openstudio-hpxml_Sample_Tiered_Rate.urdb.json";
    private static final String ENTERGY = "reopt_EntergyArkansas_LPS_TOU_5a592c995457a3371c423a7d.urdb.json";
    private static final String SCE = "reopt_SCE_GS-2_TOU_B_55fc81d7682bea28da64f9ae.urdb.json";
    private static final String LEAP = "reopt_leap_year_lookback_daily_fixed.urdb.json";
    private static final String MULTI_TIER = "reopt_multi_tier_urdb_response.urdb.json";
    private static final String SUBHOURLY = "reopt_subhourly_min_charges.urdb.json";
    private static final String TIERED_TOU_DEMAND = "reopt_tiered_tou_demand.urdb.json";

    /** Which NREL load suits each fixture: residential for residential rates, commercial for demand rates. */
    private static final Map<String, String> LOAD_FOR = Map.of(
            JACKSON, "residential_load.csv",
            SAMPLE, "residential_load.csv",
            ENTERGY, "load_commercial_large.csv",
            SCE, "load_commercial.csv",
            LEAP, "load_commercial.csv",
            MULTI_TIER, "load_commercial.csv",
            SUBHOURLY, "load_commercial.csv",
            TIERED_TOU_DEMAND, "load_commercial.csv");

    // ---- fixtures ---------------------------------------------------------------------------------------------------

    static Stream<String> fixtures() {
        assumeTrue(Files.isDirectory(URDB), "the shared URDB fixtures are not beside the project");
        try (Stream<Path> files = Files.list(URDB)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String fixture) {
        assumeTrue(Files.isDirectory(URDB), "the shared URDB fixtures are not beside the project");
        try {
            return Files.readString(URDB.resolve(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UrdbTariff.Imported fixture(String name) {
        return UrdbTariff.read(text(name));
    }

    private static JsonNode record(String fixture) {
        JsonNode root = JSON.readTree(text(fixture));
        return root.has("items") ? root.get("items").get(0) : root;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureImportsWithANoteForEveryField(String name) {
        UrdbTariff.Imported imported = fixture(name);
        Tariff t = imported.tariff();
        assertThat(t.service()).isEqualTo(ServiceType.ELECTRIC);
        assertThat(t.code()).matches("[A-Z0-9][A-Z0-9_-]{0,15}");
        assertThat(t.versions()).hasSize(1);
        assertThat(t.versions().getFirst().components()).isNotEmpty();
        Set<String> dispositions = Set.of(UrdbTariff.IMPORTED, UrdbTariff.KEPT, UrdbTariff.NOT_REPRESENTED);
        assertThat(imported.notes()).allSatisfy(n -> assertThat(dispositions).contains(n.disposition()));
        // Nothing is silently dropped: every field of the record has a note.
        for (String field : record(name).propertyNames()) {
            assertThat(imported.notes()).as("note for " + field).anyMatch(n -> n.field().equals(field));
        }
        // Every field here is one the importer knows.
        assertThat(imported.notes()).noneMatch(n -> n.message().contains("does not know"));
        String report = UrdbTariff.describe(imported.notes());
        assertThat(report.lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(imported.notes().size());
        // Importing the same text twice gives the same tariff.
        assertThat(fixture(name).tariff()).isEqualTo(t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureRatesAYearOfItsLoad(String name) {
        Tariff t = fixture(name).tariff();
        String load = LOAD_FOR.get(name);
        assertThat(load).as("a load profile is chosen for " + name).isNotNull();
        List<RatedBill> bills = rateYear(t, load(load));
        assertThat(bills).hasSize(12);
        for (RatedBill bill : bills) {
            Money sum = Money.ZERO;
            for (BillLine line : bill.lines()) {
                sum = sum.plus(line.amount());
            }
            assertThat(bill.total()).as(name + " " + bill.period()).isEqualTo(sum);
            assertThat(bill.total().signum()).as(name + " " + bill.period()).isPositive();
        }
    }

    // ---- Jackson EMC ------------------------------------------------------------------------------------------------

    @Test
    void jacksonEmcSeniorRate() {
        UrdbTariff.Imported imported = fixture(JACKSON);
        Tariff t = imported.tariff();
        assertThat(t.code()).isEqualTo("5A0B28045457A3EA");
        assertThat(t.name()).isEqualTo("A - Residential Service -Senior Citizen - Low Income Assistance");
        assertThat(t.rateClass()).isEqualTo("residential");
        assertThat(t.description()).startsWith("For all domestic uses").hasSizeGreaterThan(400);
        TariffVersion v = t.versions().getFirst();
        assertThat(v.effective()).isEqualTo(LocalDate.of(2017, 1, 1));
        assertThat(v.notes()).contains("Jackson Electric Member Corp").contains("5a0b28045457a3ea2aca608e");

        FixedCharge customer = component(t, "CUSTOMER", FixedCharge.class);
        assertThat(customer.amount()).isEqualTo(UnitPrice.of("5.50"));
        assertThat(customer.per()).isEqualTo(Per.MONTH);
        assertThat(customer.proration()).isEqualTo(Proration.NONE);

        UsageCharge energy = component(t, "ENERGY", UsageCharge.class);
        assertThat(energy.basis()).isEqualTo(BlockBasis.TOTAL);
        assertThat(energy.blockProration()).isEqualTo(Proration.NONE);
        assertThat(energy.periods()).extracting(p -> p.name()).containsExactly("Period 1", "Period 2");
        assertThat(blocks(energy.periods().get(0).blocks())).containsExactly("650:0.0896", "1000:0.0831", "-:0.0821");
        assertThat(blocks(energy.periods().get(1).blocks())).containsExactly("650:0.0896", "1000:0.1121", "-:0.1181");
        for (int month = 1; month <= 12; month++) {
            int expected = month >= 5 && month <= 9 ? 1 : 0;
            assertThat(energy.schedule().hourly(month)).isFalse();
            assertThat(energy.schedule().monthPeriod(month)).as("month " + month).isEqualTo(expected);
        }
        assertThat(t.versions().getFirst().components()).extracting(Component::code).containsExactly("CUSTOMER", "ENERGY");
        assertThat(imported.notesFor("dgrules")).singleElement().satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.NOT_REPRESENTED));
        assertThat(imported.notesFor("startdate")).singleElement().satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.KEPT));
        assertThat(imported.notesFor("fixedchargefirstmeter").getFirst().disposition()).isEqualTo(UrdbTariff.IMPORTED);
    }

    @Test
    void jacksonEmcAnnualTotalMatchesHandArithmetic() {
        long[] load = load("residential_load.csv");
        Tariff t = fixture(JACKSON).tariff();
        // Worked out here from the tariff sheet: $5.50 a month, the first 650 kWh at 8.96¢, the next 350 kWh at 8.31¢
        // (winter) or 11.21¢ (summer: May to September), the rest at 8.21¢ or 11.81¢; each line rounded to cents.
        BigDecimal expected = BigDecimal.ZERO;
        for (int month = 1; month <= 12; month++) {
            BigDecimal kwh = monthKwh(load, month);
            boolean summer = month >= 5 && month <= 9;
            BigDecimal first = kwh.min(new BigDecimal("650"));
            BigDecimal second = kwh.subtract(new BigDecimal("650")).max(BigDecimal.ZERO).min(new BigDecimal("350"));
            BigDecimal rest = kwh.subtract(new BigDecimal("1000")).max(BigDecimal.ZERO);
            expected = expected.add(new BigDecimal("5.50"))
                    .add(cents(first, "0.0896"))
                    .add(cents(second, summer ? "0.1121" : "0.0831"))
                    .add(cents(rest, summer ? "0.1181" : "0.0821"));
        }
        List<RatedBill> bills = rateYear(t, load);
        assertThat(annual(bills)).isEqualTo(new Money(expected));
        // At least one month reaches the second tier, so the tiers are exercised, not just the first block.
        assertThat(bills).anyMatch(b -> b.lines().size() > 2);
    }

    // ---- Sample Tiered Rate ---------------------------------------------------------------------------------------------

    @Test
    void sampleTieredRate() {
        UrdbTariff.Imported imported = fixture(SAMPLE);
        Tariff t = imported.tariff();
        assertThat(t.code()).isEqualTo("URDB");
        assertThat(t.name()).isEqualTo("Sample Tiered Rate");
        assertThat(t.versions().getFirst().effective()).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(imported.notesFor("startdate")).singleElement().satisfies(n -> assertThat(n.message()).contains("2000-01-01"));
        assertThat(imported.notesFor("label")).singleElement().satisfies(n -> assertThat(n.message()).contains("URDB"));
        assertThat(component(t, "CUSTOMER", FixedCharge.class).amount()).isEqualTo(UnitPrice.of("9.00"));
        UsageCharge energy = component(t, "ENERGY", UsageCharge.class);
        assertThat(energy.periods()).hasSize(1);
        assertThat(blocks(energy.periods().getFirst().blocks())).containsExactly("150:0.09", "300:0.11", "-:0.13");
    }

    @Test
    void sampleTieredRateAnnualTotalMatchesHandArithmetic() {
        long[] load = load("residential_load.csv");
        BigDecimal expected = BigDecimal.ZERO;
        for (int month = 1; month <= 12; month++) {
            BigDecimal kwh = monthKwh(load, month);
            BigDecimal first = kwh.min(new BigDecimal("150"));
            BigDecimal second = kwh.subtract(new BigDecimal("150")).max(BigDecimal.ZERO).min(new BigDecimal("150"));
            BigDecimal rest = kwh.subtract(new BigDecimal("300")).max(BigDecimal.ZERO);
            expected = expected.add(new BigDecimal("9")).add(cents(first, "0.09")).add(cents(second, "0.11")).add(cents(rest, "0.13"));
        }
        List<RatedBill> bills = rateYear(fixture(SAMPLE).tariff(), load);
        assertThat(annual(bills)).isEqualTo(new Money(expected.setScale(2)));
        assertThat(bills).anyMatch(b -> b.lines().size() == 4);
    }

    // ---- the REopt fixtures ---------------------------------------------------------------------------------------------

    @Test
    void entergyPricesAreRatePlusAdjustment() {
        UrdbTariff.Imported imported = fixture(ENTERGY);
        Tariff t = imported.tariff();
        assertThat(t.code()).isEqualTo("5A592C995457A337");
        assertThat(t.rateClass()).isEqualTo("industrial");
        assertThat(t.versions().getFirst().effective()).isEqualTo(LocalDate.of(2018, 1, 1)); // 1514764800
        assertThat(component(t, "CUSTOMER", FixedCharge.class).amount()).isEqualTo(UnitPrice.of("468.60"));
        UsageCharge energy = component(t, "ENERGY", UsageCharge.class);
        assertThat(energy.periods()).extracting(p -> p.blocks().getFirst().price().value())
                .containsExactly(new BigDecimal("0.038550"), new BigDecimal("0.032900"), new BigDecimal("0.029680"), new BigDecimal("0.028120"));
        DemandCharge demand = component(t, "DEMAND-TOU", DemandCharge.class);
        assertThat(demand.timeOfUse()).isTrue();
        assertThat(demand.periods()).extracting(p -> p.blocks().getFirst().price().value())
                .containsExactly(new BigDecimal("18.887000"), new BigDecimal("6.037000"), new BigDecimal("16.017000"), new BigDecimal("5.337000"));
        assertThat(demand.schedule().period(6, false, 14)).isEqualTo(0);
        assertThat(demand.schedule().period(6, true, 14)).isEqualTo(1);
        assertThat(imported.notesFor("energyratestructure[0][0].adj")).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("0.03855").contains("0.01973").contains("0.01882"));
        assertThat(imported.notesFor("demandratestructure[0][0].adj")).singleElement()
                .satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.IMPORTED));
        for (String field : List.of("demandwindow", "usenetmetering")) {
            assertThat(imported.notesFor(field)).as(field).singleElement()
                    .satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.NOT_REPRESENTED));
        }
        for (String field : List.of("enddate", "supersedes", "voltageminimum", "uri", "demandcomments", "eiaid")) {
            assertThat(imported.notesFor(field)).as(field).singleElement()
                    .satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.KEPT));
        }
    }

    @Test
    void sceGs2HasMonthlyAndTimeOfUseDemandAndUnrepresentedAdjustments() {
        UrdbTariff.Imported imported = fixture(SCE);
        Tariff t = imported.tariff();
        assertThat(t.versions().getFirst().effective()).isEqualTo(LocalDate.of(2015, 6, 1)); // 1433116800
        assertThat(t.versions().getFirst().components()).extracting(Component::code)
                .containsExactly("CUSTOMER", "ENERGY", "DEMAND", "DEMAND-TOU");
        assertThat(component(t, "CUSTOMER", FixedCharge.class).amount()).isEqualTo(UnitPrice.of("259.20"));
        DemandCharge monthly = component(t, "DEMAND", DemandCharge.class);
        assertThat(monthly.timeOfUse()).isFalse();
        assertThat(monthly.ratchet()).isNull();
        assertThat(blocks(monthly.periods().getFirst().blocks())).containsExactly("-:13.2");
        DemandCharge tou = component(t, "DEMAND-TOU", DemandCharge.class);
        assertThat(tou.periods()).hasSize(3);
        assertThat(tou.schedule().period(7, false, 14)).isEqualTo(2);
        assertThat(component(t, "ENERGY", UsageCharge.class).periods()).hasSize(5);
        for (String field : List.of("energyattrs", "demandattrs")) {
            assertThat(imported.notesFor(field)).as(field).singleElement()
                    .satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.NOT_REPRESENTED));
        }
        assertThat(imported.notesFor("flatdemandunit").getFirst().disposition()).isEqualTo(UrdbTariff.IMPORTED);
    }

    @Test
    void leapYearFixtureHasADailyFixedChargeAndNoRatchet() {
        UrdbTariff.Imported imported = fixture(LEAP);
        Tariff t = imported.tariff();
        FixedCharge customer = component(t, "CUSTOMER", FixedCharge.class);
        assertThat(customer.per()).isEqualTo(Per.DAY);
        // $24.878/day: a daily charge keeps its fraction of a cent; the month's line rounds once.
        assertThat(customer.amount()).isEqualTo(UnitPrice.of("24.878"));
        assertThat(imported.notesFor("fixedchargefirstmeter")).singleElement().satisfies(n -> {
            assertThat(n.disposition()).isEqualTo(UrdbTariff.IMPORTED);
            assertThat(n.message()).contains("24.878/day");
        });
        DemandCharge monthly = component(t, "DEMAND", DemandCharge.class);
        assertThat(monthly.ratchet()).isNull();
        assertThat(monthly.periods()).hasSize(13);
        assertThat(monthly.schedule().monthPeriod(1)).isEqualTo(1);
        assertThat(monthly.schedule().monthPeriod(12)).isEqualTo(12);
        assertThat(imported.notesFor("lookbackpercent")).singleElement().satisfies(n -> {
            assertThat(n.disposition()).isEqualTo(UrdbTariff.IMPORTED);
            assertThat(n.message()).contains("no demand ratchet");
        });
        assertThat(imported.notesFor("lookbackmonths")).hasSize(1);
        DemandCharge tou = component(t, "DEMAND-TOU", DemandCharge.class);
        assertThat(tou.periods()).extracting(p -> p.blocks().getFirst().price().value().stripTrailingZeros().toPlainString())
                .containsExactly("0", "0", "10");
        // A 31-day month bills 31 days at $24.878 = $771.218, rounded once.
        RatedBill january = rateYear(t, load("load_commercial.csv")).getFirst();
        assertThat(january.lines()).filteredOn(l -> l.component().equals("CUSTOMER")).singleElement()
                .satisfies(l -> assertThat(l.amount()).isEqualTo(Money.of("771.22")));
    }

    @Test
    void multiTierResponseKeepsTiersOnEnergyAndDemand() {
        Tariff t = fixture(MULTI_TIER).tariff();
        FixedCharge customer = component(t, "CUSTOMER", FixedCharge.class);
        assertThat(customer.per()).isEqualTo(Per.DAY);
        assertThat(customer.amount()).isEqualTo(UnitPrice.of("3.298"));
        UsageCharge energy = component(t, "ENERGY", UsageCharge.class);
        assertThat(blocks(energy.periods().get(1).blocks())).containsExactly("20000:0.078891", "-:0.06");
        DemandCharge tou = component(t, "DEMAND-TOU", DemandCharge.class);
        assertThat(blocks(tou.periods().get(1).blocks())).containsExactly("100:24.368", "-:17.031");
        // The commercial load passes 20,000 kWh and 100 kW, so both second tiers are billed.
        List<RatedBill> bills = rateYear(t, load("load_commercial.csv"));
        RatedBill july = bills.get(6);
        assertThat(july.lines()).anyMatch(l -> l.component().equals("ENERGY") && l.unitPrice().value().compareTo(new BigDecimal("0.06")) == 0);
        assertThat(july.lines()).anyMatch(l -> l.component().equals("DEMAND-TOU") && l.unitPrice().value().compareTo(new BigDecimal("17.031")) == 0);
    }

    @Test
    void subhourlyFixtureReportsSellRatesAndSkipsZeroMinimums() {
        UrdbTariff.Imported imported = fixture(SUBHOURLY);
        Tariff t = imported.tariff();
        assertThat(t.versions().getFirst().components()).extracting(Component::code)
                .containsExactly("CUSTOMER", "ENERGY", "DEMAND", "DEMAND-TOU");
        assertThat(t.versions().getFirst().components()).noneMatch(c -> c instanceof MinimumCharge);
        for (String field : List.of("minmonthlycharge", "annualmincharge")) {
            assertThat(imported.notesFor(field)).as(field).singleElement().satisfies(n -> {
                assertThat(n.disposition()).isEqualTo(UrdbTariff.IMPORTED);
                assertThat(n.message()).startsWith("0");
            });
        }
        for (int p = 0; p < 7; p++) {
            assertThat(imported.notesFor("energyratestructure[" + p + "][0].sell")).as("period " + p).singleElement()
                    .satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.NOT_REPRESENTED));
        }
        assertThat(imported.notesFor("energyratestructure[1][0].sell").getFirst().message()).contains("0.1096");
        assertThat(imported.notesFor("dgrules")).singleElement()
                .satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.NOT_REPRESENTED));
        // A max of 1e38 is no limit.
        UsageCharge energy = component(t, "ENERGY", UsageCharge.class);
        assertThat(energy.periods()).hasSize(7).allSatisfy(p -> assertThat(p.blocks()).singleElement().satisfies(b -> assertThat(b.upTo()).isNull()));
        DemandCharge monthly = component(t, "DEMAND", DemandCharge.class);
        assertThat(monthly.schedule().monthPeriod(7)).isEqualTo(1);
        assertThat(monthly.schedule().monthPeriod(1)).isEqualTo(0);
        assertThat(UrdbTariff.describe(imported.notes())).contains("energyratestructure[1][0].sell");
    }

    @Test
    void tieredTimeOfUseDemand() {
        Tariff t = fixture(TIERED_TOU_DEMAND).tariff();
        assertThat(blocks(component(t, "DEMAND-TOU", DemandCharge.class).periods().getFirst().blocks())).containsExactly("50:0", "-:12");
        assertThat(blocks(component(t, "ENERGY", UsageCharge.class).periods().getFirst().blocks())).containsExactly("40000:0.1", "-:0.12");
        RatedBill january = rateYear(t, load("load_commercial.csv")).getFirst();
        // January's peak is above 50 kW: the first 50 kW are free, the rest at $12.
        assertThat(january.lines()).filteredOn(l -> l.component().equals("DEMAND-TOU")).hasSize(2);
    }

    // ---- time-of-use energy, checked hour by hour -----------------------------------------------------------------------

    static Stream<String> singleTierTimeOfUseFixtures() {
        return Stream.of(ENTERGY, SCE, LEAP, SUBHOURLY);
    }

    /**
     * Where every energy period has one tier, each period's line must hold exactly the kWh of the hours the URDB
     * schedules give it (weekends by day of week, as SAM does) at rate + adj: worked out here from the JSON and the load.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("singleTierTimeOfUseFixtures")
    void timeOfUseEnergyMatchesAnHourByHourWalk(String name) {
        // Entergy's large load once overflowed the engine's proportional split (January's Period 3 came out at
        // -119,632.0581 kWh instead of 131,513.3265 kWh); this walk is what caught it.
        JsonNode rec = record(name);
        JsonNode structure = rec.get("energyratestructure");
        long[] load = load(LOAD_FOR.get(name));
        List<RatedBill> bills = rateYear(fixture(name).tariff(), load);
        LocalDateTime start = LocalDateTime.of(2018, 1, 1, 0, 0);
        for (int month = 1; month <= 12; month++) {
            long[] byPeriod = new long[structure.size()];
            for (int i = firstHour(month); i < (month == 12 ? 8760 : firstHour(month + 1)); i++) {
                LocalDateTime hour = start.plusHours(i);
                boolean weekend = hour.getDayOfWeek().getValue() >= 6;
                int period = rec.get(weekend ? "energyweekendschedule" : "energyweekdayschedule").get(month - 1).get(hour.getHour()).asInt();
                byPeriod[period] += load[i];
            }
            Map<String, String> expected = new java.util.TreeMap<>();
            BigDecimal expectedAmount = BigDecimal.ZERO;
            for (int p = 0; p < byPeriod.length; p++) {
                if (byPeriod[p] != 0) {
                    JsonNode tier = structure.get(p).get(0);
                    BigDecimal price = tier.get("rate").decimalValue().add(tier.has("adj") ? tier.get("adj").decimalValue() : BigDecimal.ZERO);
                    BigDecimal kwh = BigDecimal.valueOf(byPeriod[p], 4);
                    expected.put("Energy (Period " + (p + 1) + ")", kwh.toPlainString());
                    expectedAmount = expectedAmount.add(kwh.multiply(price).setScale(2, RoundingMode.HALF_UP));
                }
            }
            Map<String, String> actual = new java.util.TreeMap<>();
            BigDecimal actualAmount = BigDecimal.ZERO;
            for (BillLine line : bills.get(month - 1).lines()) {
                if (line.component().equals("ENERGY")) {
                    actual.put(line.description(), line.quantity().value().toPlainString());
                    actualAmount = actualAmount.add(line.amount().amount());
                }
            }
            assertThat(actual).as(name + " month " + month).isEqualTo(expected);
            assertThat(actualAmount).as(name + " month " + month).isEqualByComparingTo(expectedAmount);
        }
    }

    // ---- mappings not in the fixtures -----------------------------------------------------------------------------------

    @Test
    void ratchetMinimumsAndUnitsFromASmallRecord() {
        ObjectNode r = minimalRecord();
        r.put("lookbackpercent", new BigDecimal("0.8"));
        r.put("lookbackrange", 11);
        ArrayNode flags = r.putArray("lookbackmonths");
        for (int m = 1; m <= 12; m++) {
            flags.add(m >= 6 && m <= 9 ? 1 : 0);
        }
        r.set("flatdemandstructure", JSON.readTree("[[{\"rate\": 10, \"unit\": \"kW\"}]]"));
        r.set("flatdemandmonths", JSON.readTree("[0,0,0,0,0,0,0,0,0,0,0,0]"));
        r.put("mincharge", new BigDecimal("120"));
        r.put("minchargeunits", "$/year");
        r.put("fixedchargefirstmeter", new BigDecimal("12"));
        r.put("fixedchargeunits", "$/year");
        r.put("somethingnew", "x");
        UrdbTariff.Imported imported = UrdbTariff.read(r.toString());
        DemandCharge demand = component(imported.tariff(), "DEMAND", DemandCharge.class);
        assertThat(demand.ratchet().percent()).isEqualByComparingTo("80");
        assertThat(demand.ratchet().months()).isEqualTo(11);
        assertThat(demand.ratchet().fromMonths()).containsExactlyInAnyOrder(6, 7, 8, 9);
        MinimumCharge minimum = component(imported.tariff(), "MINIMUM", MinimumCharge.class);
        assertThat(minimum.amount()).isNull();
        assertThat(minimum.annual()).isEqualTo(Money.of("120.00"));
        assertThat(minimum.annualMonth()).isEqualTo(12);
        assertThat(imported.tariff().versions().getFirst().components()).noneMatch(c -> c instanceof FixedCharge);
        assertThat(imported.notesFor("fixedchargeunits")).singleElement()
                .satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.NOT_REPRESENTED));
        assertThat(imported.notesFor("fixedchargefirstmeter")).singleElement()
                .satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.NOT_REPRESENTED));
        assertThat(imported.notesFor("somethingnew")).singleElement()
                .satisfies(n -> assertThat(n.disposition()).isEqualTo(UrdbTariff.NOT_REPRESENTED));
        assertThat(imported.notesFor("lookbackpercent").getFirst().message()).contains("80%");
        // Rated on the commercial load: from October on, billing demand is at least 80% of the June to September peak.
        List<RatedBill> bills = rateYear(imported.tariff(), load("load_commercial.csv"));
        BigDecimal summerPeak = BigDecimal.ZERO;
        for (int month = 6; month <= 9; month++) {
            summerPeak = summerPeak.max(bills.get(month - 1).maximumKw().value());
        }
        BigDecimal floor = summerPeak.multiply(new BigDecimal("0.8"));
        for (int month = 10; month <= 12; month++) {
            assertThat(bills.get(month - 1).billingKw().value()).as("month " + month).isGreaterThanOrEqualTo(floor.setScale(4, RoundingMode.HALF_UP));
        }
        assertThat(bills).anyMatch(b -> b.billingKw().compareTo(b.maximumKw()) > 0);
    }

    @Test
    void dailyAndPerKwTierUnitsAndAFiniteLastMax() {
        ObjectNode r = minimalRecord();
        r.set("energyratestructure", JSON.readTree(
                "[[{\"max\": 10, \"rate\": 0.1, \"unit\": \"kWh daily\"}, {\"max\": 500, \"rate\": 0.2, \"unit\": \"kWh daily\"}], [{\"rate\": 0.12}]]"));
        UrdbTariff.Imported imported = UrdbTariff.read(r.toString());
        UsageCharge energy = component(imported.tariff(), "ENERGY", UsageCharge.class);
        assertThat(energy.basis()).isEqualTo(BlockBasis.DAILY);
        assertThat(blocks(energy.periods().getFirst().blocks())).containsExactly("10:0.1", "-:0.2");
        assertThat(imported.notesFor("energyratestructure[0][1].max")).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("500").contains("not a cap"));

        r.set("energyratestructure", JSON.readTree("[[{\"max\": 200, \"rate\": 0.1, \"unit\": \"kWh/kW\"}, {\"rate\": 0.05, \"unit\": \"kWh/kW\"}], [{\"rate\": 0.12}]]"));
        assertThat(component(UrdbTariff.read(r.toString()).tariff(), "ENERGY", UsageCharge.class).basis()).isEqualTo(BlockBasis.PER_KW);
    }

    @Test
    void anApiResponseWithSeveralItemsImportsTheFirstAndSaysSo() {
        ObjectNode first = minimalRecord();
        first.put("name", "First");
        ObjectNode second = minimalRecord();
        second.put("name", "Second");
        ObjectNode response = JSON.createObjectNode();
        response.putArray("items").add(first).add(second);
        UrdbTariff.Imported imported = UrdbTariff.read(response.toString());
        assertThat(imported.tariff().name()).isEqualTo("First");
        assertThat(imported.notesFor("items")).singleElement().satisfies(n -> assertThat(n.message()).contains("1 more record"));
    }

    @Test
    void startDateAsText() {
        ObjectNode r = minimalRecord();
        r.put("startdate", "2019-04-01 00:00:00");
        assertThat(UrdbTariff.read(r.toString()).tariff().versions().getFirst().effective()).isEqualTo(LocalDate.of(2019, 4, 1));
    }

    // ---- bad input ------------------------------------------------------------------------------------------------------

    @Test
    void notJsonIsRefused() {
        assertThatThrownBy(() -> UrdbTariff.read("label: not json {"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("file"));
        assertThatThrownBy(() -> UrdbTariff.read("[1, 2]"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("file"));
    }

    @Test
    void aScheduleIndexBeyondTheStructureIsRefused() {
        ObjectNode r = minimalRecord();
        ((ArrayNode) r.get("energyweekdayschedule").get(6)).set(15, 3);
        assertThatThrownBy(() -> UrdbTariff.read(r.toString()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.byField()).containsOnlyKeys("energyweekdayschedule[6][15]");
                    assertThat(e.byField().get("energyweekdayschedule[6][15]")).contains("period 3");
                });
    }

    @Test
    void aNegativeRateIsRefused() {
        ObjectNode r = minimalRecord();
        r.set("energyratestructure", JSON.readTree("[[{\"max\": 500, \"rate\": 0.1}, {\"rate\": -0.02}], [{\"rate\": 0.12}]]"));
        assertThatThrownBy(() -> UrdbTariff.read(r.toString()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.byField()).containsOnlyKeys("energyratestructure[0][1].rate"));
    }

    @Test
    void mixedTierUnitsAreRefused() {
        ObjectNode r = minimalRecord();
        r.set("energyratestructure", JSON.readTree(
                "[[{\"max\": 500, \"rate\": 0.1, \"unit\": \"kWh\"}, {\"rate\": 0.12, \"unit\": \"kWh daily\"}], [{\"rate\": 0.12}]]"));
        assertThatThrownBy(() -> UrdbTariff.read(r.toString()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.byField()).containsOnlyKeys("energyratestructure[0][1].unit"));
    }

    @Test
    void otherShapesAreRefusedByPath() {
        ObjectNode r = minimalRecord();
        r.put("energyratestructure", "cheap");
        r.put("startdate", "someday");
        r.put("fixedmonthlycharge", "ten");
        assertThatThrownBy(() -> UrdbTariff.read(r.toString()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField())
                        .containsKeys("energyratestructure", "startdate", "fixedmonthlycharge"));

        ObjectNode tiers = minimalRecord();
        tiers.set("energyratestructure", JSON.readTree("[[{\"max\": 500, \"rate\": 0.1}, {\"max\": 400, \"rate\": 0.1}, {\"rate\": 0.1}], [{\"rate\": 0.12}]]"));
        assertThatThrownBy(() -> UrdbTariff.read(tiers.toString()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.byField()).containsOnlyKeys("energyratestructure[0][1].max"));

        ObjectNode months = minimalRecord();
        months.set("flatdemandstructure", JSON.readTree("[[{\"rate\": 10}], [{\"rate\": 12}]]"));
        months.set("flatdemandmonths", JSON.readTree("[0,0,0,0,0,2,1,1,0,0,0,0]"));
        assertThatThrownBy(() -> UrdbTariff.read(months.toString()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.byField()).containsOnlyKeys("flatdemandmonths[5]"));

        ObjectNode rows = minimalRecord();
        ((ArrayNode) rows.get("energyweekendschedule")).remove(11);
        assertThatThrownBy(() -> UrdbTariff.read(rows.toString()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.byField()).containsOnlyKeys("energyweekendschedule"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------------

    /** A two-period flat energy rate with schedules (summer June to September). */
    private static ObjectNode minimalRecord() {
        ObjectNode r = JSON.createObjectNode();
        r.put("label", "test");
        r.put("name", "Test rate");
        r.set("energyratestructure", JSON.readTree("[[{\"rate\": 0.1, \"unit\": \"kWh\"}], [{\"rate\": 0.12, \"unit\": \"kWh\"}]]"));
        for (String field : List.of("energyweekdayschedule", "energyweekendschedule")) {
            ArrayNode months = r.putArray(field);
            for (int m = 1; m <= 12; m++) {
                ArrayNode hours = months.addArray();
                for (int h = 0; h < 24; h++) {
                    hours.add(m >= 6 && m <= 9 ? 1 : 0);
                }
            }
        }
        return r;
    }

    private static <T extends Component> T component(Tariff t, String code, Class<T> type) {
        for (Component c : t.versions().getFirst().components()) {
            if (c.code().equals(code)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no component " + code + " in " + t.versions().getFirst().components().stream().map(Component::code).toList());
    }

    private static List<String> blocks(List<Block> blocks) {
        return blocks.stream().map(b -> (b.upTo() == null ? "-" : b.upTo().stripTrailingZeros().toPlainString()) + ":"
                + b.price().value().stripTrailingZeros().toPlainString()).toList();
    }

    /** An hourly load: 8,760 kW values (= kWh in each hour) from 2018-01-01 00:00, in ten-thousandths of a kWh. */
    private static long[] load(String name) {
        return LOAD_CACHE.computeIfAbsent(name, n -> {
            Path file = LOADS.resolve(n);
            assumeTrue(Files.isRegularFile(file), "the shared load profiles are not beside the project");
            try {
                List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
                long[] values = new long[lines.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = new BigDecimal(lines.get(i).trim()).movePointRight(4).setScale(0, RoundingMode.HALF_UP).longValueExact();
                }
                assertThat(values).hasSize(8760);
                return values;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static int firstHour(int month) {
        return (LocalDate.of(2018, month, 1).getDayOfYear() - 1) * 24;
    }

    private static BigDecimal monthKwh(long[] load, int month) {
        int from = firstHour(month);
        int to = month == 12 ? 8760 : firstHour(month + 1);
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += load[i];
        }
        return BigDecimal.valueOf(sum, 4);
    }

    private static BigDecimal cents(BigDecimal kwh, String price) {
        return kwh.multiply(new BigDecimal(price)).setScale(2, RoundingMode.HALF_UP);
    }

    /** Rates the calendar months of 2018, each with its own hours of the load as interval data. */
    private static List<RatedBill> rateYear(Tariff tariff, long[] load) {
        List<ServicePeriod> periods = new ArrayList<>();
        List<Usage> usages = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            int from = firstHour(month);
            int to = month == 12 ? 8760 : firstHour(month + 1);
            long[] hours = java.util.Arrays.copyOfRange(load, from, to);
            periods.add(ServicePeriod.month(YearMonth.of(2018, month)));
            usages.add(Usage.intervals(new IntervalData(LocalDateTime.of(2018, month, 1, 0, 0), 60, hours)));
        }
        return PreparedTariff.of(tariff).rateMonths(periods, usages, AccountAttributes.NONE);
    }

    private static Money annual(List<RatedBill> bills) {
        Money total = Money.ZERO;
        for (RatedBill b : bills) {
            total = total.plus(b.total());
        }
        return total;
    }
}

package coop.switchboard.metering;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Monthly usage for charts and the account overview, across a rollover and a meter exchange; hourly usage from intervals. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class UsageHistoryTests {
    @Autowired UsageHistory usage;
    @Autowired ReadService reads;
    @Autowired IntervalService intervals;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;

    private TestCustomers.Served served(String street) {
        String meter = "U" + TestCustomers.uniqueDigits(8);
        return new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Philippa", "Oakenshaw", "509" + TestCustomers.uniqueDigits(7), null), street, meter);
    }

    private void read(String meter, LocalDate day, long reading, ReadType type) {
        reads.record(new NewRead(meter, Register.KWH, day, null, BigDecimal.valueOf(reading), type, ReadSource.HANDHELD, null, null));
    }

    private long servicePoint(TestCustomers.Served s) {
        return jdbc.sql("select id from premises.service_point where premise_id = ?").param(s.premiseId()).query(Long.class).single();
    }

    @Test
    void monthsCountUsageInTheMonthOfTheReadThatEndsItAcrossRolloverAndExchange() {
        TestCustomers.Served s = served("40 Larch Loop");
        // Five dials: 99,500 → 300 passes the top (800 kWh).
        read(s.meterNumber(), LocalDate.of(2025, 1, 10), 99_000, ReadType.ACTUAL);
        read(s.meterNumber(), LocalDate.of(2025, 2, 10), 99_500, ReadType.ACTUAL);
        read(s.meterNumber(), LocalDate.of(2025, 3, 12), 300, ReadType.ACTUAL);
        read(s.meterNumber(), LocalDate.of(2025, 4, 10), 900, ReadType.ESTIMATED);
        // Exchanged on May 5: 500 kWh on the old meter, then 700 on the new one by the June read.
        String replacement = "U" + TestCustomers.uniqueDigits(8);
        reads.exchange(new MeterExchange(s.meterNumber(), BigDecimal.valueOf(1400), replacement, BigDecimal.valueOf(20),
                LocalDate.of(2025, 5, 5), "failed test", "Itron Centron", 5, null, true));
        read(replacement, LocalDate.of(2025, 6, 9), 720, ReadType.ACTUAL);

        List<UsageHistory.MonthUsage> months = usage.byServicePoint(List.of(servicePoint(s)), YearMonth.of(2025, 1), YearMonth.of(2025, 7))
                .get(servicePoint(s));
        assertThat(months).hasSize(7);
        assertThat(months).extracting(UsageHistory.MonthUsage::usage).usingElementComparator(nullsFirst())
                .containsExactly(null, BigDecimal.valueOf(500), BigDecimal.valueOf(800), BigDecimal.valueOf(600), BigDecimal.valueOf(500),
                        BigDecimal.valueOf(700), null);
        assertThat(months.get(1).days()).isEqualTo(31);
        assertThat(months.get(3).estimated()).isTrue();
        assertThat(months.get(2).estimated()).isFalse();
        assertThat(months).allMatch(m -> m.register() == Register.KWH);

        // The old meter on its own ends with its removal read; the new meter starts at its install read.
        assertThat(usage.forMeter(reads.meter(replacement).orElseThrow().id(), YearMonth.of(2025, 5), YearMonth.of(2025, 6)))
                .extracting(UsageHistory.MonthUsage::usage).usingElementComparator(nullsFirst())
                .containsExactly(null, BigDecimal.valueOf(700));
    }

    @Test
    void aServicePointWithoutReadsGetsEmptyMonthsAndAPointWithoutAMeterNone() {
        TestCustomers.Served s = served("41 Larch Loop");
        Map<Long, List<UsageHistory.MonthUsage>> none = usage.byServicePoint(List.of(servicePoint(s), -1L), YearMonth.of(2025, 1), YearMonth.of(2025, 3));
        assertThat(none).doesNotContainKey(-1L);
        assertThat(usage.forMeter(reads.meter(s.meterNumber()).orElseThrow().id(), YearMonth.of(2025, 1), YearMonth.of(2025, 3)))
                .hasSize(3).allMatch(m -> m.usage() == null);
        assertThatThrownBy(() -> usage.byServicePoint(List.of(1L), YearMonth.of(2025, 3), YearMonth.of(2025, 1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("to"));
    }

    @Test
    void hoursSumTheDaysIntervalsAndCountWhatArrived() {
        TestCustomers.Served s = served("42 Larch Loop");
        StringBuilder csv = new StringBuilder("meter,start,minutes,kwh\n");
        for (int slot = 0; slot < 96; slot++) {
            if (slot == 5) {
                continue; // one interval of the 1 a.m. hour never arrived
            }
            csv.append(s.meterNumber()).append(",2025-07-04T").append(String.format("%02d:%02d", slot / 4, slot % 4 * 15))
                    .append(",15,").append(slot / 4 == 18 ? "1.25" : "0.1").append('\n');
        }
        intervals.importCsv(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "hours.csv");
        long meterId = reads.meter(s.meterNumber()).orElseThrow().id();
        List<UsageHistory.HourUsage> hours = usage.hours(meterId, LocalDate.of(2025, 7, 4));
        assertThat(hours).hasSize(24);
        assertThat(hours.get(18).kwh()).isEqualByComparingTo("5.00");
        assertThat(hours.get(1).kwh()).isEqualByComparingTo("0.30");
        assertThat(hours.get(1).complete()).isFalse();
        assertThat(hours.get(0).complete()).isTrue();
        assertThat(usage.hours(meterId, LocalDate.of(2025, 7, 5))).allMatch(h -> h.readings() == 0);
        assertThat(usage.lastIntervalDay(meterId)).contains(LocalDate.of(2025, 7, 4));
    }

    @Test
    void hourlySumsSlotsOfAnyLength() {
        Integer[] fiveMinute = new Integer[288];
        java.util.Arrays.fill(fiveMinute, 10_000);
        assertThat(UsageHistory.hourly(5, fiveMinute).getFirst().kwh()).isEqualByComparingTo("12");
        Integer[] hourly = new Integer[24];
        hourly[23] = 25_000;
        assertThat(UsageHistory.hourly(60, hourly).get(23).kwh()).isEqualByComparingTo("2.5");
        assertThat(UsageHistory.hourly(60, hourly).get(22).readings()).isZero();
    }

    private static java.util.Comparator<BigDecimal> nullsFirst() {
        return java.util.Comparator.nullsFirst(BigDecimal::compareTo);
    }
}

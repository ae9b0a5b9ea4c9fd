package coop.switchboard.metering;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.search.AccountSearch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class DeterminantServiceTests {
    @Autowired ReadService reads;
    @Autowired IntervalService intervals;
    @Autowired DeterminantService determinants;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;

    private String servedMeter() {
        String meter = "6" + TestCustomers.uniqueDigits(8);
        new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Leocadia", "Fairweather", "458" + TestCustomers.uniqueDigits(7), null), "3 Sorrel Court", meter);
        return meter;
    }

    private long pointOf(String meter) {
        return jdbc.sql("select i.service_point_id from metering.meter_installation i join metering.meter m on m.id = i.meter_id where m.meter_number = ?")
                .param(meter).query(Long.class).list().getFirst();
    }

    private void read(String meter, String date, String reading) {
        reads.record(new NewRead(meter, Register.KWH, LocalDate.parse(date), null, new BigDecimal(reading), ReadType.ACTUAL,
                ReadSource.HANDHELD, null, null));
    }

    @Test
    void usageOverAPeriodSpansAMeterExchange() {
        String meter = servedMeter();
        long point = pointOf(meter);
        read(meter, "2025-09-15", "40000");
        String replacement = "E" + TestCustomers.uniqueDigits(8);
        reads.exchange(new MeterExchange(meter, new BigDecimal("40300"), replacement, new BigDecimal("100"), LocalDate.of(2025, 9, 25),
                "upgrade to AMI", "Itron Riva", 6, BigDecimal.ONE, false));
        read(replacement, "2025-10-15", "620");
        Determinants d = determinants.forServicePoint(point, LocalDate.of(2025, 9, 15), LocalDate.of(2025, 10, 15));
        assertThat(d.billable()).as(d.problems().toString()).isTrue();
        assertThat(d.totals().get(Register.KWH)).isEqualByComparingTo("820");   // 300 on the old meter + 520 on the new
        assertThat(d.meters()).extracting(Determinants.MeterPart::meterNumber).containsExactly(meter, replacement);
        assertThat(d.source()).contains("exchange");
    }

    @Test
    void aMissingReadIsNamedAndTheDeterminantsAreNotBillable() {
        String meter = servedMeter();
        long point = pointOf(meter);
        read(meter, "2025-09-15", "40000");
        Determinants d = determinants.forServicePoint(point, LocalDate.of(2025, 9, 15), LocalDate.of(2025, 10, 15));
        assertThat(d.billable()).isFalse();
        assertThat(d.problems()).singleElement().satisfies(p -> assertThat(p).contains(meter, "no read on 2025-10-15"));
    }

    @Test
    void completeIntervalDataGivesKwhPeakAndDailyTotals() {
        String meter = servedMeter();   // TestCustomers meters are AMI
        long point = pointOf(meter);
        StringBuilder file = new StringBuilder("meter,start,minutes,kwh\n");
        for (int day = 1; day <= 2; day++) {
            for (int h = 0; h < 24; h++) {
                String kwh = day == 2 && h == 18 ? "4.5" : "1.25";
                file.append(meter).append(",2025-08-0").append(day).append('T').append(String.format("%02d", h)).append(":00,60,").append(kwh).append('\n');
            }
        }
        intervals.importCsv(new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)), "aug.csv");
        Determinants d = determinants.forServicePoint(point, LocalDate.of(2025, 8, 1), LocalDate.of(2025, 8, 3));
        assertThat(d.source()).isEqualTo("intervals");
        assertThat(d.totals().get(Register.KWH)).isEqualByComparingTo("63.25");   // 47 × 1.25 + 4.5
        assertThat(d.peakKw()).isEqualByComparingTo("4.5");
        assertThat(d.peakAt()).isEqualTo(LocalDate.of(2025, 8, 2).atTime(18, 0));
        assertThat(d.daily()).extracting(Determinants.DailyUsage::kwh).containsExactly(new BigDecimal("30.0000"), new BigDecimal("33.2500"));
        Map<Long, Determinants> many = determinants.forAmiServicePoints(List.of(point), LocalDate.of(2025, 8, 1), LocalDate.of(2025, 8, 4));
        assertThat(many.get(point).billable()).isFalse();
        assertThat(many.get(point).problems()).singleElement().satisfies(p -> assertThat(p).contains("48 of the period's 72 intervals"));
    }
}

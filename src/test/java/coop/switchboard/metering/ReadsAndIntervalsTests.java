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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class ReadsAndIntervalsTests {
    @Autowired ReadService reads;
    @Autowired ReadImportService readImport;
    @Autowired IntervalService intervals;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;

    private String servedMeter() {
        String meter = "7" + TestCustomers.uniqueDigits(8);
        new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Ottoline", "Pemberton", "541" + TestCustomers.uniqueDigits(7), null), "12 Birch Bend", meter);
        return meter;
    }

    private ReadView read(String meter, String date, String reading) {
        return reads.record(new NewRead(meter, Register.KWH, LocalDate.parse(date), null, new BigDecimal(reading), ReadType.ACTUAL,
                ReadSource.HANDHELD, "route 4", null));
    }

    private static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReadHasItsUsageSinceThePreviousReadAndARepeatIsTheSameRead() {
        String meter = servedMeter();
        read(meter, "2025-01-15", "10000");
        ReadView second = read(meter, "2025-02-14", "10820");
        assertThat(second.usage()).isEqualByComparingTo("820");
        assertThat(second.status()).isEqualTo("VALID");
        ReadView again = read(meter, "2025-02-14", "10820");
        assertThat(again.id()).isEqualTo(second.id());
        assertThat(reads.reads(second.meterId(), 10)).hasSize(2);
    }

    @Test
    void aBadReadNamesEachFieldAndSavesNothing() {
        String meter = servedMeter();
        assertThatThrownBy(() -> reads.record(new NewRead(meter, Register.GALLONS, LocalDate.of(2099, 1, 1), null,
                new BigDecimal("123456"), null, ReadSource.HANDHELD, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField())
                        .containsKeys("register", "readDate", "reading", "type"));
        assertThatThrownBy(() -> read("NO-SUCH-METER", "2025-01-15", "1"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("meterNumber"));
        long meterId = reads.meter(meter).orElseThrow().id();
        assertThat(reads.reads(meterId, 10)).isEmpty();
    }

    @Test
    void aReadFarAboveTheSamePeriodLastYearWaitsInTheExceptionsQueue() {
        String meter = servedMeter();
        // A year of ordinary months, then a month three times as high as the same month last year.
        int reading = 10000;
        LocalDate day = LocalDate.of(2024, 1, 15);
        read(meter, day.toString(), Integer.toString(reading));
        for (int m = 1; m <= 13; m++) {
            day = day.plusMonths(1);
            reading += 700;
            read(meter, day.toString(), Integer.toString(reading));
        }
        ReadView high = read(meter, day.plusMonths(1).toString(), Integer.toString(reading + 2100));
        assertThat(high.status()).isEqualTo("EXCEPTION");
        assertThat(high.findings()).anySatisfy(f -> assertThat(f).contains("same period last year"));
        assertThat(jdbc.sql("select count(*) from metering.read_exception where read_id = ? and status = 'OPEN'").param(high.id())
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void aMeterExchangeRemovesOneAndInstallsTheOtherTheSameDay() {
        String meter = servedMeter();
        read(meter, "2025-03-01", "50000");
        String replacement = "X" + TestCustomers.uniqueDigits(8);
        ReadService.ExchangeResult done = reads.exchange(new MeterExchange(meter, new BigDecimal("50410"), replacement,
                BigDecimal.ZERO, LocalDate.of(2025, 3, 20), "failed register", "Itron Centron", 6, BigDecimal.ONE, true));
        assertThat(done.removal().type()).isEqualTo(ReadType.REMOVAL);
        assertThat(done.removal().usage()).isEqualByComparingTo("410");
        assertThat(done.install().type()).isEqualTo(ReadType.INITIAL);
        assertThat(jdbc.sql("select count(*) from metering.meter_installation where service_point_id = ? and removed_on is null")
                .param(done.servicePointId()).query(Integer.class).single()).isEqualTo(1);
        ReadView next = read(replacement, "2025-04-01", "260");
        assertThat(next.usage()).isEqualByComparingTo("260");
        // A second exchange of the removed meter is refused by field, and nothing changes.
        assertThatThrownBy(() -> reads.exchange(new MeterExchange(meter, BigDecimal.ONE, "Y" + TestCustomers.uniqueDigits(8),
                BigDecimal.ZERO, LocalDate.of(2025, 4, 2), null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKeys("oldMeterNumber", "newKind", "newDials"));
    }

    @Test
    void intervalCsvImportsReportsBadLinesAndImportingTwiceAddsNothing() {
        String meter = servedMeter();
        StringBuilder file = new StringBuilder("meter,start,minutes,kwh\n");
        for (int q = 0; q < 96; q++) {
            file.append(meter).append(",2025-06-01T").append(String.format("%02d:%02d", q / 4, q % 4 * 15)).append(",15,0.25\n");
        }
        file.append(meter).append(",2025-06-02T00:07,15,0.25\n");     // not on a 15-minute boundary
        file.append("NOPE,2025-06-02T00:00,15,0.25\n");                 // no such meter
        file.append(meter).append(",2025-06-02T00:15,15,abc\n");       // not a number
        ImportResult first = intervals.importCsv(csv(file.toString()), "june.csv");
        assertThat(first.added()).isEqualTo(96);
        assertThat(first.rejected()).containsExactly("line 98: start is not on a 15-minute boundary", "line 99: there is no meter NOPE",
                "line 100: kwh 'abc' is not a number");
        long meterId = reads.meter(meter).orElseThrow().id();
        List<IntervalService.IntervalDay> days = intervals.days(meterId, LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 3));
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.total()).isEqualTo(96 * 2500L);
            assertThat(d.readings()).isEqualTo(96);
        });
        ImportResult again = intervals.importCsv(csv(file.toString()), "june-again.csv");
        assertThat(again.alreadyImported()).isTrue();
        assertThat(again.added()).isZero();
    }

    @Test
    void intervalsArrivingOutOfOrderOrLaterAreMergedIntoTheirDay() {
        String meter = servedMeter();
        String morning = "meter,start,minutes,kwh\n" + meter + ",2025-07-01T01:00,60,2.5\n" + meter + ",2025-07-02T01:00,60,1\n"
                + meter + ",2025-07-01T00:00,60,1.5\n";
        intervals.importCsv(csv(morning), "a.csv");
        intervals.importCsv(csv("meter,start,minutes,kwh\n" + meter + ",2025-07-01T01:00,60,3\n" + meter + ",2025-07-01T02:00,60,0.5\n"), "b.csv");
        long meterId = reads.meter(meter).orElseThrow().id();
        IntervalService.IntervalDay first = intervals.days(meterId, LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 2)).getFirst();
        assertThat(first.slots()[0]).isEqualTo(15000);
        assertThat(first.slots()[1]).isEqualTo(30000);
        assertThat(first.slots()[2]).isEqualTo(5000);
        assertThat(first.slots()[3]).isNull();
        assertThat(first.total()).isEqualTo(50000);
        assertThat(first.peak()).isEqualTo(30000);
        assertThat(first.readings()).isEqualTo(3);
    }

    @Test
    void aFileWithTheWrongHeaderImportsNothing() {
        assertThatThrownBy(() -> intervals.importCsv(csv("meter;start;kwh\nx;y;z\n"), "bad.csv"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("line 1", "meter,start,minutes,kwh"));
        assertThat(jdbc.sql("select count(*) from metering.import_file where name = 'bad.csv'").query(Integer.class).single()).isZero();
    }

    @Test
    void readCsvImportsGoodLinesReportsBadOnesAndOnlyOnce() {
        String meter = servedMeter();
        String file = ReadImportService.HEADER + "\n"
                + meter + ",kWh,2025-05-01,2000,actual,handheld,route 9\n"
                + meter + ",kWh,2025-06-01,2750,actual,amr,\n"
                + meter + ",kWh,2025-06-31,2750,actual,amr,\n"
                + meter + ",furlongs,2025-07-01,3500,actual,amr,\n";
        ImportResult result = readImport.importCsv(csv(file), "reads.csv");
        assertThat(result.added()).isEqualTo(2);
        assertThat(result.rejected()).hasSize(2).anySatisfy(r -> assertThat(r).startsWith("line 4: read_date"))
                .anySatisfy(r -> assertThat(r).startsWith("line 5: register"));
        assertThat(readImport.importCsv(csv(file), "reads.csv").alreadyImported()).isTrue();
        long meterId = reads.meter(meter).orElseThrow().id();
        assertThat(reads.reads(meterId, 10)).extracting(ReadView::usage).containsExactly(new BigDecimal("750.0000"), null);
    }
}

package coop.switchboard.metering;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.integration.greenbutton.GreenButtonReader;
import coop.switchboard.metering.integration.greenbutton.GreenButtonReader.Reading;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true"})
class GreenButtonServiceTests {
    // One day of 96 15-minute readings from 2012-03-01T05:00Z (midnight in Chicago), 93,846 Wh in all.
    static final Path SAMPLE = Path.of("src/test/resources/green-button/test_usage_data_01.xml");
    // Pacific standard time: 21:00 on Feb 29 through 21:00 on Mar 1.
    static final LocalDate FIRST_DAY = LocalDate.of(2012, 2, 29);
    static final LocalDate LAST_DAY = LocalDate.of(2012, 3, 1);

    @Autowired GreenButtonService greenButton;
    @Autowired IntervalService intervals;
    @Autowired ReadService reads;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    @TempDir Path temp;

    private String servedMeter() {
        String meter = "6" + TestCustomers.uniqueDigits(8);
        new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Perpetua", "Fairweather", "360" + TestCustomers.uniqueDigits(7), null), "7 Tamarack Trail", meter);
        return meter;
    }

    /** The sample with its meter's bytes changed (a comment), so its SHA-256 is new to the shared test database. */
    private Path sampleFor(String meter) throws Exception {
        Path copy = temp.resolve("usage-" + meter + ".xml");
        Files.writeString(copy, Files.readString(SAMPLE) + "<!-- " + meter + " -->\n");
        return copy;
    }

    private long storedTotal(String meter) {
        return jdbc.sql("select coalesce(sum(total), 0) from metering.interval_day where meter_id = ?")
                .param(reads.meter(meter).orElseThrow().id()).query(Long.class).single();
    }

    @Test
    void importsTheSampleIntoTheMetersStandardTimeDaysExactly() throws Exception {
        String meter = servedMeter();
        ImportResult result = greenButton.importFile(sampleFor(meter), meter);

        assertThat(result.linesRead()).isEqualTo(96);
        assertThat(result.added()).isEqualTo(96);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.alreadyImported()).isFalse();
        assertThat(storedTotal(meter)).isEqualTo(938_460L);
        long meterId = reads.meter(meter).orElseThrow().id();
        List<IntervalService.IntervalDay> days = intervals.days(meterId, FIRST_DAY, LAST_DAY.plusDays(1));
        assertThat(days).extracting(IntervalService.IntervalDay::day).containsExactly(FIRST_DAY, LAST_DAY);
        assertThat(days).extracting(IntervalService.IntervalDay::readings).containsExactly(12, 84);
        assertThat(days.getFirst().minutes()).isEqualTo(15);
        assertThat(days.getFirst().slots()[84]).isEqualTo(2820); // 21:00 PST: the file's first reading, 282 Wh
    }

    @Test
    void importingTheSameFileAgainAddsNothing() throws Exception {
        String meter = servedMeter();
        Path file = sampleFor(meter);
        greenButton.importFile(file, meter);

        ImportResult again = greenButton.importFile(file, meter);

        assertThat(again.alreadyImported()).isTrue();
        assertThat(again.added()).isZero();
        assertThat(again.linesRead()).isEqualTo(96);
        assertThat(storedTotal(meter)).isEqualTo(938_460L);
    }

    @Test
    void aMalformedFileImportsNothingAndNamesItsLine() throws Exception {
        String meter = servedMeter();
        String text = Files.readString(SAMPLE);
        int cut = text.indexOf("</IntervalReading>", text.length() / 2);
        Path broken = temp.resolve("broken.xml");
        Files.writeString(broken, text.substring(0, cut) + "<value>lots</value>" + text.substring(cut));

        assertThatThrownBy(() -> greenButton.importFile(broken, meter))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.byField()).containsOnlyKeys("file");
                    assertThat(e.byField().get("file")).startsWith("line ");
                });
        assertThat(storedTotal(meter)).isZero();
        // Nothing was remembered either: the file, once fixed, is a new import.
        assertThat(jdbc.sql("select count(*) from metering.import_file where kind = 'GREEN_BUTTON' and name = 'broken.xml'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void refusesAnUnknownMeterByField() {
        assertThatThrownBy(() -> greenButton.importFile(SAMPLE, "NO-SUCH-METER"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsOnlyKeys("meter"));
    }

    @Test
    void reportsReadingsFinerThanATenthOfAWattHourAndIntervalsOfAnotherLength() throws Exception {
        String meter = servedMeter();
        // The meter already has hourly intervals on Mar 1 (standard time).
        intervals.importCsv(new java.io.ByteArrayInputStream(("meter,start,minutes,kwh\n" + meter + ",2012-03-01T00:00,60,1\n")
                .getBytes(StandardCharsets.UTF_8)), "hourly-" + meter + ".csv");
        // Values in hundredths of a Wh (powerOfTenMultiplier -2), the first one 28.25 Wh: finer than can be stored.
        String text = Files.readString(sampleFor(meter)).replace("<powerOfTenMultiplier>0</powerOfTenMultiplier>",
                "<powerOfTenMultiplier>-2</powerOfTenMultiplier>").replaceAll("<value>(?<wh>\\d+)</value>", "<value>${wh}0</value>")
                .replaceFirst("<value>2820</value>", "<value>2825</value>");
        Path file = temp.resolve("fine.xml");
        Files.writeString(file, text);

        ImportResult result = greenButton.importFile(file, meter);

        assertThat(result.rejected()).anySatisfy(r -> assertThat(r).contains("has more than one decimal"))
                .anySatisfy(r -> assertThat(r).startsWith("2012-03-01: ").contains("60-minute intervals"));
        assertThat(result.rejectedCount()).isEqualTo(1 + 84);
        assertThat(result.added()).isEqualTo(11);
        long meterId = reads.meter(meter).orElseThrow().id();
        IntervalService.IntervalDay march = intervals.days(meterId, LAST_DAY, LAST_DAY.plusDays(1)).getFirst();
        assertThat(march.minutes()).isEqualTo(60);
        assertThat(march.total()).isEqualTo(10_000);
    }

    @Test
    void exportsWhatWasImportedAndReadsBackTheSameReadings() throws Exception {
        String meter = servedMeter();
        Path file = sampleFor(meter);
        List<Reading> imported = new ArrayList<>();
        GreenButtonReader.read(file, imported::add);
        greenButton.importFile(file, meter);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GreenButtonService.GreenButtonExport export = greenButton.export(meter, FIRST_DAY, LAST_DAY, out);
        Path exported = temp.resolve("exported.xml");
        Files.write(exported, out.toByteArray());
        List<Reading> back = new ArrayList<>();
        GreenButtonReader.Summary summary = GreenButtonReader.read(exported, back::add);

        assertThat(export.readings()).isEqualTo(96);
        assertThat(export.days()).isEqualTo(2);
        assertThat(summary.totalWattHours()).isEqualByComparingTo("93846");
        assertThat(back).extracting(GreenButtonServiceTests::withoutCost).containsExactlyElementsOf(imported.stream()
                .map(GreenButtonServiceTests::withoutCost).toList());
        assertThat(back).allSatisfy(r -> assertThat(r.usagePoint()).isEqualTo("7 Tamarack Trail, Newport, WA 99156"));
        // The same meter and days are the same feed.
        assertThat(greenButton.describeExport(meter, FIRST_DAY, LAST_DAY).feedId()).isEqualTo(export.feedId());
    }

    private static String withoutCost(Reading r) {
        return r.start() + " " + r.seconds() + " s " + r.wattHours().stripTrailingZeros().toPlainString() + " Wh";
    }

    @Test
    void aRangeWithoutIntervalsExportsAValidEmptyFeed() throws Exception {
        String meter = servedMeter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GreenButtonService.GreenButtonExport export = greenButton.export(meter, LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 31), out);

        assertThat(export.empty()).isTrue();
        Path file = temp.resolve("empty.xml");
        Files.write(file, out.toByteArray());
        GreenButtonReader.Summary summary = GreenButtonReader.read(file, r -> { });
        assertThat(summary.readings()).isZero();
        assertThat(summary.usagePoints()).isEqualTo(1);
    }

    @Test
    void refusesABadRangeByField() {
        String meter = servedMeter();
        OutputStream nowhere = OutputStream.nullOutputStream();
        assertThatThrownBy(() -> greenButton.export(meter, LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 1), nowhere))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsOnlyKeys("to"));
        assertThatThrownBy(() -> greenButton.export(meter, LocalDate.of(2020, 1, 1), LocalDate.of(2023, 1, 1), nowhere))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("to")).contains("3 years"));
        assertThatThrownBy(() -> greenButton.export("NO-SUCH-METER", null, LocalDate.of(2023, 1, 1), nowhere))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsOnlyKeys("meter", "from"));
        assertThat(greenButton.describeExport(meter, LocalDate.of(2020, 1, 1), LocalDate.of(2022, 12, 31)).empty()).isTrue();
    }
}

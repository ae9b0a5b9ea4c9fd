package coop.switchboard.rates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TariffBillCommandTests {
    @TempDir Path dir;

    record Run(int status, String out, String err) {
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TariffBillCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path demoTariffs() throws Exception {
        Path file = dir.resolve("demo.yaml");
        Files.writeString(file, GoldenCases.resource("/tariffs/demo-tariffs.yaml"));
        return file;
    }

    Path load() throws Exception {
        Path file = dir.resolve("load.csv");
        Files.writeString(file, GoldenCases.resource("/load-profiles/residential_load.csv"));
        return file;
    }

    @Test
    void ratesAYearOfHourlyLoadMonthByMonthAsJson() throws Exception {
        Run r = run("--tariff", demoTariffs().toString(), "--schedule", "RS", "--usage", load().toString(), "--start", "2026-01-01");
        assertThat(r.status()).as(r.err()).isZero();
        String json = r.out().strip();
        assertThat(json).startsWith("{\"months\":[{\"period\":\"2026-01\"").contains("\"period\":\"2026-12\"");
        assertThat(json.lines()).hasSize(1);
        // The grand total is the sum of the months, and each month is the sum of its lines.
        Matcher months = Pattern.compile("\"lines\":\\[(.*?)\\],\"total\":\"([0-9.]+)\"").matcher(json);
        BigDecimal sum = BigDecimal.ZERO;
        int count = 0;
        while (months.find()) {
            BigDecimal lines = BigDecimal.ZERO;
            Matcher amounts = Pattern.compile("\"amount\":\"(-?[0-9.]+)\"").matcher(months.group(1));
            while (amounts.find()) {
                lines = lines.add(new BigDecimal(amounts.group(1)));
            }
            assertThat(lines).isEqualByComparingTo(months.group(2));
            sum = sum.add(new BigDecimal(months.group(2)));
            count++;
        }
        assertThat(count).isEqualTo(12);
        assertThat(json).endsWith(",\"total\":\"" + sum.setScale(2) + "\"}");
    }

    @Test
    void ratesRegisterPeriodsAndPrintsText() throws Exception {
        Path usage = dir.resolve("reads.csv");
        Files.writeString(usage, "from,to,kwh,kw\n2026-06-15,2026-07-15,1800,\n2026-07-15,2026-08-14,2100,\n");
        Run r = run("--tariff", demoTariffs().toString(), "--schedule", "RS", "--usage", usage.toString(), "--format", "text");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("RS — Residential Service", "2026-07", "Energy (Summer), first 500 kWh", "Total for 2 periods");
    }

    @Test
    void reportsEveryBadLineOfAUsageFileByNumber() throws Exception {
        Path usage = dir.resolve("bad.csv");
        Files.writeString(usage, "start,kwh\n2026-01-01T00:00,1.5\n2026-01-01T01:00,abc\n2026-01-01T03:00,2\n");
        Run r = run("--tariff", demoTariffs().toString(), "--schedule", "RS", "--usage", usage.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("usage line 3", "kwh 'abc' is not a number", "usage line 4");
    }

    @Test
    void explainsMissingOptionsAndSchedules() throws Exception {
        assertThat(run("--tariff", "x.yaml").err()).contains("--tariff and --usage are required");
        Run many = run("--tariff", demoTariffs().toString(), "--usage", load().toString());
        assertThat(many.status()).isEqualTo(2);
        assertThat(many.err()).contains("choose one with --schedule", "RS-TOU");
        assertThat(run("--tariff", dir.resolve("missing.yaml").toString(), "--usage", load().toString()).err()).contains("no such file");
    }
}

package coop.switchboard.bench;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The billing benchmark on 300 accounts: it builds its database once, bills every account each time, and ends with its JSON line. */
@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true", "switchboard.billing.run.chunk-size=64"})
class BillingBenchmarkTests {
    @Autowired BillingBenchmark bench;
    @Autowired JdbcClient jdbc;

    private String run(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertThat(bench.run(List.of(args), out)).isZero();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void billsEveryAccountOfItsOwnDatabaseAndEndsWithItsJsonLine() throws Exception {
        String first = run("--accounts", "300", "--threads", "2", "--pdfs", "3");
        assertThat(first).contains("Writing 300 accounts");
        assertThat(lastLine(first)).matches("\\{\"bench\":\"billing\",\"accounts\":300,\"seconds\":[0-9.]+,\"billsPerSecond\":[0-9]+,\"pdfs\":3,\"pdfsPerSecondPerCore\":[0-9.]+}");
        assertThat(jdbc.sql("select count(*) from billing.bill where status = 'ISSUED'").query(Long.class).single()).isEqualTo(300);
        // Water and fiber ride on some of the electric bills.
        assertThat(jdbc.sql("select array_agg(distinct rate_schedule_code order by rate_schedule_code) from billing.bill_segment")
                .query(String.class).single()).isEqualTo("{FB,RS,W}");
        assertThat(jdbc.sql("select min(usage) >= 300 and max(usage) <= 2000 from billing.bill_segment where rate_schedule_code = 'RS'")
                .query(Boolean.class).single()).isTrue();

        String again = run("--accounts", "300", "--pdfs", "1");
        assertThat(again).contains("Reusing the 300-account database");
        assertThat(lastLine(again)).startsWith("{\"bench\":\"billing\",\"accounts\":300,");
        assertThat(jdbc.sql("select count(*) from billing.bill").query(Long.class).single()).isEqualTo(300);
        assertThat(jdbc.sql("select count(*) from billing.bill_run").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void namesTheOptionThatIsWrong() {
        assertThat(BillingBenchmark.Options.parse(List.of())).isEqualTo(new BillingBenchmark.Options(100_000, 0, false));
        assertThat(BillingBenchmark.Options.parse(List.of("--accounts", "1,000,000", "--threads", "3", "--keep")))
                .isEqualTo(new BillingBenchmark.Options(1_000_000, 3, true));
        assertThat(BillingBenchmark.Options.parse(List.of("--pdfs", "50")).pdfs()).isEqualTo(50);
        assertThatThrownBy(() -> BillingBenchmark.Options.parse(List.of("--accounts", "0"))).hasMessageContaining("--accounts");
        assertThatThrownBy(() -> BillingBenchmark.Options.parse(List.of("--threads"))).hasMessageContaining("--threads needs a number");
        assertThatThrownBy(() -> BillingBenchmark.Options.parse(List.of("--members", "5"))).hasMessageContaining("unknown option '--members'");
    }
}

package coop.switchboard.platform;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class BinaryCopyRowsTests {
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void numbersDatesTextAndArraysArriveAsWritten() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        List<BigDecimal> numbers = new ArrayList<>(List.of(new BigDecimal("0"), new BigDecimal("0.00"), new BigDecimal("-0.01"),
                new BigDecimal("47.50"), new BigDecimal("0.095000"), new BigDecimal("10000"), new BigDecimal("12345678901234.5678"),
                new BigDecimal("-99999.999999"), new BigDecimal("1E+3"), new BigDecimal("123456789012345678901234567890.123")));
        for (int i = 0; i < 2000; i++) {
            numbers.add(BigDecimal.valueOf(random.nextLong(-10_000_000_000L, 10_000_000_000L), random.nextInt(0, 7)));
        }
        LocalDate day = LocalDate.of(2026, 11, 10);
        Instant at = Instant.parse("2026-11-24T01:02:03.456789Z");
        List<Map<String, Object>> back = tx.execute(status -> {
            jdbc.sql("create temp table binary_copy (n numeric, d date, t text, ts timestamptz, b boolean, i bigint, s smallint, "
                    + "ta text[], na numeric(12, 6)[]) on commit drop").update();
            BinaryCopyRows rows = new BinaryCopyRows("binary_copy", "n, d, t, ts, b, i, s, ta, na", 16);
            for (int i = 0; i < numbers.size(); i++) {
                rows.numeric(numbers.get(i)).date(day.plusDays(i - 1000)).text(i % 2 == 0 ? "Energía \"tab\"\there, ¿sí?" : null)
                        .timestamptz(at).bool(i % 3 == 0).int8(i).int2(i % 300);
                rows.beginTextArray();
                if (i % 5 != 0) {
                    rows.textElement("Energy (Winter), first 500 kWh").textElement(null).textElement("b\\c");
                }
                rows.endArray().beginNumericArray().numericElement(new BigDecimal("0.0950")).numericElement(null).endArray();
                rows.end();
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                new CopyLoader(connection.unwrap(PGConnection.class).getCopyAPI()).load(rows);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
            return jdbc.sql("select n, n::text as nt, d, t, ts, b, i, s, ta::text as ta, na::text as na from binary_copy order by i").query().listOfRows();
        });
        assertThat(back).as("seed %d", seed).hasSize(numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            Map<String, Object> row = back.get(i);
            BigDecimal expected = numbers.get(i).scale() < 0 ? numbers.get(i).setScale(0) : numbers.get(i);
            assertThat(row.get("nt")).as("seed %d, %s", seed, expected).isEqualTo(expected.toPlainString());
            assertThat(row.get("d").toString()).isEqualTo(day.plusDays(i - 1000).toString());
            assertThat(row.get("t")).isEqualTo(i % 2 == 0 ? "Energía \"tab\"\there, ¿sí?" : null);
            assertThat(((java.sql.Timestamp) row.get("ts")).toInstant()).isEqualTo(at);
            assertThat(row.get("b")).isEqualTo(i % 3 == 0);
            assertThat(((Number) row.get("s")).intValue()).isEqualTo(i % 300);
            assertThat(row.get("ta")).isEqualTo(i % 5 != 0 ? "{\"Energy (Winter), first 500 kWh\",NULL,\"b\\\\c\"}" : "{}");
            assertThat(row.get("na")).isEqualTo("{0.095000,NULL}");
        }
    }
}

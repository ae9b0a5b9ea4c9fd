package coop.switchboard.billing;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.Register;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;

/** Test data for billing: a cycle of its own, served members on it with monthly reads, the demo tariffs, a signed-in person. */
final class BillingFixtures {
    private final JdbcClient jdbc;
    private final ReadService reads;
    private final MembershipEnrollment enrollment;
    private final AccountSearch search;

    BillingFixtures(JdbcClient jdbc, ReadService reads, MembershipEnrollment enrollment, AccountSearch search, TariffService tariffs) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.enrollment = enrollment;
        this.search = search;
        if (!tariffs.exists("RS")) {
            try {
                tariffs.importFile(new ClassPathResource("tariffs/demo-tariffs.yaml").getContentAsString(StandardCharsets.UTF_8), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A cycle read on the 10th of every month of {@code year}, window two days either side, bills two days later. */
    void cycle(int number, int year) {
        jdbc.sql("insert into metering.billing_cycle (number, name, created_at) values (?, ?, ?) on conflict do nothing")
                .params(number, "Billing test " + number, Timestamp.from(Instant.now())).update();
        for (int m = 1; m <= 12; m++) {
            LocalDate read = LocalDate.of(year, m, 10);
            jdbc.sql("""
                            insert into metering.cycle_schedule (cycle_number, period, read_date, window_from, window_to, bill_date)
                            values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(number, YearMonth.of(year, m).toString(), read, read.minusDays(2), read.plusDays(2), read.plusDays(2)).update();
        }
    }

    /** A served member on the cycle with kWh reads on the 10th of each month from January of {@code year} (null: none). */
    TestCustomers.Served member(int cycle, int year, String street, Long... readings) {
        String meter = "F" + TestCustomers.uniqueDigits(8);
        TestCustomers.Served s = new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Bartholomew", "Quennell", "360" + TestCustomers.uniqueDigits(7), null), street, meter);
        jdbc.sql("update metering.meter set cycle_number = ? where meter_number = ?").params(cycle, meter).update();
        for (int m = 0; m < readings.length; m++) {
            if (readings[m] != null) {
                read(meter, LocalDate.of(year, m + 1, 10), readings[m]);
            }
        }
        return s;
    }

    void read(String meter, LocalDate day, long reading) {
        reads.record(new NewRead(meter, Register.KWH, day, null, BigDecimal.valueOf(reading), ReadType.ACTUAL, ReadSource.AMR, null, null));
    }

    /** Signs a person in for the services that ask who is acting. */
    static void signIn(String name, String... roles) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(name, null,
                Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList()));
    }

    static void signOut() {
        SecurityContextHolder.clearContext();
    }
}

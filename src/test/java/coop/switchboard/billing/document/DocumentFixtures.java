package coop.switchboard.billing.document;

import coop.switchboard.TestCustomers;
import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillRunView;
import coop.switchboard.members.AccountView.BillDelivery;
import coop.switchboard.members.MemberView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.members.NewMembership;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.Register;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Served members with a year and more of monthly reads on a cycle of the document tests' own (71–79), and bill runs
 * for them, built through the real services the way {@code BillRunTests} builds its own.
 */
final class DocumentFixtures {
    /** The first month with a read; the cycle reads on the 10th, from January 2024. */
    static final YearMonth FIRST_READ = YearMonth.of(2024, 1);
    private final MembershipEnrollment enrollment;
    private final JdbcClient jdbc;
    private final AccountSearch search;
    private final ReadService reads;
    private final BillRunService runs;

    DocumentFixtures(MembershipEnrollment enrollment, JdbcClient jdbc, AccountSearch search, ReadService reads, BillRunService runs,
                     TariffService tariffs) throws IOException {
        this.enrollment = enrollment;
        this.jdbc = jdbc;
        this.search = search;
        this.reads = reads;
        this.runs = runs;
        if (!tariffs.exists("RS")) {
            tariffs.importFile(new ClassPathResource("tariffs/demo-tariffs.yaml").getContentAsString(StandardCharsets.UTF_8), null);
        }
    }

    /** A cycle reading on the 10th of every month of 2024 and the first half of 2025, billed two days later. */
    void cycle(int number) {
        jdbc.sql("insert into metering.billing_cycle (number, name, created_at) values (?, ?, ?) on conflict do nothing")
                .params(number, "Bill document test " + number, Timestamp.from(Instant.now())).update();
        for (YearMonth m = FIRST_READ; !m.isAfter(YearMonth.of(2025, 6)); m = m.plusMonths(1)) {
            LocalDate read = m.atDay(10);
            jdbc.sql("""
                            insert into metering.cycle_schedule (cycle_number, period, read_date, window_from, window_to, bill_date)
                            values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(number, m.toString(), read, read.minusDays(2), read.plusDays(2), read.plusDays(2)).update();
        }
    }

    static NewMembership person(String first, String last, MemberView.Language language, BillDelivery delivery, String email) {
        return new NewMembership(MemberView.MemberType.PERSON, first, null, last, null, null, LocalDate.of(1968, 9, 3), null, null,
                language, "509" + TestCustomers.uniqueDigits(7), "MOBILE", email, "PO Box 12", null, "Cusick", "WA", "99119", delivery,
                MemberView.MembershipFeeStatus.PAID);
    }

    /**
     * Serves the member at {@code street} on the cycle and reads the meter on the 10th of each month from January 2024,
     * one reading per month in {@code monthlyUse} (kWh used since the month before); {@code estimatedMonth}'s read, if
     * any, is an estimate.
     */
    TestCustomers.Served serve(int cycle, NewMembership member, String street, int[] monthlyUse, YearMonth estimatedMonth) {
        String meter = "D" + TestCustomers.uniqueDigits(8);
        TestCustomers.Served served = new TestCustomers(enrollment, jdbc, search).serve(member, street, meter);
        jdbc.sql("update metering.meter set cycle_number = ? where meter_number = ?").params(cycle, meter).update();
        long reading = 20_000;
        YearMonth month = FIRST_READ;
        for (int i = 0; i < monthlyUse.length; i++, month = month.plusMonths(1)) {
            reading += i == 0 ? 0 : monthlyUse[i];
            ReadType type = month.equals(estimatedMonth) ? ReadType.ESTIMATED : ReadType.ACTUAL;
            reads.record(new NewRead(meter, Register.KWH, month.atDay(10), null, BigDecimal.valueOf(reading), type, ReadSource.AMR, null, null));
        }
        return served;
    }

    /** Fifteen months of reads (January 2024 to March 2025) with a winter peak, scaled by {@code factor} percent. */
    static int[] seasonal(int factor) {
        int[] base = {0, 980, 900, 780, 640, 560, 690, 820, 860, 640, 610, 780, 940, 1010, 930};
        int[] use = new int[base.length];
        for (int i = 0; i < base.length; i++) {
            use[i] = base[i] * factor / 100;
        }
        return use;
    }

    BillRunView bill(int cycle, YearMonth period) {
        BillRunView run = runs.start(cycle, period);
        return runs.work(run.id(), 1, null);
    }
}

package coop.switchboard;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.members.NewMembership;
import coop.switchboard.search.AccountSearch;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a served member for integration tests: enrolled through the real enrollment service, then given a premise,
 * an electric service point, a meter and an active agreement (written directly, as move-in arrives with billing).
 */
public final class TestCustomers {
    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime() % 1_000_000);
    private final MembershipEnrollment enrollment;
    private final JdbcClient jdbc;
    private final AccountSearch search;

    public TestCustomers(MembershipEnrollment enrollment, JdbcClient jdbc, AccountSearch search) {
        this.enrollment = enrollment;
        this.jdbc = jdbc;
        this.search = search;
    }

    public record Served(long accountId, String accountNumber, long memberId, long premiseId, String meterNumber) {
    }

    public static String uniqueDigits(int length) {
        String n = Long.toString(UNIQUE.incrementAndGet() * 7919 % (long) Math.pow(10, length));
        return "0".repeat(length - n.length()) + n;
    }

    public static NewMembership person(String first, String last, String phone, String email) {
        return new NewMembership(MemberView.MemberType.PERSON, first, null, last, null, null, LocalDate.of(1970, 5, 17),
                null, null, MemberView.Language.EN, phone, "MOBILE", email, "PO Box 12", null, "Cusick", "WA", "99119",
                AccountView.BillDelivery.MAIL, MemberView.MembershipFeeStatus.PAID);
    }

    public Served serve(NewMembership membership, String street, String meterNumber) {
        AccountView account = enrollment.enroll(membership);
        Timestamp now = Timestamp.from(Instant.now());
        long premiseId = jdbc.sql("""
                        insert into premises.premise (premise_type, line1, city, state, zip, latitude, longitude, feeder_id, transformer_id, created_at)
                        values ('RESIDENTIAL', ?, 'Newport', 'WA', '99156', 48.18, -117.04, 'NEW1-F2', 'T-' || ?, ?) returning id
                        """).params(street, uniqueDigits(6), now).query(Long.class).single();
        long pointId = jdbc.sql("insert into premises.service_point (premise_id, service_type, label, created_at) values (?, 'ELECTRIC', 'Electric', ?) returning id")
                .params(premiseId, now).query(Long.class).single();
        long meterId = jdbc.sql("insert into metering.meter (meter_number, service_type, kind, multiplier, dials, ami, created_at) values (?, 'ELECTRIC', 'Itron Centron', 1, 5, true, ?) returning id")
                .params(meterNumber, now).query(Long.class).single();
        jdbc.sql("insert into metering.meter_installation (meter_id, service_point_id, installed_on) values (?, ?, ?)")
                .params(meterId, pointId, Date.valueOf(LocalDate.of(2020, 1, 1))).update();
        jdbc.sql("insert into agreements.service_agreement (account_id, service_point_id, rate_schedule_code, start_date, created_at) values (?, ?, 'RS', ?, ?)")
                .params(account.id(), pointId, Date.valueOf(LocalDate.of(2020, 1, 1)), now).update();
        jdbc.sql("update members.account set status = 'ACTIVE' where id = ?").param(account.id()).update();
        search.refresh(List.of(account.id()));
        return new Served(account.id(), account.accountNumber(), account.memberId(), premiseId, meterNumber);
    }
}

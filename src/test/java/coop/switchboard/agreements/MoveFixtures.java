package coop.switchboard.agreements;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Test data for moves: members with a pending account, premises nobody is served at (an electric and a water point
 * with meters, and a fiber point without one), meter history, and agreements written straight into the table.
 */
public final class MoveFixtures {
    private final MembershipEnrollment enrollment;
    private final JdbcClient jdbc;
    private final AccountSearch search;
    private final Clock clock;

    public MoveFixtures(MembershipEnrollment enrollment, JdbcClient jdbc, AccountSearch search, Clock clock) {
        this.enrollment = enrollment;
        this.jdbc = jdbc;
        this.search = search;
        this.clock = clock;
    }

    /** A premise: its electric and water points (each with a meter) and its fiber point (no meter). */
    public record Place(long premiseId, String street, long electricPointId, String electricMeter, long waterPointId,
                        String waterMeter, long fiberPointId) {
    }

    public static void tariffs(TariffService tariffs) throws IOException {
        if (!tariffs.exists("RS")) {
            tariffs.importFile(new ClassPathResource("tariffs/demo-tariffs.yaml").getContentAsString(StandardCharsets.UTF_8), null);
        }
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A newly enrolled member's first account, PENDING until service starts. */
    public AccountView pendingAccount(String first, String last) {
        AccountView account = enrollment.enroll(TestCustomers.person(first, last, "509" + TestCustomers.uniqueDigits(7), null));
        search.refresh(List.of(account.id()));
        return account;
    }

    /** Another account of the same member, written directly (the members module has no public way to open one yet). */
    public long secondAccount(long memberId) {
        String number = "9" + TestCustomers.uniqueDigits(7);
        long id = jdbc.sql("""
                        insert into members.account (account_number, member_id, status, bill_delivery, opened_on, created_at)
                        values (?, ?, 'PENDING', 'MAIL', ?, ?) returning id""")
                .params(number, memberId, Date.valueOf(today()), Timestamp.from(clock.instant())).query(Long.class).single();
        search.refresh(List.of(id));
        return id;
    }

    /** A vacant premise; with {@code history}, 14 months of valid monthly reads (600 kWh, 4,000 gal) on its meters. */
    public Place vacantPlace(String street, String premiseType, boolean history) {
        Timestamp now = Timestamp.from(clock.instant());
        long premiseId = jdbc.sql("""
                        insert into premises.premise (premise_type, line1, city, state, zip, feeder_id, transformer_id, created_at)
                        values (?, ?, 'Newport', 'WA', '99156', 'NEW1-F2', 'T-' || ?, ?) returning id""")
                .params(premiseType, street, TestCustomers.uniqueDigits(6), now).query(Long.class).single();
        long electric = point(premiseId, "ELECTRIC", "Electric", now);
        long water = point(premiseId, "WATER", "Water", now);
        long fiber = point(premiseId, "FIBER", "Fiber", now);
        String electricMeter = "5" + TestCustomers.uniqueDigits(8);
        String waterMeter = "6" + TestCustomers.uniqueDigits(8);
        long eMeter = meter(electricMeter, "ELECTRIC", electric, now);
        long wMeter = meter(waterMeter, "WATER", water, now);
        if (history) {
            history(eMeter, "KWH", 10_000, 600);
            history(wMeter, "GALLONS", 200_000, 4_000);
        }
        return new Place(premiseId, street, electric, electricMeter, water, waterMeter, fiber);
    }

    private long point(long premiseId, String type, String label, Timestamp now) {
        return jdbc.sql("insert into premises.service_point (premise_id, service_type, label, created_at) values (?, ?, ?, ?) returning id")
                .params(premiseId, type, label, now).query(Long.class).single();
    }

    private long meter(String number, String type, long pointId, Timestamp now) {
        long id = jdbc.sql("""
                        insert into metering.meter (meter_number, service_type, kind, multiplier, dials, ami, created_at)
                        values (?, ?, 'Test meter', 1, ?, false, ?) returning id""")
                .params(number, type, "WATER".equals(type) ? 7 : 5, now).query(Long.class).single();
        jdbc.sql("insert into metering.meter_installation (meter_id, service_point_id, installed_on) values (?, ?, ?)")
                .params(id, pointId, Date.valueOf(LocalDate.of(2020, 1, 1))).update();
        return id;
    }

    /** Valid monthly reads on the 5th over the last 14 months (stored as read, without validation). */
    private void history(long meterId, String register, long start, long perMonth) {
        LocalDate first = today().withDayOfMonth(5).minusMonths(14);
        for (int m = 0; m <= 14; m++) {
            LocalDate day = first.plusMonths(m);
            if (!day.isAfter(today().minusDays(1))) {
                jdbc.sql("""
                                insert into metering.register_read (meter_id, register, read_date, read_at, reading, read_type, source,
                                                                    reader, created_by, created_at)
                                values (?, ?, ?, ?, ?, 'ACTUAL', 'HANDHELD', 'route 9', 'test', ?)""")
                        .params(meterId, register, day, Timestamp.from(day.atTime(LocalTime.NOON).atZone(clock.getZone()).toInstant()),
                                BigDecimal.valueOf(start + perMonth * m), Timestamp.from(clock.instant()))
                        .update();
            }
        }
    }

    /** The newest valid reading of a meter. */
    public BigDecimal lastReading(String meterNumber) {
        return jdbc.sql("""
                        select r.reading from metering.register_read r join metering.meter m on m.id = r.meter_id
                         where m.meter_number = ? and r.status = 'VALID' order by r.read_at desc, r.id desc limit 1""")
                .param(meterNumber).query(BigDecimal.class).single();
    }

    /** The newest valid reading of a meter read before {@code day}. */
    public BigDecimal lastReadingBefore(String meterNumber, LocalDate day) {
        return jdbc.sql("""
                        select r.reading from metering.register_read r join metering.meter m on m.id = r.meter_id
                         where m.meter_number = ? and r.status = 'VALID' and r.read_date < ? order by r.read_at desc, r.id desc limit 1""")
                .params(meterNumber, day).query(BigDecimal.class).single();
    }

    /** A reading that makes the usage since the last read look ordinary: 20 a day. */
    public BigDecimal ordinaryReading(String meterNumber) {
        LocalDate last = jdbc.sql("""
                        select r.read_date from metering.register_read r join metering.meter m on m.id = r.meter_id
                         where m.meter_number = ? and r.status = 'VALID' order by r.read_at desc, r.id desc limit 1""")
                .param(meterNumber).query(LocalDate.class).single();
        long days = java.time.temporal.ChronoUnit.DAYS.between(last, today());
        return lastReading(meterNumber).add(BigDecimal.valueOf(20 * days));
    }

    /** An agreement written straight into the table, its account made ACTIVE. */
    public long agreement(long accountId, long servicePointId, String schedule, LocalDate start) {
        long id = jdbc.sql("""
                        insert into agreements.service_agreement (account_id, service_point_id, rate_schedule_code, start_date, created_at)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(accountId, servicePointId, schedule, start, Timestamp.from(clock.instant())).query(Long.class).single();
        jdbc.sql("update members.account set status = 'ACTIVE' where id = ?").param(accountId).update();
        search.refresh(List.of(accountId));
        return id;
    }

    public String status(long accountId) {
        return jdbc.sql("select status from members.account where id = ?").param(accountId).query(String.class).single();
    }

    public long agreementsAt(long servicePointId) {
        return jdbc.sql("select count(*) from agreements.service_agreement where service_point_id = ?").param(servicePointId)
                .query(Long.class).single();
    }

    public long readsOf(String meterNumber) {
        return jdbc.sql("select count(*) from metering.register_read r join metering.meter m on m.id = r.meter_id where m.meter_number = ?")
                .param(meterNumber).query(Long.class).single();
    }

    public long auditsOf(long accountId) {
        return jdbc.sql("select count(*) from platform.audit_event where account_id = ?").param(accountId).query(Long.class).single();
    }

    public LocalDate endDate(long agreementId) {
        return jdbc.sql("select end_date from agreements.service_agreement where id = ?").param(agreementId)
                .query((rs, n) -> rs.getObject(1, LocalDate.class)).list().get(0);
    }
}

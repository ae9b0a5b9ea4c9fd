package coop.switchboard.demo;

import coop.switchboard.platform.StaffUsers;
import coop.switchboard.shared.CheckDigit;
import coop.switchboard.shared.SensitiveData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Loads a small demo cooperative into a database of its own (the extra property keeps this context, and so its
 * ephemeral PostgreSQL, apart from other tests' data) and checks what a CSR and the other modules rely on.
 */
@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true", "switchboard.demo.test-database=own",
        "SWITCHBOARD_DEMO_PASSWORD=correct-horse-battery", "SWITCHBOARD_DEMO_API_TOKEN=demo-token-0123456789abcdef"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoLoadTests {
    static final int MEMBERS = 1500;
    @Autowired DemoUtility demo;
    @Autowired DemoCommand command;
    @Autowired JdbcClient jdbc;
    @Autowired SensitiveData sensitive;
    @Autowired StaffUsers staffUsers;
    @Autowired DemoAccess access;
    DemoResult result;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeAll
    void load() {
        result = demo.generate(MEMBERS, DemoUtility.DEFAULT_SEED, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    @Order(1)
    void loadsExactlyTheMembersAskedForAndReportsWhatItWrote() {
        assertThat(count("select count(*) from members.member")).isEqualTo(MEMBERS).isEqualTo(result.members());
        assertThat(count("select count(*) from members.account")).isEqualTo(result.accounts());
        assertThat(count("select count(*) from premises.premise")).isEqualTo(result.premises());
        assertThat(count("select count(*) from metering.meter")).isEqualTo(result.meters());
        assertThat(result.premises()).isBetween(MEMBERS, MEMBERS * 13 / 10);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("members " + MEMBERS + "/" + MEMBERS);
    }

    @Test
    @Order(1)
    void sealedIdentityDecryptsAndMatchesItsHashAndLastFour() {
        var rows = jdbc.sql("""
                        select member_type, tax_id_sealed, tax_id_hash, tax_id_last4, birth_date_sealed,
                               photo_id_number_sealed, photo_id_last4
                        from members.member order by id limit 200""")
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getBytes(2), rs.getBytes(3), rs.getString(4),
                        rs.getBytes(5), rs.getBytes(6), rs.getString(7)})
                .list();
        for (Object[] r : rows) {
            String taxId = sensitive.decrypt((byte[]) r[1]);
            assertThat(taxId).matches("\\d{9}").endsWith((String) r[3]);
            assertThat((byte[]) r[2]).isEqualTo(sensitive.matchHash(taxId));
            if ("PERSON".equals(r[0])) {
                assertThat(LocalDate.parse(sensitive.decrypt((byte[]) r[4]))).isBefore(LocalDate.now().minusYears(18));
                assertThat(Arrays.asList(taxId.substring(0, 3))).doesNotContain("000", "666");
                if (r[5] != null) {
                    assertThat(sensitive.decrypt((byte[]) r[5])).endsWith((String) r[6]);
                }
            } else {
                assertThat(r[4]).isNull();
            }
        }
    }

    @Test
    @Order(1)
    void sequencesContinuePastTheLoadedIds() {
        for (String table : Batch.TABLE_NAMES) {
            long max = count("select coalesce(max(id), 0) from " + table);
            long next = count("select nextval(pg_get_serial_sequence('" + table + "', 'id'))");
            assertThat(next).as(table).isGreaterThan(max);
        }
        assertThat(count("select nextval('members.membership_number_seq')")).isGreaterThan(100_000L + MEMBERS);
        long accounts = count("select count(*) from members.account");
        assertThat(count("select nextval('members.account_base_seq')")).isGreaterThan(1_000_000L + accounts);
    }

    @Test
    @Order(1)
    void everyReferenceResolvesThoughTheLoadSkippedRowByRowChecks() {
        assertThat(count("""
                select (select count(*) from members.phone c left join members.member p on p.id = c.member_id where p.id is null)
                     + (select count(*) from members.email c left join members.member p on p.id = c.member_id where p.id is null)
                     + (select count(*) from members.account c left join members.member p on p.id = c.member_id where p.id is null)
                     + (select count(*) from members.authorized_party c left join members.account p on p.id = c.account_id where p.id is null)
                     + (select count(*) from members.interaction c left join members.account p on p.id = c.account_id where p.id is null)
                     + (select count(*) from premises.service_point c left join premises.premise p on p.id = c.premise_id where p.id is null)
                     + (select count(*) from premises.premise c left join members.member p on p.id = c.owner_member_id
                        where c.owner_member_id is not null and p.id is null)
                     + (select count(*) from metering.meter_installation c left join metering.meter p on p.id = c.meter_id where p.id is null)
                     + (select count(*) from metering.meter_installation c left join premises.service_point p on p.id = c.service_point_id where p.id is null)
                     + (select count(*) from agreements.service_agreement c left join members.account p on p.id = c.account_id where p.id is null)
                     + (select count(*) from agreements.service_agreement c left join premises.service_point p on p.id = c.service_point_id where p.id is null)
                """)).isZero();
    }

    @Test
    @Order(1)
    void pendingMoveInsStartInTheComingDaysAndVacantPremisesHaveNoCurrentAgreement() {
        assertThat(count("select count(*) from members.account where status = 'PENDING'")).isPositive();
        assertThat(count("""
                select count(*) from agreements.service_agreement s join members.account a on a.id = s.account_id
                where a.status = 'PENDING' and s.start_date <= current_date""")).isZero();
        assertThat(count("""
                select count(*) from premises.premise p where not exists (
                  select 1 from agreements.service_agreement s join premises.service_point sp on sp.id = s.service_point_id
                  where sp.premise_id = p.id and s.end_date is null and s.start_date <= current_date)""")).isPositive();
    }

    @Test
    @Order(1)
    void accountNumbersCarryValidCheckDigits() {
        List<String> numbers = jdbc.sql("select account_number from members.account").query(String.class).list();
        assertThat(numbers).allSatisfy(n -> assertThat(CheckDigit.isValid(n)).as(n).isTrue());
    }

    @Test
    @Order(1)
    void everyActiveAccountIsServedAndNoPremiseHasTwoCurrentOccupants() {
        assertThat(count("""
                select count(*) from members.account a where a.status = 'ACTIVE'
                and not exists (select 1 from agreements.service_agreement s where s.account_id = a.id and s.end_date is null)""")).isZero();
        assertThat(count("""
                select count(*) from (
                  select sp.premise_id from agreements.service_agreement s
                  join premises.service_point sp on sp.id = s.service_point_id
                  join members.account a on a.id = s.account_id
                  where s.end_date is null and a.status = 'ACTIVE' and sp.service_type = 'ELECTRIC'
                  group by sp.premise_id having count(distinct s.account_id) > 1) t""")).isZero();
        assertThat(count("""
                select count(*) from agreements.service_agreement s join members.account a on a.id = s.account_id
                where a.status in ('CLOSED', 'FINAL', 'WRITTEN_OFF') and (s.end_date is null or s.end_date <> a.closed_on)""")).isZero();
    }

    @Test
    @Order(1)
    void membersJoinedBeforeTheirFirstAccountOpened() {
        assertThat(count("""
                select count(*) from members.member m
                where m.membership_date > (select min(a.opened_on) from members.account a where a.member_id = m.id)""")).isZero();
    }

    @Test
    @Order(1)
    void everyMeteredPointHasOneCurrentMeterAndTransformersFeedAtMostFifteen() {
        assertThat(count("""
                select count(*) from premises.service_point sp where sp.service_type <> 'FIBER'
                and (select count(*) from metering.meter_installation mi
                     where mi.service_point_id = sp.id and mi.removed_on is null) <> 1""")).isZero();
        assertThat(count("""
                select count(*) from (select transformer_id from premises.premise group by transformer_id
                                      having count(*) > 15) t""")).isZero();
    }

    @Test
    @Order(1)
    void demoUsersTakeThePasswordFromTheEnvironment() {
        assertThat(staffUsers.find("admin")).isEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        access.ensure(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(staffUsers.find("csr")).isPresent();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("admin / supervisor / csr / billing / collections")
                .contains("SWITCHBOARD_DEMO_PASSWORD")
                .doesNotContain("correct-horse-battery");
    }

    @Test
    @Order(2)
    void refusesToLoadOverExistingMembers() {
        assertThatThrownBy(() -> demo.generate(10, 1, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not empty");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = command.run(List.of("--members", "10"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already has " + MEMBERS + " members").contains("--reset");
    }

    @Test
    @Order(3)
    void resetWipesTheDatabaseAndLoadsAFreshCooperative() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = command.run(List.of("--members", "300", "--seed", "7", "--reset"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(count("select count(*) from members.member")).isEqualTo(300);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern(
                "\\{\"command\":\"demo\",\"members\":300,\"accounts\":\\d+,\"premises\":\\d+,\"meters\":\\d+,\"seconds\":\\d+\\.\\d}");
        assertThat(staffUsers.find("admin")).isPresent();
    }
}

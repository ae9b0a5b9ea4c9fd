package coop.switchboard.it;

import coop.switchboard.SwitchboardApplication;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.members.NewMembership;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.datasource.url} set, Switchboard uses that server: it starts no embedded PostgreSQL, migrates the
 * external one, and writes to it. A separately started PostgreSQL stands in for the cooperative's own server (there is
 * no Docker here for Testcontainers).
 */
class ExternalDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void usesTheConfiguredServerAndStartsNoEmbeddedOne() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            DataSource externalDb = external.getPostgresDatabase();
            JdbcClient direct = JdbcClient.create(externalDb);

            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
                            "spring.datasource.username=postgres",
                            "switchboard.demo.enabled=false",
                            "switchboard.data-dir=" + dataDir,
                            "spring.main.banner-mode=off")
                    .run()) {

                assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).as("EmbeddedPostgres beans").isEmpty();
                assertThat(dataDir.resolve("pg")).as("no embedded cluster created in the data directory").doesNotExist();

                // The application's own pool talks to the external server.
                Integer appPort = JdbcClient.create(context.getBean(DataSource.class))
                        .sql("select inet_server_port()").query(Integer.class).single();
                assertThat(appPort).isEqualTo(external.getPort());

                // Flyway migrated the external server: every module's schema is there.
                List<String> schemas = direct.sql("select schema_name from information_schema.schemata").query(String.class).list();
                assertThat(schemas).contains("members", "premises", "metering", "agreements", "search", "platform");
                assertThat(direct.sql("select count(*) from pg_extension where extname = 'pg_trgm'").query(Long.class).single())
                        .isEqualTo(1L);

                AccountView account = context.getBean(MembershipEnrollment.class).enroll(new NewMembership(
                        MemberView.MemberType.PERSON, "Ottoline", null, "Featherstonehaugh", null, null,
                        LocalDate.of(1961, 3, 2), null, null, MemberView.Language.EN, "5094471122", "HOME",
                        "ottoline@example.org", "PO Box 77", null, "Ione", "WA", "99139",
                        AccountView.BillDelivery.MAIL, MemberView.MembershipFeeStatus.PAID));

                // Read back through the external server's own connection, not the application's.
                Map<String, Object> row = direct.sql("""
                                select a.account_number, a.status, m.display_name, p.digits
                                from members.account a
                                join members.member m on m.id = a.member_id
                                join members.phone p on p.member_id = m.id
                                where a.id = ?""")
                        .param(account.id()).query().singleRow();
                assertThat(row).containsEntry("account_number", account.accountNumber())
                        .containsEntry("status", "PENDING")
                        .containsEntry("display_name", "Ottoline Featherstonehaugh")
                        .containsEntry("digits", "5094471122");
                assertThat(direct.sql("select count(*) from search.account_entry where account_id = ?").param(account.id())
                        .query(Long.class).single()).as("search index refreshed in the external server").isEqualTo(1L);
                assertThat(direct.sql("select count(*) from platform.audit_event where entity_type = 'member' and action = 'ENROLL' and account_id = ?")
                        .param(account.id()).query(Long.class).single()).as("enrollment audited in the external server").isEqualTo(1L);
            }

            // The external server outlives the application, and its data stays.
            assertThat(direct.sql("select count(*) from members.member where display_name = 'Ottoline Featherstonehaugh'")
                    .query(Long.class).single()).isEqualTo(1L);
        }
        assertThat(Files.exists(dataDir.resolve("pg"))).isFalse();
    }
}

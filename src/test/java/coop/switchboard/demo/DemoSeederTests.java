package coop.switchboard.demo;

import coop.switchboard.platform.StaffUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting the server in demo mode on an empty database loads the demo and ends with how to sign in. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.embedded.ephemeral=true", "switchboard.demo.seed-on-start=true", "switchboard.demo.members=200"})
class DemoSeederTests {
    @Autowired JdbcClient jdbc;
    @Autowired StaffUsers staffUsers;
    @LocalServerPort int port;

    @Test
    void seedsAnEmptyDatabaseAndPrintsAGeneratedPasswordAndToken(CapturedOutput output) {
        assertThat(jdbc.sql("select count(*) from members.member").query(Long.class).single()).isEqualTo(200);
        assertThat(staffUsers.find("admin")).isPresent();
        assertThat(staffUsers.find("collections")).isPresent();
        assertThat(output.getOut())
                .contains("sign in at http://localhost:" + port + "/")
                .containsPattern("with password [a-z]+-[a-z]+-[a-z]+-[a-z]+-\\d{2}")
                .containsPattern("API token \\(role CSR\\): sb_\\S{20,}");
    }
}

package coop.switchboard.api;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.GreenButtonService;
import coop.switchboard.platform.ApiTokens;
import coop.switchboard.platform.Role;
import coop.switchboard.search.AccountSearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeteringApiTests {
    @LocalServerPort int port;
    @Autowired ApiTokens tokens;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    @Autowired GreenButtonService greenButton;
    final HttpClient http = HttpClient.newHttpClient();
    String token;
    String amiMeter;
    String manualMeter;
    // Meter numbers of this test class sort together: "Q<run>-..." pages through only them.
    final String prefix = "Q" + TestCustomers.uniqueDigits(6) + "-";

    @BeforeAll
    void setUp() throws Exception {
        token = tokens.issue("metering api test", Set.of(Role.CSR));
        amiMeter = prefix + "1";
        new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Leopold", "Quarrington", "208" + TestCustomers.uniqueDigits(7), null), "3 Cedar Crossing", amiMeter);
        manualMeter = prefix + "2";
        jdbc.sql("insert into metering.meter (meter_number, service_type, kind, multiplier, dials, ami, created_at) values (?, 'ELECTRIC', 'GE I-210', 1, 5, false, ?)")
                .params(manualMeter, Timestamp.from(Instant.now())).update();
        Path sample = Files.createTempFile("usage", ".xml");
        Files.writeString(sample, Files.readString(Path.of("src/test/resources/green-button/test_usage_data_01.xml")) + "<!-- " + amiMeter + " -->");
        greenButton.importFile(sample, amiMeter);
        Files.delete(sample);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsOnlyAmiMetersWhenAskedWithTheirMeterNumberAndWhereTheyStand() throws Exception {
        HttpResponse<String> ami = get("/api/v1/meters?ami=true&limit=1000&after=" + prefix);
        assertThat(ami.statusCode()).isEqualTo(200);
        assertThat(ami.body()).contains("\"meterNumber\":\"" + amiMeter + "\"", "\"ami\":true", "\"servicePointId\":")
                .doesNotContain("\"meterNumber\":\"" + manualMeter + "\"").doesNotContain("\"ami\":false");
        HttpResponse<String> all = get("/api/v1/meters?limit=1&after=" + prefix);
        assertThat(all.body()).contains("\"meterNumber\":\"" + amiMeter + "\"");
        assertThat(all.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link).contains("after=" + amiMeter, "rel=\"next\""));
        assertThat(get("/api/v1/meters?limit=1&after=" + amiMeter).body()).contains("\"meterNumber\":\"" + manualMeter + "\"");
        assertThat(get("/api/v1/meters?limit=1001").body()).contains("\"field\":\"limit\"");
    }

    @Test
    void showsAMeterWithItsInstallations() throws Exception {
        HttpResponse<String> meter = get("/api/v1/meters/" + amiMeter);
        assertThat(meter.statusCode()).isEqualTo(200);
        assertThat(meter.body()).contains("\"meterNumber\":\"" + amiMeter + "\"", "\"installedOn\":\"2020-01-01\"", "\"removedOn\":null");
        assertThat(get("/api/v1/meters/NO-SUCH-METER").statusCode()).isEqualTo(404);
    }

    @Test
    void recordsAReadAndListsIt() throws Exception {
        HttpResponse<String> created = post("/api/v1/meters/" + amiMeter + "/reads",
                "{\"register\":\"kWh\",\"readDate\":\"2025-01-15\",\"reading\":12345.5,\"type\":\"actual\",\"source\":\"ami\",\"reader\":\"head-end\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/api/v1/meters/" + amiMeter + "/reads/"));
        assertThat(created.body()).contains("\"reading\":12345.5000", "\"status\":\"VALID\"");
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(get(URI.create(location).getPath()).body()).contains("\"reader\":\"head-end\"");
        assertThat(get("/api/v1/meters/" + amiMeter + "/reads?limit=5").body()).contains("\"reading\":12345.5000");
    }

    @Test
    void refusesABadReadNamingEachFieldAndSavesNothing() throws Exception {
        HttpResponse<String> bad = post("/api/v1/meters/" + amiMeter + "/reads",
                "{\"register\":\"furlongs\",\"readDate\":\"2025-02-30\",\"reading\":\"-4\",\"source\":\"ami\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(bad.body()).contains("\"title\":\"Invalid input\"", "\"field\":\"register\"", "\"field\":\"readDate\"",
                "\"field\":\"reading\"", "\"field\":\"type\"").doesNotContain("\"field\":\"source\"");
        assertThat(post("/api/v1/meters/NO-SUCH-METER/reads", "{}").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/meters/" + amiMeter + "/reads").body()).doesNotContain("\"reading\":-4");
    }

    @Test
    void servesIntervalDaysInKwh() throws Exception {
        HttpResponse<String> days = get("/api/v1/meters/" + amiMeter + "/intervals?from=2012-02-29&to=2012-03-01");
        assertThat(days.statusCode()).isEqualTo(200);
        assertThat(days.body()).contains("\"totalKwh\":93.8460", "\"day\":\"2012-02-29\"", "\"day\":\"2012-03-01\"", "\"minutes\":15",
                "0.2820");
        assertThat(get("/api/v1/meters/" + amiMeter + "/intervals?from=2012-03-01&to=2012-02-01").body()).contains("\"field\":\"to\"");
    }

    @Test
    void downloadsGreenButtonAndRefusesABadRangeAsAProblem() throws Exception {
        HttpResponse<String> feed = get("/api/v1/meters/" + amiMeter + "/greenbutton?from=2012-02-29&to=2012-03-01");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/atom+xml"));
        assertThat(feed.body()).contains("3 Cedar Crossing", "<IntervalReading>").endsWith("</feed>");
        Path file = Files.createTempFile("download", ".xml");
        Files.writeString(file, feed.body(), StandardCharsets.UTF_8);
        assertThat(coop.switchboard.metering.integration.greenbutton.GreenButtonReader.read(file, r -> { }).readings()).isEqualTo(96);
        Files.delete(file);
        HttpResponse<String> backwards = get("/api/v1/meters/" + amiMeter + "/greenbutton?from=2012-03-01&to=2012-02-01",
                "Accept", "application/atom+xml");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"field\":\"to\"");
        assertThat(get("/api/v1/meters/" + amiMeter + "/greenbutton?from=2031-01-01&to=2031-01-02").headers()
                .firstValue("X-Green-Button-Readings")).hasValue("0");
    }

    @Test
    void givesMonthlyUsageAndDeterminantsFromRegisterReads() throws Exception {
        String meter = prefix + "3";
        TestCustomers.Served served = new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Winifred", "Strathearn", "208" + TestCustomers.uniqueDigits(7), null), "5 Cedar Crossing", meter);
        for (String[] r : new String[][]{{"2024-03-10", "10000"}, {"2024-04-10", "10600"}, {"2024-05-10", "11180"}}) {
            assertThat(post("/api/v1/meters/" + meter + "/reads", "{\"register\":\"kWh\",\"readDate\":\"" + r[0] + "\",\"reading\":\""
                    + r[1] + "\",\"type\":\"actual\",\"source\":\"handheld\"}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> usage = get("/api/v1/meters/" + meter + "/usage?from=2024-03&to=2024-05");
        assertThat(usage.statusCode()).isEqualTo(200);
        assertThat(usage.body()).contains("{\"month\":\"2024-03\",\"register\":\"KWH\",\"usage\":null",
                "{\"month\":\"2024-04\",\"register\":\"KWH\",\"usage\":600.0000,\"days\":31",
                "{\"month\":\"2024-05\",\"register\":\"KWH\",\"usage\":580.0000,\"days\":30");
        assertThat(get("/api/v1/meters/" + meter + "/usage?from=2024-05&to=2024-03").body()).contains("\"field\":\"to\"");

        long point = jdbc.sql("select id from premises.service_point where premise_id = ?").param(served.premiseId()).query(Long.class).single();
        HttpResponse<String> determinants = get("/api/v1/service-points/" + point + "/determinants?from=2024-03-10&to=2024-05-10");
        assertThat(determinants.statusCode()).isEqualTo(200);
        assertThat(determinants.body()).contains("\"totals\":{\"KWH\":1180.0000}", "\"billable\":true", "\"meterNumber\":\"" + meter + "\"");
        HttpResponse<String> missing = get("/api/v1/service-points/" + point + "/determinants?from=2024-05-10&to=2024-06-10");
        assertThat(missing.body()).contains("\"billable\":false", "\"problems\":[\"");
        assertThat(get("/api/v1/service-points/" + point + "/determinants?from=2024-05-10&to=2024-05-10").body()).contains("\"field\":\"to\"");
        assertThat(get("/api/v1/service-points/-5/determinants?from=2024-05-10&to=2024-06-10").statusCode()).isEqualTo(404);
    }

    @Test
    void documentsTheMeteringEndpoints() throws Exception {
        assertThat(get("/v3/api-docs").body()).contains("/api/v1/meters", "/api/v1/meters/{meterNumber}/reads",
                "/api/v1/meters/{meterNumber}/greenbutton", "application/atom+xml", "/api/v1/meters/{meterNumber}/usage",
                "/api/v1/service-points/{servicePointId}/determinants");
    }
}

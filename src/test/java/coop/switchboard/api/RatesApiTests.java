package coop.switchboard.api;

import coop.switchboard.demo.DemoUtility;
import coop.switchboard.platform.ApiTokens;
import coop.switchboard.platform.Role;
import coop.switchboard.rates.TariffService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatesApiTests {
    @LocalServerPort int port;
    @Autowired ApiTokens tokens;
    @Autowired TariffService tariffs;
    final HttpClient http = HttpClient.newHttpClient();
    String token;

    @BeforeAll
    void setUp() {
        token = tokens.issue("rates api test", Set.of(Role.CSR));
        tariffs.importFile(DemoUtility.demoTariffs(), null);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTariffsAndShowsEveryVersionWithItsComponents() throws Exception {
        HttpResponse<String> list = get("/api/v1/tariffs");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"code\":\"RS\"", "\"code\":\"LP\"", "\"code\":\"W\"");
        HttpResponse<String> rs = get("/api/v1/tariffs/RS");
        assertThat(rs.statusCode()).isEqualTo(200);
        assertThat(rs.body()).contains("\"effective\":\"2025-01-01\"", "\"effective\":\"2026-01-01\"", "\"code\":\"PCA\"", "\"upTo\":500");
        assertThat(get("/api/v1/tariffs/NOPE").statusCode()).isEqualTo(404);
    }

    @Test
    void quotesABillLineByLine() throws Exception {
        HttpResponse<String> quote = post("/api/v1/rates/quote", """
                {"schedule":"RS","from":"2026-07-01","to":"2026-08-01","kwh":1800}""");
        assertThat(quote.statusCode()).isEqualTo(200);
        assertThat(quote.body()).contains("\"total\":\"248.92\"", "\"description\":\"Energy (Summer), next 1,000 kWh\"",
                "\"amount\":\"105.00\"", "\"days\":31");
    }

    @Test
    void namesTheFieldsOfABadQuote() throws Exception {
        HttpResponse<String> bad = post("/api/v1/rates/quote", """
                {"schedule":"RS","from":"2026-07-01","to":"2026-06-01","kwh":-5}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"to\"", "\"kWh\"", "must not be negative");
        HttpResponse<String> noDemand = post("/api/v1/rates/quote", """
                {"schedule":"LP","from":"2026-07-01","to":"2026-08-01","kwh":50000}""");
        assertThat(noDemand.statusCode()).isEqualTo(400);
        assertThat(noDemand.body()).contains("\"kW\"", "needs a kW demand reading");
        HttpResponse<String> noSize = post("/api/v1/rates/quote", """
                {"schedule":"W","from":"2026-07-01","to":"2026-08-01","gallons":4000}""");
        assertThat(noSize.body()).contains("\"meterSize\"");
    }
}

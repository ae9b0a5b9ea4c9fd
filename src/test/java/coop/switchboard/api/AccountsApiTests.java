package coop.switchboard.api;

import coop.switchboard.TestCustomers;
import coop.switchboard.TestCustomers.Served;
import coop.switchboard.members.MembershipEnrollment;
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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsApiTests {
    @LocalServerPort int port;
    @Autowired ApiTokens tokens;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    final HttpClient http = HttpClient.newHttpClient();
    String token;
    Served served;

    @BeforeAll
    void setUp() {
        token = tokens.issue("api test", Set.of(Role.CSR));
        served = new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Philippa", "Throckmorton", "509" + TestCustomers.uniqueDigits(7), "pippa@example.net"),
                "88 Larch Loop", "8" + TestCustomers.uniqueDigits(8));
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesCallsWithoutAValidTokenAsAProblem() throws Exception {
        HttpResponse<String> none = get("/api/v1/accounts?q=throckmorton", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(get("/api/v1/accounts?q=throckmorton", "sb_not-a-real-token-at-all").statusCode()).isEqualTo(401);
    }

    @Test
    void searchesAccountsWithTypos() throws Exception {
        HttpResponse<String> r = get("/api/v1/accounts?q=" + URLEncoder.encode("philipa throckmortn", StandardCharsets.UTF_8), token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"accountId\":" + served.accountId() + ",", "\"accountNumber\":\"" + served.accountNumber() + "\"");
    }

    @Test
    void servesAccountMemberAndPremiseWithSensitiveFieldsMasked() throws Exception {
        HttpResponse<String> account = get("/api/v1/accounts/" + served.accountId(), token);
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("\"rateScheduleCode\":\"RS\"", "Philippa Throckmorton");
        HttpResponse<String> member = get("/api/v1/members/" + served.memberId(), token);
        assertThat(member.body()).contains("pippa@example.net").doesNotContain("taxIdSealed").doesNotContain("1970-05-17");
        HttpResponse<String> premise = get("/api/v1/premises/" + served.premiseId(), token);
        assertThat(premise.body()).contains("88 Larch Loop", served.meterNumber());
        assertThat(get("/api/v1/accounts/999999999", token).statusCode()).isEqualTo(404);
    }

    @Test
    void logsAndListsInteractions() throws Exception {
        HttpResponse<String> created = post("/api/v1/accounts/" + served.accountId() + "/interactions",
                "{\"kind\":\"CALL\",\"category\":\"High bill\",\"body\":\"IVR call: member asked about January bill\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).isPresent();
        assertThat(created.body()).contains("\"createdBy\":\"token:api test\"");
        assertThat(get("/api/v1/accounts/" + served.accountId() + "/interactions", token).body()).contains("IVR call: member asked");
    }

    @Test
    void rejectsBadInteractionsNamingTheFieldAndSavesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from members.interaction where account_id = ?").param(served.accountId()).query(Long.class).single();
        HttpResponse<String> blank = post("/api/v1/accounts/" + served.accountId() + "/interactions",
                "{\"kind\":\"CALL\",\"category\":\"General\",\"body\":\"  \"}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("\"field\":\"body\"", "\"title\":\"Invalid input\"");
        HttpResponse<String> badKind = post("/api/v1/accounts/" + served.accountId() + "/interactions",
                "{\"kind\":\"CARRIER_PIGEON\",\"category\":\"General\",\"body\":\"hi\"}");
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(badKind.body()).contains("\"field\":\"kind\"");
        HttpResponse<String> badJson = post("/api/v1/accounts/" + served.accountId() + "/interactions", "{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/accounts?q=ab&limit=0", token).body()).contains("\"field\":\"limit\"");
        long after = jdbc.sql("select count(*) from members.interaction where account_id = ?").param(served.accountId()).query(Long.class).single();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void publishesOpenApi() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/accounts", "/api/v1/accounts/{id}/interactions", "bearer");
    }
}

package coop.switchboard.api;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.platform.ApiTokens;
import coop.switchboard.platform.Role;
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

/** Posting, replaying, listing and reversing payments over the REST API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsApiTests {
    @LocalServerPort int port;
    @Autowired ApiTokens tokens;
    @Autowired MembershipEnrollment enrollment;
    final HttpClient http = HttpClient.newHttpClient();
    String ivr;
    String billing;
    AccountView account;

    @BeforeAll
    void setUp() {
        ivr = tokens.issue("ivr " + TestCustomers.uniqueDigits(5), Set.of(Role.CSR));
        billing = tokens.issue("billing " + TestCustomers.uniqueDigits(5), Set.of(Role.BILLING));
        account = enrollment.enroll(TestCustomers.person("Ivy", "Arrow" + TestCustomers.uniqueDigits(4), "5095550199", null));
    }

    HttpResponse<String> send(String method, String path, String token, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token);
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        if (json == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPaymentPostedTwiceWithOneKeyIsCreatedOnceAndReplayedThen() throws Exception {
        AccountView account = enrollment.enroll(TestCustomers.person("Rey", "Play" + TestCustomers.uniqueDigits(4), "5095550198", null));
        String key = "ivr-" + TestCustomers.uniqueDigits(8);
        String body = """
                {"tender":"IVR","accountNumber":"%s","amount":61.17,"reference":"conf 88123"}""".formatted(account.accountNumber());
        HttpResponse<String> first = send("POST", "/api/v1/payments", ivr, key, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).contains("\"total\":61.17").contains("\"status\":\"POSTED\"").contains("\"allocation\":[{\"entryId\":");
        HttpResponse<String> again = send("POST", "/api/v1/payments", ivr, key, body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        HttpResponse<String> list = send("GET", "/api/v1/payments?accountNumber=" + account.accountNumber(), ivr, null, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body().split("\"receiptId\"")).hasSize(2);
    }

    @Test
    void badPaymentsAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/payments", ivr, "bad-" + TestCustomers.uniqueDigits(6), """
                {"tender":"WEB","accountNumber":"0000000000","amount":1.234}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"accountNumber\"").contains("\"field\":\"amount\"");
        HttpResponse<String> noKey = send("POST", "/api/v1/payments", ivr, null, """
                {"tender":"WEB","accountId":%d,"amount":5}""".formatted(account.id()));
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("\"field\":\"idempotencyKey\"");
        HttpResponse<String> tender = send("POST", "/api/v1/payments", ivr, "t-" + TestCustomers.uniqueDigits(6), """
                {"tender":"BITCOIN","accountId":%d,"amount":5}""".formatted(account.id()));
        assertThat(tender.statusCode()).isEqualTo(400);
        assertThat(tender.body()).contains("\"field\":\"tender\"");
    }

    @Test
    void aCsrTokenMayNotReverseButBillingMay() throws Exception {
        HttpResponse<String> posted = send("POST", "/api/v1/payments", ivr, "rev-" + TestCustomers.uniqueDigits(8), """
                {"tender":"WEB","accountId":%d,"amount":12.00}""".formatted(account.id()));
        assertThat(posted.statusCode()).isEqualTo(201);
        String id = posted.body().replaceAll(".*\"payments\":\\[\\{\"id\":(\\d+).*", "$1");
        HttpResponse<String> refused = send("POST", "/api/v1/payments/" + id + "/reversal", ivr, null, "{\"reason\":\"duplicate\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> noReason = send("POST", "/api/v1/payments/" + id + "/reversal", billing, null, "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        HttpResponse<String> reversed = send("POST", "/api/v1/payments/" + id + "/reversal", billing, null, "{\"reason\":\"duplicate\"}");
        assertThat(reversed.statusCode()).as(reversed.body()).isEqualTo(200);
        assertThat(reversed.body()).contains("\"status\":\"REVERSED\"").contains("\"reversalReason\":\"duplicate\"");
    }

    @Test
    void aReturnedCheckIsRecordedByBillingWithTheFee() throws Exception {
        HttpResponse<String> posted = send("POST", "/api/v1/payments", ivr, "nsf-" + TestCustomers.uniqueDigits(8), """
                {"tender":"AGENCY","accountId":%d,"amount":30.00,"reference":"LIHEAP pledge 77"}""".formatted(account.id()));
        assertThat(posted.statusCode()).isEqualTo(201);
        String id = posted.body().replaceAll(".*\"payments\":\\[\\{\"id\":(\\d+).*", "$1");
        assertThat(send("POST", "/api/v1/payments/" + id + "/return", ivr, null, "{\"returnCode\":\"NSF\"}").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/payments/" + id + "/return", billing, null, "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> returned = send("POST", "/api/v1/payments/" + id + "/return", billing, null,
                "{\"returnCode\":\"nsf\",\"reason\":\"Insufficient funds\"}");
        assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
        assertThat(returned.body()).contains("\"status\":\"RETURNED\"").contains("\"returnCode\":\"NSF\"");
    }
}

package coop.switchboard.console;

import coop.switchboard.TestCustomers;
import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillService;
import coop.switchboard.billing.BillView;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.Register;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The billing console: starting a run and watching it, the held queue, a bill and its explanation, the account's money, adjustments. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class BillingConsoleTest {
    @Autowired WebApplicationContext context;
    @Autowired BillRunService runs;
    @Autowired BillService bills;
    @Autowired LedgerService ledger;
    @Autowired ReadService reads;
    @Autowired TariffService tariffs;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    MockMvc mvc;
    static final int CYCLE = 57;

    @BeforeEach
    void setUp() throws Exception {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        if (!tariffs.exists("RS")) {
            tariffs.importFile(new ClassPathResource("tariffs/demo-tariffs.yaml").getContentAsString(StandardCharsets.UTF_8), null);
        }
        jdbc.sql("insert into metering.billing_cycle (number, name, created_at) values (?, 'Console billing', ?) on conflict do nothing")
                .params(CYCLE, Timestamp.from(Instant.now())).update();
        for (int m = 1; m <= 4; m++) {
            LocalDate read = LocalDate.of(2025, m, 10);
            jdbc.sql("insert into metering.cycle_schedule (cycle_number, period, read_date, window_from, window_to, bill_date) values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                    .params(CYCLE, YearMonth.of(2025, m).toString(), read, read.minusDays(2), read.plusDays(2), read.plusDays(2)).update();
        }
    }

    private TestCustomers.Served member(String street, long... readings) {
        String meter = "C" + TestCustomers.uniqueDigits(8);
        TestCustomers.Served s = new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Evangeline", "Marchbanks", "971" + TestCustomers.uniqueDigits(7), null), street, meter);
        jdbc.sql("update metering.meter set cycle_number = ? where meter_number = ?").params(CYCLE, meter).update();
        for (int m = 0; m < readings.length; m++) {
            if (readings[m] >= 0) {
                reads.record(new NewRead(meter, Register.KWH, LocalDate.of(2025, m + 1, 10), null, BigDecimal.valueOf(readings[m]),
                        ReadType.ACTUAL, ReadSource.AMR, null, null));
            }
        }
        return s;
    }

    private String html(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void billingStartsARunWatchesItAndWorksTheHeldBills() throws Exception {
        TestCustomers.Served ok = member("10 Larkspur Path", 10_000, 10_650, 11_300);
        TestCustomers.Served missing = member("11 Larkspur Path", 20_000, -1, 20_900);
        assertThat(html(get("/billing").with(user("csr").roles("CSR")))).contains("Recent runs").doesNotContain("Start the run");
        mvc.perform(post("/billing/runs").param("cycle", String.valueOf(CYCLE)).param("period", "2025-02")
                .with(user("csr").roles("CSR")).with(csrf())).andExpect(status().isForbidden());
        String refused = html(post("/billing/runs").param("cycle", String.valueOf(CYCLE)).param("period", "Feb")
                .with(user("billing").roles("BILLING")).with(csrf()));
        assertThat(refused).contains("The run was not started.", "Month: &#39;Feb&#39; is not a month (YYYY-MM)");

        String location = mvc.perform(post("/billing/runs").param("cycle", String.valueOf(CYCLE)).param("period", "2025-02")
                        .with(user("billing").roles("BILLING")).with(csrf()))
                .andExpect(redirectedUrlPattern("/billing/runs/*")).andReturn().getResponse().getRedirectedUrl();
        long runId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        for (int i = 0; i < 100 && !runs.view(runId).complete(); i++) {
            Thread.sleep(100);
        }
        assertThat(runs.view(runId).complete()).isTrue();
        String progress = html(get("/billing/runs/" + runId + "/progress").with(user("billing").roles("BILLING")));
        assertThat(progress).contains("100%", "1 issued", "1 held", "complete").doesNotContain("hx-trigger");
        String run = html(get("/billing/runs/" + runId).with(user("billing").roles("BILLING")));
        assertThat(run).contains("has no read in the read window", "Release", "Bill again", missing.accountNumber());

        // The read arrives late; billing again issues the bill.
        reads.record(new NewRead(missing.meterNumber(), Register.KWH, LocalDate.of(2025, 2, 11), null, BigDecimal.valueOf(20_420),
                ReadType.ACTUAL, ReadSource.HANDHELD, "late", null));
        long heldId = bills.held(runId, 0, 10).getFirst().id();
        mvc.perform(post("/bills/" + heldId + "/bill-again").param("back", "/billing/held").with(user("billing").roles("BILLING")).with(csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/billing/held"));
        assertThat(bills.lastIssued(missing.accountId())).isPresent();
        assertThat(bills.bill(heldId).status()).isEqualTo("CANCELLED");

        BillView bill = bills.lastIssued(ok.accountId()).orElseThrow();
        String page = html(get("/bills/" + bill.id()).with(user("csr").roles("CSR")));
        assertThat(page).contains("Customer charge", "CUSTOMER", "650 kWh", "Explain this bill", "Total due")
                .doesNotContain("Cancel and rebill");
        assertThat(html(get("/bills/" + bill.id() + "/explain").with(user("csr").roles("CSR")))).contains("no earlier bill");
        assertThat(html(get("/bills/" + bill.id()).with(user("billing").roles("BILLING")))).contains("Cancel and rebill");

        String account = html(get("/accounts/" + ok.accountId()).with(user("csr").roles("CSR")));
        assertThat(account).contains("Balance", new ConsoleFormat(java.time.Clock.systemUTC()).money(ledger.balance(ok.accountId())), "Last bill");
        assertThat(html(get("/accounts/" + ok.accountId() + "/bills").with(user("csr").roles("CSR")))).contains("#" + bill.id(), "issued");
        assertThat(html(get("/accounts/" + ok.accountId() + "/ledger").with(user("csr").roles("CSR")))).contains("Electric RS", "Aging");
        assertThat(html(get("/billing/journal").param("from", "2025-02-12").param("to", "2025-02-12").with(user("csr").roles("CSR"))))
                .contains("142", "Download CSV").doesNotContain("Out of balance");
        assertThat(mvc.perform(get("/billing/journal.csv").param("from", "2025-02-12").param("to", "2025-02-12").with(user("csr").roles("CSR")))
                .andReturn().getResponse().getContentAsString()).startsWith("date,gl_account,debit,credit,entries");
    }

    @Test
    void aCsrAdjustsWithinTheLimitAndABadAmountIsRefusedByField() throws Exception {
        TestCustomers.Served s = member("12 Larkspur Path");
        String refused = html(post("/accounts/" + s.accountId() + "/adjustments").param("reason", "COURTESY").param("amount", "ten")
                .param("note", "").with(user("csr").roles("CSR")).with(csrf()));
        assertThat(refused).contains("Nothing was adjusted.", "Amount &#39;ten&#39; is not an amount of dollars", "Note is required");
        assertThat(ledger.balance(s.accountId())).isEqualTo(Money.ZERO);
        mvc.perform(post("/accounts/" + s.accountId() + "/adjustments").param("reason", "COURTESY").param("amount", "-12.50")
                .param("note", "missed appointment").with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(redirectedUrlPattern("/accounts/*/adjust"));
        mvc.perform(post("/accounts/" + s.accountId() + "/charges").param("code", "METER_TEST").with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(redirectedUrlPattern("/accounts/*/adjust"));
        assertThat(ledger.balance(s.accountId())).isEqualTo(Money.of("27.50"));
        String page = html(get("/accounts/" + s.accountId() + "/adjust").with(user("csr").roles("CSR")));
        assertThat(page).contains("missed appointment", "Meter test fee", "your approval limit", "Start budget billing");
        mvc.perform(post("/accounts/" + s.accountId() + "/adjustments").param("reason", "BILLING_ERROR").param("amount", "-75")
                .param("note", "double billed").with(user("csr").roles("CSR")).with(csrf()));
        assertThat(html(get("/billing/approvals").with(user("sup").roles("SUPERVISOR")))).contains("double billed", "Approve");
    }
}

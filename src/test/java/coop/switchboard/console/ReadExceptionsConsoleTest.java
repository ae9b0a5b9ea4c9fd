package coop.switchboard.console;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadExceptionService;
import coop.switchboard.metering.ReadExceptionView;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.ReadView;
import coop.switchboard.metering.Register;
import coop.switchboard.search.AccountSearch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The read exceptions queue: who may act on it, and a billing clerk accepting a read from it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class ReadExceptionsConsoleTest {
    @Autowired WebApplicationContext context;
    @Autowired ReadService reads;
    @Autowired ReadExceptionService exceptions;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** A served meter with a year of 700 kWh months and then a month three times as high: an open exception. */
    private TestCustomers.Served highReadMeter() {
        String meter = "6" + TestCustomers.uniqueDigits(8);
        TestCustomers.Served served = new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Augustin", "Fairweather", "208" + TestCustomers.uniqueDigits(7), null), "9 Tamarack Way", meter);
        long reading = 30000;
        LocalDate day = LocalDate.of(2024, 2, 3);
        for (int m = 0; m <= 13; m++) {
            reads.record(new NewRead(meter, Register.KWH, day.plusMonths(m), null, BigDecimal.valueOf(reading + 700L * m),
                    ReadType.ACTUAL, ReadSource.AMR, null, null));
        }
        ReadView high = reads.record(new NewRead(meter, Register.KWH, day.plusMonths(14), null, BigDecimal.valueOf(reading + 700L * 13 + 2100),
                ReadType.ACTUAL, ReadSource.AMR, null, null));
        assertThat(high.status()).isEqualTo("EXCEPTION");
        return served;
    }

    private List<ReadExceptionView> open(String meter) {
        return exceptions.queue(new ReadExceptionService.Filter(null, null, null, meter, false), 0, 50).items();
    }

    @Test
    void aCsrMayLookButNotAct() throws Exception {
        TestCustomers.Served served = highReadMeter();
        ReadExceptionView e = open(served.meterNumber()).getFirst();
        String html = mvc.perform(get("/meters/exceptions").param("meter", served.meterNumber()).with(user("csr").roles("CSR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains(served.meterNumber()).doesNotContain("id=\"nav-exceptions\"", "Find missing reads");
        for (String action : List.of("accept", "reread", "estimate", "edit")) {
            mvc.perform(post("/meters/exceptions/" + e.id() + "/" + action).param("correctedReading", "1").param("reason", "x")
                    .with(user("csr").roles("CSR")).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(post("/meters/exceptions/missing").with(user("csr").roles("CSR")).with(csrf())).andExpect(status().isForbidden());
        assertThat(exceptions.exception(e.id()).status()).isEqualTo("OPEN");
    }

    @Test
    void billingSeesTheQueueWithItsHistoryAndAcceptsTheRead() throws Exception {
        TestCustomers.Served served = highReadMeter();
        ReadExceptionView e = open(served.meterNumber()).getFirst();
        String queue = mvc.perform(get("/meters/exceptions").param("meter", served.meterNumber()).with(user("billing").roles("BILLING")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(queue).contains("id=\"nav-exceptions\"", "Exceptions (", "High vs. last year", served.accountNumber(),
                "9 Tamarack Way", "2,100 kWh", "Find missing reads", "id=\"exc-row-" + e.id() + "\"");

        String panel = mvc.perform(get("/meters/exceptions/" + e.id()).header("HX-Request", "true").with(user("billing").roles("BILLING")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(panel).contains("Last 13 periods", "Estimate 725 kWh", "From the same period last year", "Accept the read",
                "Request a re-read", "correctedReading").doesNotContain("<html");

        String noReason = mvc.perform(post("/meters/exceptions/" + e.id() + "/edit").param("correctedReading", "39200").param("reason", "")
                        .header("HX-Request", "true").with(user("billing").roles("BILLING")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(noReason).contains("id=\"reason-error\"", "Reason is required", "value=\"39200\"");
        assertThat(exceptions.exception(e.id()).status()).isEqualTo("OPEN");

        String done = mvc.perform(post("/meters/exceptions/" + e.id() + "/accept").param("note", "irrigation pump added")
                        .param("meter", served.meterNumber()).header("HX-Request", "true").with(user("billing").roles("BILLING")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(done).contains("Accepted the read.", "hx-swap-oob", "Nothing else is waiting here.")
                .doesNotContain("id=\"exc-row-" + e.id() + "\"");
        assertThat(exceptions.exception(e.id()).status()).isEqualTo("ACCEPTED");
        assertThat(exceptions.exception(e.id()).resolvedBy()).isEqualTo("billing");
        assertThat(reads.view(e.readId()).status()).isEqualTo("VALID");
        assertThat(open(served.meterNumber())).isEmpty();
    }

    @Test
    void withoutScriptsAnActionRedirectsBackToTheException() throws Exception {
        TestCustomers.Served served = highReadMeter();
        ReadExceptionView e = open(served.meterNumber()).getFirst();
        mvc.perform(post("/meters/exceptions/" + e.id() + "/reread").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(exceptions.exception(e.id()).status()).isEqualTo("REREAD_REQUESTED");
        String page = mvc.perform(get("/meters/exceptions/" + e.id()).with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<html", "Waiting for a re-read", "A re-read was requested by admin");
    }
}

package coop.switchboard.console;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The meter page, read entry and meter exchange from the console, and usage on the account overview. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class MeterConsoleTest {
    @Autowired WebApplicationContext context;
    @Autowired ReadService reads;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    @Autowired java.time.Clock clock;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** A served meter with monthly reads of 600 kWh over the last 14 months. */
    private TestCustomers.Served withHistory(String street) {
        String meter = "7" + TestCustomers.uniqueDigits(8);
        TestCustomers.Served served = new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Cordelia", "Ashgrove", "509" + TestCustomers.uniqueDigits(7), null), street, meter);
        LocalDate first = LocalDate.now(clock).withDayOfMonth(5).minusMonths(14);
        for (int m = 0; m <= 14; m++) {
            if (!first.plusMonths(m).isAfter(LocalDate.now(clock))) {
                reads.record(new NewRead(meter, Register.KWH, first.plusMonths(m), null, BigDecimal.valueOf(10_000 + 600L * m),
                        ReadType.ACTUAL, ReadSource.HANDHELD, "route 4", null));
            }
        }
        return served;
    }

    private long readCount(String meter) {
        return jdbc.sql("select count(*) from metering.register_read r join metering.meter m on m.id = r.meter_id where m.meter_number = ?")
                .param(meter).query(Long.class).single();
    }

    @Test
    void theMeterPageShowsUsageReadsAndWhereItStands() throws Exception {
        TestCustomers.Served s = withHistory("17 Quaking Aspen Ct");
        String html = mvc.perform(get("/meters/" + s.meterNumber()).with(user("csr").roles("CSR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Meter <span class=\"mono\">" + s.meterNumber(), "17 Quaking Aspen Ct", s.accountNumber(),
                "Monthly kWh, each month beside the same month a year before", "<svg", "600 kWh</title>", "route 4",
                "Where this meter has been installed", "Enter a read", "No interval data has arrived for this AMI meter yet")
                .doesNotContain("Exchange this meter", "Daily kWh in");
        mvc.perform(get("/meters").param("number", " " + s.meterNumber() + " ").with(user("csr").roles("CSR")))
                .andExpect(redirectedUrl("/meters/" + s.meterNumber()));
        assertThat(mvc.perform(get("/meters").param("number", "NO-SUCH-1").with(user("csr").roles("CSR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("There is no meter NO-SUCH-1.");
        mvc.perform(get("/meters/NO-SUCH-1").with(user("csr").roles("CSR"))).andExpect(status().isNotFound());
        assertThat(mvc.perform(get("/meters/" + s.meterNumber()).param("month", "2026-13").with(user("csr").roles("CSR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("month: &#39;2026-13&#39; is not a month (YYYY-MM); showing the latest usage instead.");
    }

    @Test
    void aCsrEntersAMembersReadAndABadOneIsRefusedFieldByField() throws Exception {
        TestCustomers.Served s = withHistory("18 Quaking Aspen Ct");
        long before = readCount(s.meterNumber());
        String refused = mvc.perform(post("/meters/" + s.meterNumber() + "/reads").param("register", "KWH").param("readDate", "")
                        .param("reading", "12x").param("type", "CUSTOMER").param("source", "MANUAL")
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("The read was not saved.", "Read date is required", "Reading &#39;12x&#39; is not a number",
                "value=\"12x\"");
        assertThat(readCount(s.meterNumber())).isEqualTo(before);

        String today = LocalDate.now(clock).toString();
        mvc.perform(post("/meters/" + s.meterNumber() + "/reads").param("register", "KWH").param("readDate", today)
                        .param("reading", "18,700").param("type", "CUSTOMER").param("source", "MANUAL").param("note", "read over the phone")
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(redirectedUrl("/meters/" + s.meterNumber()))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.startsWith("Recorded the kWh read of 18,700 on " + today)));
        assertThat(readCount(s.meterNumber())).isEqualTo(before + 1);
        var latest = reads.reads(reads.meter(s.meterNumber()).orElseThrow().id(), 1).getFirst();
        assertThat(latest.reader()).isEqualTo("csr");
        assertThat(latest.type()).isEqualTo(ReadType.CUSTOMER);
        assertThat(latest.reason()).isEqualTo("read over the phone");
    }

    @Test
    void billingExchangesTheMeterInOneActionAndACsrMayNot() throws Exception {
        TestCustomers.Served s = withHistory("19 Quaking Aspen Ct");
        String replacement = "8" + TestCustomers.uniqueDigits(8);
        String today = LocalDate.now(clock).toString();
        mvc.perform(post("/meters/" + s.meterNumber() + "/exchange").param("date", today).param("removalReading", "18500")
                        .param("newMeterNumber", replacement).param("installReading", "0").param("newKind", "Itron Centron").param("newDials", "5")
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(status().isForbidden());

        String refused = mvc.perform(post("/meters/" + s.meterNumber() + "/exchange").param("date", today).param("removalReading", "18500")
                        .param("newMeterNumber", replacement).param("installReading", "0").param("newDials", "five")
                        .with(user("billing").roles("BILLING")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Nothing was changed.", "Dials &#39;five&#39; is not a whole number");
        refused = mvc.perform(post("/meters/" + s.meterNumber() + "/exchange").param("date", today).param("removalReading", "18500")
                        .param("newMeterNumber", replacement).param("installReading", "0")
                        .with(user("billing").roles("BILLING")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Kind: meter " + replacement + " is not in stock", "Dials must be from 1 to 12");
        assertThat(reads.meter(replacement)).isEmpty();

        mvc.perform(post("/meters/" + s.meterNumber() + "/exchange").param("date", today).param("removalReading", "18500")
                        .param("newMeterNumber", replacement).param("installReading", "0").param("newKind", "Itron Centron")
                        .param("newDials", "5").param("newAmi", "true").param("reason", "failed meter test")
                        .with(user("billing").roles("BILLING")).with(csrf()))
                .andExpect(redirectedUrl("/meters/" + replacement));
        String page = mvc.perform(get("/meters/" + replacement).with(user("billing").roles("BILLING")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("19 Quaking Aspen Ct", "initial", "meter exchange: failed meter test", "Exchange this meter");
        String old = mvc.perform(get("/meters/" + s.meterNumber()).with(user("billing").roles("BILLING")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(old).contains("In stock: not installed anywhere.", "removal").doesNotContain("Exchange this meter");
    }

    @Test
    void theAccountOverviewShowsThirteenMonthsAtAGlanceAndLinksTheMeter() throws Exception {
        TestCustomers.Served s = withHistory("20 Quaking Aspen Ct");
        String html = mvc.perform(get("/accounts/" + s.accountId()).with(user("csr").roles("CSR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Electric, last 13 months", "Last 12 months: ", "href=\"/meters/" + s.meterNumber() + "\"",
                "class=\"spark-svg\"", "600 kWh</title>");
    }
}

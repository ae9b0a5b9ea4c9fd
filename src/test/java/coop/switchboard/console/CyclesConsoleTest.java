package coop.switchboard.console;

import coop.switchboard.TestCustomers;
import coop.switchboard.metering.CycleScheduleView;
import coop.switchboard.metering.CycleService;
import coop.switchboard.metering.ScheduleRules;
import coop.switchboard.shared.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The billing cycle pages: the list, a cycle's schedule (generated, previewed, edited in place), routes and meters, and who may change them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class CyclesConsoleTest {
    @Autowired WebApplicationContext context;
    @Autowired CycleService cycles;
    @Autowired JdbcClient jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** The lowest free cycle number, made into a cycle (the database is shared by every test in the JVM). */
    private int newCycle(String name) {
        for (int attempt = 0; ; attempt++) {
            int n = jdbc.sql("select min(g) from generate_series(1, 99) g where not exists (select 1 from metering.billing_cycle c where c.number = g)")
                    .query(Integer.class).single();
            try {
                return cycles.create(n, name, "").number();
            } catch (InvalidInputException e) {
                if (attempt > 5) {
                    throw e;
                }
            }
        }
    }

    private int freeNumber() {
        return jdbc.sql("select min(g) from generate_series(1, 99) g where not exists (select 1 from metering.billing_cycle c where c.number = g)")
                .query(Integer.class).single();
    }

    private String page(String url, String role) throws Exception {
        return mvc.perform(get(url).with(user(role.toLowerCase()).roles(role))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static ScheduleRules day25(int year) {
        return new ScheduleRules(year, ScheduleRules.ReadOn.DAY_OF_MONTH, 25, 2, 1, List.of());
    }

    @Test
    void theListShowsEachCycleWithItsMetersAndNextReadDate() throws Exception {
        int n = newCycle("Lakeside listed");
        cycles.generateSchedule(n, day25(2099));
        String meter = "L" + TestCustomers.uniqueDigits(8);
        jdbc.sql("insert into metering.meter (meter_number, service_type, kind, multiplier, dials, created_at) values (?, 'ELECTRIC', 'Itron', 1, 5, ?)")
                .params(meter, Timestamp.from(Instant.now())).update();
        cycles.assignMeters(new coop.switchboard.metering.MeterAssignment(n, null, List.of(meter), null, null, null));
        String html = page("/cycles", "CSR");
        String row = html.substring(html.indexOf("href=\"/cycles/" + n + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("Lakeside listed", "<td class=\"num\">1</td>", "December 2099");
        assertThat(html).contains("href=\"/cycles\"").doesNotContain("New cycle");
        assertThat(page("/cycles", "BILLING")).contains("href=\"/cycles/new\"");
        assertThat(page("/cycles/" + n, "CSR")).contains("Lakeside listed", "Office closed in", "Thanksgiving Day")
                .doesNotContain("Generate schedule for", "/schedule/2026-11/edit");
    }

    @Test
    void onlyBillingAndAdminMayChangeCycles() throws Exception {
        int n = newCycle("Read only");
        cycles.generateSchedule(n, day25(2099));
        int free = freeNumber();
        String forbidden = mvc.perform(post("/cycles").with(user("csr").roles("CSR")).with(csrf()).param("number", Integer.toString(free))
                .param("name", "Sneaky")).andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(forbidden).contains("Only Billing and Administrators may change billing cycles");
        mvc.perform(get("/cycles/new").with(user("csr").roles("CSR"))).andExpect(status().isForbidden());
        mvc.perform(post("/cycles/" + n + "/schedule").with(user("csr").roles("CSR")).with(csrf()).param("year", "2098")
                .param("readOn", "DAY_OF_MONTH").param("readDay", "5").param("windowDays", "1").param("billLagDays", "1"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/cycles/" + n + "/schedule/2099-03").with(user("csr").roles("CSR")).with(csrf()).param("readDate", "2099-03-24")
                .param("windowFrom", "2099-03-23").param("windowTo", "2099-03-26").param("billDate", "2099-03-26"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/cycles/" + n + "/routes").with(user("csr").roles("CSR")).with(csrf()).param("code", "X1").param("name", "x"))
                .andExpect(status().isForbidden());
        assertThat(cycles.cycles()).noneMatch(c -> c.number() == free && c.name().equals("Sneaky"));
        assertThat(cycles.schedule(n, 2098)).isEmpty();
        assertThat(cycles.scheduleFor(n, YearMonth.of(2099, 3)).orElseThrow().readDate()).isEqualTo("2099-03-25");
        mvc.perform(get("/cycles/" + n + "/schedule/2099-03/edit").with(user("admin").roles("ADMIN")).header("HX-Request", "true"))
                .andExpect(status().isOk());
    }

    @Test
    void billingAddsACycleAndGeneratesAYearWithTheHolidaysMoved() throws Exception {
        int n = freeNumber();
        mvc.perform(post("/cycles").with(user("billing").roles("BILLING")).with(csrf()).param("number", Integer.toString(n))
                        .param("name", "Pend Oreille").param("description", "North of the river"))
                .andExpect(status().is3xxRedirection()).andExpect(header().string("Location", "/cycles/" + n));
        mvc.perform(post("/cycles/" + n + "/schedule").with(user("billing").roles("BILLING")).with(csrf()).param("year", "2026")
                        .param("readOn", "DAY_OF_MONTH").param("readDay", "25").param("windowDays", "2").param("billLagDays", "1")
                        .param("closures", "2026-11-27"))
                .andExpect(status().is3xxRedirection()).andExpect(header().string("Location", "/cycles/" + n + "?year=2026"));
        String html = page("/cycles/" + n + "?year=2026", "BILLING");
        assertThat(html).contains("Pend Oreille", "North of the river", "2026</span> schedule", "Generate schedule for",
                "Mon Dec 28", "Read moved from Fri Dec 25 (Christmas Day) to Mon Dec 28",
                "Bill date skips Thanksgiving Day (Thu Nov 26), office closed (Fri Nov 27)", "Mon Nov 30",
                "Independence Day (observed)", "value=\"2026-11-27\"", "/cycles/" + n + "/schedule/2026-12/edit");
        assertThat(cycles.schedule(n, 2026)).hasSize(12);
    }

    @Test
    void aPreviewShowsTheYearAndSavesNothingAndBadRulesAreNamed() throws Exception {
        int n = newCycle("Previewed");
        String html = mvc.perform(post("/cycles/" + n + "/schedule").with(user("billing").roles("BILLING")).with(csrf()).param("year", "2026")
                        .param("readOn", "BUSINESS_DAY").param("readDay", "3").param("windowDays", "2").param("billLagDays", "2")
                        .param("preview", "1"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Preview of the 2026 schedule (not saved)", "Tue Jan 6", "3rd business day counted past New Year&#39;s Day (Thu Jan 1)");
        assertThat(cycles.schedule(n, 2026)).isEmpty();

        String bad = mvc.perform(post("/cycles/" + n + "/schedule").with(user("billing").roles("BILLING")).with(csrf()).param("year", "1999")
                        .param("readOn", "BUSINESS_DAY").param("readDay", "abc").param("windowDays", "12").param("billLagDays", "")
                        .param("closures", "2026-13-01"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("The schedule was not generated", "Year must be from 2000 to 2099", "Day (N) must be a whole number",
                "Window ± days must be from 0 to 10 days", "Bill after is required", "Extra closures &#39;2026-13-01&#39; is not a date (YYYY-MM-DD)",
                "aria-invalid=\"true\"");
        assertThat(cycles.schedule(n, 1999)).isEmpty();
        assertThat(cycles.cycle(n).rules()).isNull();
    }

    @Test
    void aRowIsEditedInPlaceAndABadEditNamesItsFields() throws Exception {
        int n = newCycle("Edited in place");
        cycles.generateSchedule(n, day25(2099));
        String url = "/cycles/" + n + "/schedule/2099-06";
        String editor = mvc.perform(get(url + "/edit").with(user("billing").roles("BILLING")).header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(editor.strip()).startsWith("<tr").contains("type=\"date\"", "name=\"readDate\"", "value=\"2099-06-25\"", "hx-post=\"" + url + "\"");

        String bad = mvc.perform(post(url).with(user("billing").roles("BILLING")).with(csrf()).header("HX-Request", "true")
                        .param("readDate", "2099-06-25").param("windowFrom", "2099-06-26").param("windowTo", "2099-06-24").param("billDate", "2099-06-20"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(bad.strip()).startsWith("<tr");
        assertThat(bad).contains("Window from must be on or before the read date", "Window to must be on or after the read date",
                "Bill date must not be before the read date", "aria-invalid=\"true\"", "value=\"2099-06-26\"");
        assertThat(cycles.scheduleFor(n, YearMonth.of(2099, 6)).orElseThrow().windowFrom()).isEqualTo("2099-06-23");

        String saved = mvc.perform(post(url).with(user("billing").roles("BILLING")).with(csrf()).header("HX-Request", "true")
                        .param("readDate", "2099-06-24").param("windowFrom", "2099-06-22").param("windowTo", "2099-06-26")
                        .param("billDate", "2099-06-27").param("note", "Crew training on the 25th"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(saved).contains("Wed Jun 24", "Crew training on the 25th", "Saved").doesNotContain("type=\"date\"");
        CycleScheduleView row = cycles.scheduleFor(n, YearMonth.of(2099, 6)).orElseThrow();
        assertThat(row.readDate()).isEqualTo(LocalDate.of(2099, 6, 24));
        assertThat(row.billDate()).isEqualTo(LocalDate.of(2099, 6, 27));

        // Without htmx the whole page comes back with the row open and its mistakes named.
        String page = mvc.perform(post(url).with(user("billing").roles("BILLING")).with(csrf())
                        .param("readDate", "2099-06-24").param("windowFrom", "2099-06-22").param("windowTo", "2099-06-26").param("billDate", "not a date"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("2099</span> schedule", "Bill date &#39;not a date&#39; is not a date (YYYY-MM-DD)");
        mvc.perform(get("/cycles/" + n + "/schedule/2099-13/edit").with(user("billing").roles("BILLING")).header("HX-Request", "true"))
                .andExpect(status().isNotFound());
    }

    @Test
    void routesAreAddedAndMetersPutOnThemFromTheCyclePage() throws Exception {
        int n = newCycle("Routed");
        String code = "R" + TestCustomers.uniqueDigits(6);
        mvc.perform(post("/cycles/" + n + "/routes").with(user("billing").roles("BILLING")).with(csrf()).param("code", code).param("name", "River road"))
                .andExpect(status().is3xxRedirection());
        String meter = "R" + TestCustomers.uniqueDigits(8);
        jdbc.sql("insert into metering.meter (meter_number, service_type, kind, multiplier, dials, created_at) values (?, 'ELECTRIC', 'Itron', 1, 5, ?)")
                .params(meter, Timestamp.from(Instant.now())).update();
        String bad = mvc.perform(post("/cycles/" + n + "/meters").with(user("billing").roles("BILLING")).with(csrf())
                        .param("meterNumbers", meter + ", NOPE-1").param("routeCode", code).param("step", "x"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("No meter was moved", "Step must be a whole number");
        bad = mvc.perform(post("/cycles/" + n + "/meters").with(user("billing").roles("BILLING")).with(csrf())
                        .param("meterNumbers", meter + ", NOPE-1").param("routeCode", code))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("there is no meter NOPE-1");
        mvc.perform(post("/cycles/" + n + "/meters").with(user("billing").roles("BILLING")).with(csrf())
                        .param("meterNumbers", meter).param("routeCode", code))
                .andExpect(status().is3xxRedirection());
        String html = page("/cycles/" + n, "BILLING");
        assertThat(html).contains(code, "River road", "Put meters on cycle " + n);
        assertThat(cycles.routes(n)).singleElement().satisfies(r -> assertThat(r.meters()).isEqualTo(1));
        String taken = mvc.perform(post("/cycles/" + n + "/routes").with(user("billing").roles("BILLING")).with(csrf()).param("code", code).param("name", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(taken).contains("The route was not saved", "route " + code + " exists already", "Name is required");
        mvc.perform(get("/cycles/100").with(user("csr").roles("CSR"))).andExpect(status().isNotFound());
    }
}

package coop.switchboard.console;

import coop.switchboard.TestCustomers;
import coop.switchboard.demo.DemoUtility;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.VersionRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The rates pages: list, schedule, calculator, the version editor and who may use it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class RatesConsoleTest {
    private static final String VALID_VERSION = """
            effective: "2099-01-01"
            notes: Test increase
            components:
              - type: fixed
                code: CUSTOMER
                description: Customer charge
                amount: 36.00
              - type: usage
                code: ENERGY
                description: Energy
                blocks:
                  - {upTo: 500, price: 0.1010}
                  - {price: 0.1110}
            """;

    @Autowired WebApplicationContext context;
    @Autowired TariffService tariffs;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        tariffs.importFile(DemoUtility.demoTariffs(), null);
    }

    /** A copy of RS under a code of its own, so tests that change tariffs never meet. */
    private String copyOfRs() {
        String code = "T" + TestCustomers.uniqueDigits(8);
        tariffs.importFile(tariffs.exportYaml(List.of("RS")), code);
        return code;
    }

    private String page(String url, String role) throws Exception {
        return mvc.perform(get(url).with(user(role.toLowerCase()).roles(role))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void theListShowsEverySchedule() throws Exception {
        String html = page("/rates", "CSR");
        assertThat(html).contains("href=\"/rates/RS\"", "Residential Service", "RS-TOU", "href=\"/rates/calculator\"");
        assertThat(html).doesNotContain("Import tariff file");
        assertThat(page("/rates", "BILLING")).contains("Import tariff file", "enctype=\"multipart/form-data\"");
    }

    @Test
    void theSchedulePageShowsBlocksSeasonsAndThePowerCostAdjustment() throws Exception {
        String html = page("/rates/RS", "CSR");
        assertThat(html).contains("$32.00 per month", "first 500 kWh", "next 1,000 kWh", "over 1,500 kWh", "$0.0950 per kWh",
                "June–September", "October–May", "Power cost adjustment", "$0.0039", "Board resolution 2025-10",
                "City franchise fee", "Download YAML");
        assertThat(html).doesNotContain("New version", "/versions/2026-01-01/edit");
        assertThat(page("/rates/RS-TOU", "CSR")).contains("Summer on-peak", "weekdays 4 p.m.–9 p.m., June–September",
                "Weekends and holidays: period by month and hour");
        assertThat(page("/rates/LP", "CSR")).contains("Ratchet: billing demand is at least 80% of the highest demand of the past 11 months",
                "at least 50 kW", "first 200 kWh per kW");
    }

    @Test
    void downloadsASchedulesYaml() throws Exception {
        String yaml = mvc.perform(get("/rates/RS.yaml").with(user("csr").roles("CSR"))).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/yaml")))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andReturn().getResponse().getContentAsString();
        assertThat(yaml).containsPattern("code: \"?RS\"?\\n").contains("2026-01-01");
    }

    @Test
    void theCalculatorRatesResidentialJuly2026() throws Exception {
        String html = page("/rates/calculator?rate=1&schedule=RS&from=2026-07-01&to=2026-08-01&kWh=1800", "CSR");
        assertThat(html).contains("Energy (Summer), first 500 kWh", "$0.0039", "31 days", "$248.92");
        String tou = page("/rates/calculator/inputs?schedule=RS-TOU&from=2026-07-01&to=2026-08-01", "CSR");
        assertThat(tou).contains("kwhByPeriod.Off-peak", "kwhByPeriod.Summer on-peak", "SALES_TAX");
        String missing = page("/rates/calculator?rate=1&schedule=GS&from=2026-07-01&to=2026-08-01&kWh=x", "CSR");
        assertThat(missing).contains("kWh must be a number", "nothing was rated").doesNotContain("Total</th>");
    }

    @Test
    void onlyBillingAndAdminMayChangeTariffs() throws Exception {
        String code = copyOfRs();
        mvc.perform(post("/rates/" + code + "/versions").with(user("csr").roles("CSR")).with(csrf()).param("yaml", VALID_VERSION))
                .andExpect(status().isForbidden());
        mvc.perform(get("/rates/" + code + "/versions/new").with(user("csr").roles("CSR"))).andExpect(status().isForbidden());
        mvc.perform(multipart("/rates/import").file(new MockMultipartFile("file", "x.yaml", "text/yaml", new byte[0]))
                .with(user("csr").roles("CSR")).with(csrf())).andExpect(status().isForbidden());
        assertThat(tariffs.versions(code)).hasSize(2);
    }

    @Test
    void aBadPriceIsNamedByItsPathAndNothingIsSaved() throws Exception {
        String code = copyOfRs();
        String bad = VALID_VERSION.replace("price: 0.1010", "price: abc");
        String html = mvc.perform(post("/rates/" + code + "/versions").with(user("billing").roles("BILLING")).with(csrf()).param("yaml", bad))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("components[1].blocks[0].price", "must be a number", "was not saved", "role=\"alert\"",
                "line 12", "price: abc");
        assertThat(tariffs.versions(code)).hasSize(2);
    }

    @Test
    void aValidNewVersionJoinsTheHistory() throws Exception {
        String code = copyOfRs();
        String form = page("/rates/" + code + "/versions/new", "BILLING");
        assertThat(form).contains("textarea", "Board resolution 2025-10");
        mvc.perform(post("/rates/" + code + "/versions").with(user("billing").roles("BILLING")).with(csrf()).param("yaml", VALID_VERSION))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/rates/" + code + "#v-2099-01-01"));
        List<VersionRecord> versions = tariffs.versions(code);
        assertThat(versions).hasSize(3);
        assertThat(versions.getLast().createdBy()).isEqualTo("billing");
        String html = page("/rates/" + code, "BILLING");
        assertThat(html).contains("January 1, 2099", "Test increase", "$36.00 per month", "Scheduled",
                "/rates/" + code + "/versions/2099-01-01/edit");
        assertThat(html.indexOf("January 1, 2099")).isLessThan(html.indexOf("Effective <span>January 1, 2026"));
    }

    @Test
    void aVersionUsedOnBillsCannotBeEdited() throws Exception {
        String code = copyOfRs();
        LocalDate effective = LocalDate.of(2026, 1, 1);
        VersionRecord before = tariffs.versions(code).getLast();
        tariffs.markBilled(code, List.of(effective));
        String html = page("/rates/" + code, "ADMIN");
        assertThat(html).contains("Used on bills — cannot change", "/versions/2025-01-01/edit")
                .doesNotContain("/versions/2026-01-01/edit");
        mvc.perform(get("/rates/" + code + "/versions/2026-01-01/edit").with(user("admin").roles("ADMIN")))
                .andExpect(status().is3xxRedirection());
        String changed = before.body().replace("32.0", "99.0");
        String refused = mvc.perform(post("/rates/" + code + "/versions/2026-01-01").with(user("admin").roles("ADMIN")).with(csrf())
                        .param("yaml", changed))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("cannot change");
        assertThat(tariffs.versions(code).getLast().body()).isEqualTo(before.body());
    }

    @Test
    void theEditorsTextOfEveryDemoVersionSavesBackUnchanged() throws Exception {
        java.util.regex.Pattern textarea = java.util.regex.Pattern.compile("<textarea id=\"yaml\"[^>]*>(.*?)</textarea>", java.util.regex.Pattern.DOTALL);
        for (var schedule : tariffs.schedules(LocalDate.now())) {
            if (!List.of("RS", "RS-TOU", "GS", "LP", "IRR", "SL", "W", "FB", "FB-100").contains(schedule.code())) {
                continue;
            }
            String code = "T" + TestCustomers.uniqueDigits(8);
            tariffs.importFile(tariffs.exportYaml(List.of(schedule.code())), code);
            for (VersionRecord before : tariffs.versions(code)) {
                String html = page("/rates/" + code + "/versions/" + before.effective() + "/edit", "BILLING");
                java.util.regex.Matcher m = textarea.matcher(html);
                assertThat(m.find()).isTrue();
                String text = org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1));
                assertThat(text).as(schedule.code()).doesNotContain("!!");
                mvc.perform(post("/rates/" + code + "/versions/" + before.effective()).with(user("billing").roles("BILLING")).with(csrf())
                        .param("yaml", text)).andExpect(status().is3xxRedirection());
                VersionRecord after = tariffs.versions(code).stream().filter(r -> r.effective().equals(before.effective())).findFirst().orElseThrow();
                assertThat(after.body()).as(schedule.code() + " " + before.effective() + "\n" + text).isEqualTo(before.body());
            }
        }
    }

    @Test
    void importsAFileUnderANewCodeAndNamesBadFields() throws Exception {
        String code = "T" + TestCustomers.uniqueDigits(8);
        String yaml = tariffs.exportYaml(List.of("GS"));
        String html = mvc.perform(multipart("/rates/import").file(new MockMultipartFile("file", "gs.yaml", "text/yaml", yaml.getBytes()))
                        .param("code", code).with(user("billing").roles("BILLING")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Imported", code, "added 2025-01-01");
        assertThat(tariffs.exists(code)).isTrue();
        String bad = mvc.perform(multipart("/rates/import")
                        .file(new MockMultipartFile("file", "bad.yaml", "text/yaml", yaml.replace("price: 0.104", "price: cheap").getBytes()))
                        .param("code", "T" + TestCustomers.uniqueDigits(8)).with(user("billing").roles("BILLING")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("Nothing was imported", "versions[0].components[2].price", "must be a number", "(line ");
    }
}

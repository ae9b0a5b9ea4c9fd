package coop.switchboard.console;

import coop.switchboard.TestCustomers;
import coop.switchboard.agreements.MoveFixtures;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.rates.TariffService;
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
import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Start, stop and transfer from the console: the pages, a refused form that keeps what was typed, and success. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class MoveConsoleTest {
    @Autowired WebApplicationContext context;
    @Autowired MembershipEnrollment enrollment;
    @Autowired TariffService tariffs;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    @Autowired Clock clock;
    MockMvc mvc;
    MoveFixtures fx;
    String today;

    @BeforeEach
    void setUp() throws Exception {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        MoveFixtures.tariffs(tariffs);
        fx = new MoveFixtures(enrollment, jdbc, search, clock);
        today = fx.today().toString();
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).with(user("csr").roles("CSR"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aCsrFindsTheVacantPremiseAndStartsServiceWithTheMoveInRead() throws Exception {
        AccountView account = fx.pendingAccount("Gemma", "Juniper");
        String street = "Quillwort" + TestCustomers.uniqueDigits(5);
        MoveFixtures.Place place = fx.vacantPlace("41 " + street + " Rd", "RESIDENTIAL", true);
        String base = "/accounts/" + account.id() + "/start-service";

        assertThat(page(base)).contains("Start service", account.accountNumber(), "Find the premise by its address",
                "Choose the premise first");
        assertThat(page(base + "?address=41+" + street)).contains("41 " + street + " Rd, Newport, WA 99156",
                "premiseId=" + place.premiseId());
        String chosen = page(base + "?premiseId=" + place.premiseId());
        assertThat(chosen).contains("Service point at 41 " + street, place.electricMeter(), "usually on RS", "nobody: vacant",
                "<option value=\"RS\" selected=\"selected\">RS · Residential Service</option>", "last read", "an estimate for today");

        BigDecimal reading = fx.lastReading(place.electricMeter()).add(BigDecimal.TEN);
        mvc.perform(post(base).param("premiseId", "" + place.premiseId()).param("servicePointId", "" + place.electricPointId())
                        .param("rateScheduleCode", "RS").param("startDate", today).param("initialChoice", "enter")
                        .param("initialReading", reading.toPlainString()).with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(redirectedUrl("/accounts/" + account.id()))
                .andExpect(flash().attribute("notice", allOf(startsWith("Started RS service on " + today + " with the move-in read of"),
                        containsString("on meter " + place.electricMeter()))));
        assertThat(fx.status(account.id())).isEqualTo("ACTIVE");
        assertThat(fx.agreementsAt(place.electricPointId())).isEqualTo(1);
        assertThat(page("/accounts/" + account.id())).contains("41 " + street);
    }

    @Test
    void aRefusedStartShowsEachProblemAndKeepsWhatWasTyped() throws Exception {
        AccountView account = fx.pendingAccount("Hugo", "Kapok");
        MoveFixtures.Place place = fx.vacantPlace("42 Quillwort" + TestCustomers.uniqueDigits(5) + " Rd", "RESIDENTIAL", true);
        String base = "/accounts/" + account.id() + "/start-service";

        String unreadable = mvc.perform(post(base).param("premiseId", "" + place.premiseId()).param("servicePointId", "" + place.electricPointId())
                        .param("rateScheduleCode", "RS").param("startDate", "tomorrow").param("initialChoice", "enter")
                        .param("initialReading", "12x").param("initialNote", "read by the member")
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(unreadable).contains("Nothing was saved.", "Start date &#39;tomorrow&#39; is not a date (YYYY-MM-DD)",
                "Move-in read &#39;12x&#39; is not a number", "value=\"12x\"", "value=\"read by the member\"", "value=\"tomorrow\"");

        String refused = mvc.perform(post(base).param("premiseId", "" + place.premiseId()).param("servicePointId", "" + place.electricPointId())
                        .param("rateScheduleCode", "W").param("startDate", today).param("initialChoice", "enter").param("initialReading", "")
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Rate schedule W is a water rate schedule; this service point delivers electric",
                "Move-in read is required: meter " + place.electricMeter(), "href=\"#initialReading\"",
                "<option value=\"W\" selected=\"selected\">W · Water Residential (water)</option>");
        assertThat(fx.agreementsAt(place.electricPointId())).isZero();
        assertThat(fx.status(account.id())).isEqualTo("PENDING");
    }

    @Test
    void aCsrStopsServiceSeeingTheMeterAndItsLastRead() throws Exception {
        AccountView account = fx.pendingAccount("Iris", "Linden");
        MoveFixtures.Place place = fx.vacantPlace("43 Quillwort" + TestCustomers.uniqueDigits(5) + " Rd", "RESIDENTIAL", true);
        long agreement = fx.agreement(account.id(), place.electricPointId(), "RS", fx.today().minusYears(1));
        String base = "/accounts/" + account.id() + "/stop-service";

        assertThat(page(base)).contains("Stop service", "Electric on RS", place.electricMeter(), "last read",
                String.format(java.util.Locale.US, "%,d", fx.lastReading(place.electricMeter()).longValue()), "checked=\"checked\"");

        String refused = mvc.perform(post(base).param("agreementId", "" + agreement).param("endDate", "").param("finalChoice", "enter")
                        .param("finalReading", "123").with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("End date is required", "value=\"123\"");
        assertThat(fx.endDate(agreement)).isNull();

        MoveFixtures.Place elsewhere = fx.vacantPlace("44 Quillwort" + TestCustomers.uniqueDigits(5) + " Rd", "RESIDENTIAL", false);
        long someoneElses = fx.agreement(fx.pendingAccount("Jonas", "Maple").id(), elsewhere.fiberPointId(), "FB", fx.today().minusMonths(2));
        assertThat(mvc.perform(post(base).param("agreementId", "" + someoneElses).param("endDate", today).param("finalChoice", "estimate")
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("Service is not a running service of this account");
        assertThat(fx.endDate(someoneElses)).isNull();

        mvc.perform(post(base).param("agreementId", "" + agreement).param("endDate", today).param("finalChoice", "enter")
                        .param("finalReading", fx.ordinaryReading(place.electricMeter()).toPlainString())
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(redirectedUrl("/accounts/" + account.id()))
                .andExpect(flash().attribute("notice", allOf(startsWith("Stopped RS service on " + today + " with the final read of"),
                        containsString("The account is now final"))));
        assertThat(fx.endDate(agreement)).isEqualTo(LocalDate.parse(today));
        assertThat(fx.status(account.id())).isEqualTo("FINAL");
    }

    @Test
    void aCsrTransfersServiceToTheNewPremiseInOneStep() throws Exception {
        AccountView account = fx.pendingAccount("Kira", "Nettle");
        MoveFixtures.Place from = fx.vacantPlace("45 Quillwort" + TestCustomers.uniqueDigits(5) + " Rd", "RESIDENTIAL", true);
        MoveFixtures.Place to = fx.vacantPlace("46 Quillwort" + TestCustomers.uniqueDigits(5) + " Rd", "RESIDENTIAL", true);
        long old = fx.agreement(account.id(), from.electricPointId(), "RS", fx.today().minusYears(1));
        String base = "/accounts/" + account.id() + "/transfer";

        assertThat(page(base + "?premiseId=" + to.premiseId())).contains("Transfer service", "1. Where the member is moving to", "2. Stop",
                "3. Start", "4. Account", from.electricMeter(), to.electricMeter(), "The member has no other open account");

        String refused = mvc.perform(post(base).param("agreementId", "" + old).param("endDate", today).param("finalChoice", "enter")
                        .param("finalReading", "").param("premiseId", "" + to.premiseId()).param("servicePointId", "" + to.electricPointId())
                        .param("rateScheduleCode", "RS").param("startDate", today).param("initialChoice", "estimate")
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Final read is required: meter " + from.electricMeter(), "Service point at 46 Quillwort");
        assertThat(fx.endDate(old)).isNull();

        mvc.perform(post(base).param("agreementId", "" + old).param("endDate", today).param("finalChoice", "enter")
                        .param("finalReading", fx.ordinaryReading(from.electricMeter()).toPlainString())
                        .param("premiseId", "" + to.premiseId()).param("servicePointId", "" + to.electricPointId())
                        .param("rateScheduleCode", "RS").param("startDate", today).param("initialChoice", "estimate").param("toAccountId", "")
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(redirectedUrl("/accounts/" + account.id()))
                .andExpect(flash().attribute("notice", allOf(startsWith("Transferred service: stopped RS on " + today),
                        containsString("started RS on " + today + " with the estimated move-in read of"))));
        assertThat(fx.endDate(old)).isEqualTo(LocalDate.parse(today));
        assertThat(fx.agreementsAt(to.electricPointId())).isEqualTo(1);
        assertThat(fx.status(account.id())).isEqualTo("ACTIVE");
    }

    @Test
    void aTransferToTheMembersOtherAccountOffersToMoveTheBalance() throws Exception {
        AccountView account = fx.pendingAccount("Leon", "Oak");
        long second = fx.secondAccount(account.memberId());
        MoveFixtures.Place from = fx.vacantPlace("47 Quillwort" + TestCustomers.uniqueDigits(5) + " Rd", "RESIDENTIAL", false);
        MoveFixtures.Place to = fx.vacantPlace("48 Quillwort" + TestCustomers.uniqueDigits(5) + " Rd", "RESIDENTIAL", false);
        long old = fx.agreement(account.id(), from.fiberPointId(), "FB", fx.today().minusYears(1));
        String base = "/accounts/" + account.id() + "/transfer";

        assertThat(page(base + "?premiseId=" + to.premiseId() + "&servicePointId=" + to.fiberPointId()))
                .contains("Move this account’s balance (<span>$0.00</span>) to the new account", "<option value=\"FB\" selected=\"selected\">");

        mvc.perform(post(base).param("agreementId", "" + old).param("endDate", today).param("premiseId", "" + to.premiseId())
                        .param("servicePointId", "" + to.fiberPointId()).param("rateScheduleCode", "FB").param("startDate", today)
                        .param("toAccountId", "" + second).param("moveBalance", "true")
                        .with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(redirectedUrl("/accounts/" + second))
                .andExpect(flash().attribute("notice", containsString("the balance moves to the new account")));
        assertThat(fx.status(account.id())).isEqualTo("FINAL");
        assertThat(fx.status(second)).isEqualTo("ACTIVE");
    }

    @Test
    void anUnknownAccountIsNotFound() throws Exception {
        mvc.perform(get("/accounts/987654321/start-service").with(user("csr").roles("CSR"))).andExpect(status().isNotFound());
        mvc.perform(get("/accounts/987654321/stop-service").with(user("billing").roles("BILLING"))).andExpect(status().isNotFound());
    }
}

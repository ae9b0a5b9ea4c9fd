package coop.switchboard.platform;

import coop.switchboard.TestCustomers;
import coop.switchboard.TestCustomers.Served;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.search.AccountSearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSecurityTests {
    @Autowired WebApplicationContext context;
    @Autowired StaffUsers users;
    @Autowired AuditTrail audit;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    MockMvc mvc;
    Served served;

    @BeforeAll
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        served = new TestCustomers(enrollment, jdbc, search).serve(
                new coop.switchboard.members.NewMembership(coop.switchboard.members.MemberView.MemberType.PERSON, "Winifred", null, "Ashdown", null,
                        "4" + TestCustomers.uniqueDigits(8), java.time.LocalDate.of(1961, 2, 3), null, null,
                        coop.switchboard.members.MemberView.Language.ES, "509" + TestCustomers.uniqueDigits(7), "HOME", null,
                        "PO Box 9", null, "Ione", "WA", "99139", coop.switchboard.members.AccountView.BillDelivery.MAIL,
                        coop.switchboard.members.MemberView.MembershipFeeStatus.PAID),
                "301 Sullivan Lake Rd", "7" + TestCustomers.uniqueDigits(8));
    }

    @Test
    void consolePagesNeedASignIn() throws Exception {
        mvc.perform(get("/accounts/" + served.accountId())).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void signsInWithTheFormAndLocksAfterFiveFailures() throws Exception {
        String name = "lock" + TestCustomers.uniqueDigits(5);
        users.create(name, "Lock Test", "correct horse battery", Set.of(Role.CSR));
        mvc.perform(formLogin("/login").user(name).password("correct horse battery")).andExpect(authenticated());
        for (int i = 0; i < StaffUsers.MAX_FAILED_ATTEMPTS; i++) {
            mvc.perform(formLogin("/login").user(name).password("wrong")).andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin("/login").user(name).password("correct horse battery")).andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?locked"));
        StaffUsers.StaffUserView locked = users.find(name).orElseThrow();
        // Once the lock has run out, one more typo starts the count again instead of locking at once.
        jdbc.sql("update platform.staff_user set locked_until = now() - interval '1 minute' where id = ?").param(locked.id()).update();
        mvc.perform(formLogin("/login").user(name).password("wrong")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin("/login").user(name).password("correct horse battery")).andExpect(authenticated());
        for (int i = 0; i < StaffUsers.MAX_FAILED_ATTEMPTS; i++) {
            mvc.perform(formLogin("/login").user(name).password("wrong"));
        }
        users.unlock(locked.id());
        mvc.perform(formLogin("/login").user(name).password("correct horse battery")).andExpect(authenticated());
    }

    @Test
    void postsWithoutACsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/accounts/" + served.accountId() + "/interactions").with(user("csr").roles("CSR"))
                        .param("kind", "CALL").param("category", "General").param("body", "no token"))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(302, 403));
        assertThat(jdbc.sql("select count(*) from members.interaction where body = 'no token'").query(Long.class).single()).isZero();
    }

    @Test
    void theAccountScreenShowsTheWholeAccountWithIdentityMasked() throws Exception {
        String html = mvc.perform(get("/accounts/" + served.accountId()).with(user("csr").roles("CSR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Winifred Ashdown", served.accountNumber(), "301 Sullivan Lake Rd", served.meterNumber(),
                "Prefers Spanish", "***-**-");
        assertThat(html).doesNotContain(">Reveal<");
    }

    @Test
    void onlyPermittedRolesRevealAndEveryRevealIsAudited() throws Exception {
        mvc.perform(post("/accounts/" + served.accountId() + "/reveal/taxId").with(user("csr").roles("CSR")).with(csrf()))
                .andExpect(status().isForbidden());
        long before = audit.forAccount(served.accountId(), 500).stream().filter(r -> r.action().equals("REVEAL")).count();
        mvc.perform(post("/accounts/" + served.accountId() + "/reveal/taxId").with(user("sup").roles("SUPERVISOR")).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.matchesPattern("(?s).*\\d{3}-\\d{2}-\\d{4}.*")));
        var reveals = audit.forAccount(served.accountId(), 500).stream().filter(r -> r.action().equals("REVEAL")).toList();
        assertThat(reveals).hasSize((int) before + 1);
        assertThat(reveals.get(0).actor()).isEqualTo("sup");
    }

    @Test
    void aCallLoggedFromTheConsoleNamesMissingFieldsAndSavesNothing() throws Exception {
        String html = mvc.perform(post("/accounts/" + served.accountId() + "/interactions").with(user("csr").roles("CSR")).with(csrf())
                        .param("kind", "CALL").param("category", "General").param("body", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Note is required");
        assertThat(jdbc.sql("select count(*) from members.interaction where account_id = ?").param(served.accountId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void adminPagesAreForAdminsOnlyAndNameBadFields() throws Exception {
        mvc.perform(get("/admin/users").with(user("csr").roles("CSR"))).andExpect(status().isForbidden());
        String html = mvc.perform(post("/admin/users").with(user("admin").roles("ADMIN")).with(csrf())
                        .param("username", "Bad Name").param("displayName", "").param("password", "short"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Username must be", "Display name is required", "Password must be at least 12", "choose at least one role");
        assertThat(users.find("Bad Name")).isEmpty();
    }

    @Test
    void activatesAMembershipFromTheFormAndNamesEveryBadField() throws Exception {
        long before = jdbc.sql("select count(*) from members.member").query(Long.class).single();
        String html = mvc.perform(post("/members").with(user("csr").roles("CSR")).with(csrf())
                        .param("type", "PERSON").param("firstName", "Tobias").param("lastName", "")
                        .param("phone", "12345").param("mailLine1", "PO Box 4").param("mailCity", "Usk")
                        .param("mailState", "WA").param("mailZip", "9918").param("language", "EN")
                        .param("billDelivery", "MAIL").param("feeStatus", "PAID"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Last name is required", "Phone must be a 10-digit phone number", "ZIP must be a ZIP code",
                "nothing was saved");
        assertThat(jdbc.sql("select count(*) from members.member").query(Long.class).single()).isEqualTo(before);

        String phone = "509" + TestCustomers.uniqueDigits(7);
        String location = mvc.perform(post("/members").with(user("csr").roles("CSR")).with(csrf())
                        .param("type", "PERSON").param("firstName", "Tobias").param("lastName", "Lindqvist")
                        .param("phone", phone).param("phoneType", "HOME").param("mailLine1", "PO Box 4").param("mailCity", "Usk")
                        .param("mailState", "WA").param("mailZip", "99180").param("language", "ES")
                        .param("billDelivery", "MAIL").param("feeStatus", "UNPAID").param("birthDate", "1988-04-02"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/accounts/");
        String account = mvc.perform(get(location).with(user("csr").roles("CSR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(account).contains("Tobias Lindqvist", "PENDING", "Membership fee unpaid", "Prefers Spanish");
        assertThat(search.search("tobias lindqvist", 5)).extracting(coop.switchboard.search.AccountHit::displayName)
                .contains("Tobias Lindqvist");
    }
}

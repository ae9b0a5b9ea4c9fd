package coop.switchboard.console;

import coop.switchboard.TestCustomers;
import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.payments.DrawerService;
import coop.switchboard.payments.DrawerView;
import coop.switchboard.payments.PaymentService;
import coop.switchboard.payments.PaymentView;
import coop.switchboard.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The payments console: the counter form and its receipt, drawers opened, counted and approved, the deposit and the account's tab. */
// A database of its own (the extra property makes a separate context), so the day's cash reconciles to these payments alone.
@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true", "switchboard.payments.largest-payment=99999.00"})
class PaymentsConsoleTest {
    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    @Autowired WebApplicationContext context;
    @Autowired MembershipEnrollment enrollment;
    @Autowired LedgerService ledger;
    @Autowired PaymentService payments;
    @Autowired DrawerService drawers;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired Clock clock;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    private static RequestPostProcessor as(String name, String... roles) {
        return user(name).roles(roles);
    }

    private String page(String path, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long account(String last, String charge) {
        long id = enrollment.enroll(TestCustomers.person("Pia", last + TestCustomers.uniqueDigits(4), "5095550177", null)).id();
        if (charge != null) {
            tx.executeWithoutResult(s -> ledger.post(NewEntry.charge(id, LocalDate.now(clock).minusDays(10), EntryKind.CHARGE, Money.of(charge),
                    "ELECTRIC", null, GlAccounts.OTHER_REVENUE, "TEST", 1, "Electric service", null)));
        }
        return id;
    }

    private void openDrawer(RequestPostProcessor who, String location, String openingFloat) throws Exception {
        mvc.perform(post("/payments/drawer/open").param("location", location).param("openingFloat", openingFloat).with(who).with(csrf()))
                .andExpect(redirectedUrl("/payments/drawer"));
    }

    private String key(String html) {
        Matcher m = KEY.matcher(html);
        assertThat(m.find()).as("the form carries an idempotency key").isTrue();
        return m.group(1);
    }

    /** Posts the payment form as rendered for the account, with these fields. */
    private String pay(RequestPostProcessor who, long accountId, String... fields) throws Exception {
        String key = key(page("/payments/new?account=" + accountId, who));
        MockHttpServletRequestBuilder request = post("/payments").param("idempotencyKey", key).param("account", "" + accountId);
        for (int i = 0; i < fields.length; i += 2) {
            request = request.param(fields[i], fields[i + 1]);
        }
        return mvc.perform(request.with(who).with(csrf())).andExpect(redirectedUrlPattern("/payments/receipts/*"))
                .andReturn().getResponse().getRedirectedUrl();
    }

    @Test
    void aCsrPostsACashPaymentFromTheFormAndASecondSubmitShowsTheSameReceipt() throws Exception {
        var csr = as("csr-counter", "CSR");
        long accountId = account("Counter", "120.00");
        openDrawer(csr, "Front counter", "100.00");

        String form = page("/payments/new?account=" + accountId, csr);
        assertThat(form).contains("Take a payment", "Balance due $120.00", "value=\"120.00\"", "1 · Cash", "4 · Card",
                "Into your drawer", "Open charges");
        String key = key(form);
        assertThat(key(page("/payments/new?account=" + accountId, csr))).as("each rendered form has its own key").isNotEqualTo(key);

        var post = post("/payments").param("idempotencyKey", key).param("account", "" + accountId).param("amount", "$120.00")
                .param("tender", "CASH").param("payerName", "Pia's neighbour");
        String receiptUrl = mvc.perform(post.with(csr).with(csrf())).andExpect(redirectedUrlPattern("/payments/receipts/*"))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(post.with(csr).with(csrf())).andExpect(redirectedUrl(receiptUrl))
                .andExpect(flash().attribute("notice", "This payment was already posted (the form was sent twice): here is its receipt."));

        List<PaymentView> posted = payments.paymentsOf(accountId, 10);
        assertThat(posted).hasSize(1);
        assertThat(posted.getFirst().amount()).isEqualTo(Money.of("120.00"));
        assertThat(ledger.balance(accountId)).isEqualTo(Money.ZERO);
        assertThat(page(receiptUrl, csr)).contains("Payment receipt", "No. " + posted.getFirst().receiptId(), "Pia&#39;s neighbour", "Cash",
                "$120.00", "Electric service", "csr-counter", "Front counter", "Print receipt", "Next payment", "New balance");
    }

    @Test
    void aBadAmountShowsBesideTheFieldKeepsWhatWasTypedAndSavesNothing() throws Exception {
        var csr = as("csr-typo", "CSR");
        long accountId = account("Typo", "80.00");
        openDrawer(csr, "Lobby", "50.00");
        String key = key(page("/payments/new?account=" + accountId, csr));

        String refused = mvc.perform(post("/payments").param("idempotencyKey", key).param("account", "" + accountId).param("amount", "8o.00")
                        .param("tender", "CHECK").param("checkNumber", "").param("payerName", "Pia").with(csr).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Nothing was posted.", "Amount &#39;8o.00&#39; is not an amount of dollars", "value=\"8o.00\"",
                "Number is required", "value=\"Pia\"", "<option value=\"CHECK\" data-counter=\"true\" selected=\"selected\">2 · Check</option>",
                "value=\"" + key + "\"");
        String tooMuch = mvc.perform(post("/payments").param("idempotencyKey", key).param("account", "" + accountId).param("amount", "100000")
                        .param("tender", "CASH").with(csr).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(tooMuch).contains("Amount is more than the largest payment accepted");
        assertThat(payments.paymentsOf(accountId, 10)).isEmpty();
        assertThat(payments.byKey(key)).isEmpty();

        // Without an open drawer, a counter tender is refused with the way to open one.
        var other = as("csr-nodrawer", "CSR");
        String noDrawer = page("/payments/new?account=" + accountId, other);
        assertThat(noDrawer).contains("You have no open cash drawer", "href=\"/payments/drawer\"");
        String refusedCash = mvc.perform(post("/payments").param("idempotencyKey", key(noDrawer)).param("account", "" + accountId)
                        .param("amount", "10.00").param("tender", "CASH").with(other).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refusedCash).contains("open a cash drawer first");
        assertThat(payments.paymentsOf(accountId, 10)).isEmpty();
    }

    @Test
    void aPaymentSplitAcrossTheMembersAccountsPaysEach() throws Exception {
        var csr = as("csr-split", "CSR");
        long accountId = account("Split", "40.00");
        long memberId = jdbc.sql("select member_id from members.account where id = ?").param(accountId).query(Long.class).single();
        long second = jdbc.sql("""
                        insert into members.account (account_number, member_id, status, bill_delivery, opened_on, created_at)
                        values (?, ?, 'ACTIVE', 'MAIL', current_date, now()) returning id""")
                .params(TestCustomers.uniqueDigits(10), memberId).query(Long.class).single();
        openDrawer(csr, "Window 3", "0.00");
        assertThat(page("/payments/new?account=" + accountId, csr)).contains("Split across the member&#39;s other accounts (1)",
                "name=\"split-" + second + "\"");
        String receipt = pay(csr, accountId, "amount", "40.00", "split-" + second, "15.50", "tender", "MONEY_ORDER", "checkNumber", "MO-77");
        assertThat(page(receipt, csr)).contains("$55.50", "Money order", "#MO-77", "Left as a credit on the account");
        assertThat(payments.paymentsOf(second, 10)).extracting(PaymentView::amount).containsExactly(Money.of("15.50"));
    }

    @Test
    void aCsrOpensCountsAndClosesTheirDrawerAndASupervisorApprovesTheShortage() throws Exception {
        var csr = as("csr-drawer", "CSR");
        long accountId = account("Drawer", "200.00");
        assertThat(page("/payments/drawer", csr)).contains("Open a cash drawer", "Starting float");
        String refused = mvc.perform(post("/payments/drawer/open").param("location", "").param("openingFloat", "ten").with(csr).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("The drawer was not opened.", "Location is required", "Starting float &#39;ten&#39; is not an amount of dollars");
        assertThat(drawers.drawersOn(LocalDate.now(clock))).noneMatch(d -> d.openedBy().equals("csr-drawer"));

        openDrawer(csr, "Drive-up", "100.00");
        pay(csr, accountId, "amount", "50.00", "tender", "CASH");
        pay(csr, accountId, "amount", "30.00", "tender", "CHECK", "checkNumber", "1234");
        pay(csr, accountId, "amount", "20.00", "tender", "CARD", "cardLast4", "4242", "cardReference", "AUTH-9");
        DrawerView open = drawers.drawersOn(LocalDate.now(clock)).stream().filter(d -> d.openedBy().equals("csr-drawer")).findFirst().orElseThrow();

        String drawerPage = page("/payments/drawer", csr);
        assertThat(drawerPage).contains("Drawer " + open.id() + " · Drive-up", "Running totals", "$150.00", "Card ending 4242", "Check #1234",
                "Close by counting", "name=\"count.TWENTY\"", "value=\"1234\"", "value=\"30.00\"", "Reverse");

        String badCount = mvc.perform(post("/payments/drawer/" + open.id() + "/close").param("count.FIFTY", "two")
                        .param("checkNumber", "1234").param("checkAmount", "30.00").with(csr).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(badCount).contains("The drawer was not closed.", "&#39;two&#39; is not a number of pieces", "value=\"two\"");
        assertThat(drawers.drawer(open.id()).status()).isEqualTo(DrawerView.Status.OPEN);

        // $149 in cash (a dollar short) and the check.
        mvc.perform(post("/payments/drawer/" + open.id() + "/close").param("count.HUNDRED", "1").param("count.TWENTY", "2")
                        .param("count.FIVE", "1").param("count.ONE", "4").param("checkNumber", "1234", "", "").param("checkAmount", "30.00", "", "")
                        .with(csr).with(csrf()))
                .andExpect(redirectedUrl("/payments/drawers/" + open.id()));
        assertThat(page("/payments/drawers/" + open.id(), csr)).contains("The close", "$150.00", "$149.00", "short $1.00",
                "Waiting for a supervisor");

        var supervisor = as("sup-drawer", "SUPERVISOR");
        assertThat(page("/payments/drawers", supervisor)).contains("Awaiting approval", "csr-drawer", "short $1.00", "Why (required)");
        mvc.perform(post("/payments/drawers/" + open.id() + "/approve").param("note", "").with(supervisor).with(csrf()))
                .andExpect(redirectedUrl("/payments/drawers"))
                .andExpect(flash().attribute("problem", "Drawer " + open.id() + " was not approved: say why the drawer is short by $1.00."));
        mvc.perform(post("/payments/drawers/" + open.id() + "/approve").param("note", "fine").with(csr).with(csrf()))
                .andExpect(flash().attribute("problem", "A supervisor approves drawer closes."));
        mvc.perform(post("/payments/drawers/" + open.id() + "/approve").param("note", "dollar coin rolled under the till").with(supervisor).with(csrf()))
                .andExpect(redirectedUrl("/payments/drawers"));
        assertThat(drawers.drawer(open.id()).status()).isEqualTo(DrawerView.Status.APPROVED);
    }

    @Test
    void aCsrReversesTheirOwnPaymentButNotAnotherCsrs() throws Exception {
        var csr = as("csr-undo", "CSR");
        long accountId = account("Undo", "60.00");
        openDrawer(csr, "Front", "20.00");
        pay(csr, accountId, "amount", "60.00", "tender", "CASH");
        long paymentId = payments.paymentsOf(accountId, 1).getFirst().id();

        mvc.perform(post("/payments/" + paymentId + "/reverse").param("reason", "").param("back", "/payments/drawer").with(csr).with(csrf()))
                .andExpect(redirectedUrl("/payments/drawer"))
                .andExpect(flash().attribute("problem", "Payment " + paymentId + " was not reversed: a reason is required."));
        mvc.perform(post("/payments/" + paymentId + "/reverse").param("reason", "wrong account").with(as("csr-else", "CSR")).with(csrf()))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith("A CSR may reverse only today's payments")));
        mvc.perform(post("/payments/" + paymentId + "/reverse").param("reason", "wrong account").param("back", "/payments/drawer")
                        .with(csr).with(csrf()))
                .andExpect(redirectedUrl("/payments/drawer"))
                .andExpect(flash().attribute("notice", "Reversed payment " + paymentId + " of $60.00: wrong account."));
        assertThat(payments.payment(paymentId).reversed()).isTrue();
        assertThat(ledger.balance(accountId)).isEqualTo(Money.of("60.00"));
    }

    @Test
    void theDepositPageReconcilesTheDayAndBillingMakesTheDepositWithItsSlip() throws Exception {
        var csr = as("csr-bank", "CSR");
        long accountId = account("Bank", "75.00");
        openDrawer(csr, "Counter 9", "0.00");
        pay(csr, accountId, "amount", "45.00", "tender", "CHECK", "checkNumber", "5150");
        pay(csr, accountId, "amount", "30.00", "tender", "CASH");
        DrawerView d = drawers.drawersOn(LocalDate.now(clock)).stream().filter(x -> x.openedBy().equals("csr-bank")).findFirst().orElseThrow();
        mvc.perform(post("/payments/drawer/" + d.id() + "/close").param("count.TWENTY", "1").param("count.TEN", "1")
                .param("checkNumber", "5150").param("checkAmount", "45.00").with(csr).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/payments/drawers/" + d.id() + "/approve").with(as("sup-bank", "SUPERVISOR")).with(csrf()))
                .andExpect(redirectedUrl("/payments/drawers"));

        var billing = as("billing-bank", "BILLING");
        String deposit = page("/payments/deposit", billing);
        assertThat(deposit).contains("Ready for the bank", d.id() + " · Counter 9", "5150", "Make deposit", "Daily cash report by tender",
                "Payments register", "reconciliation balanced", "Balanced</strong>", "ledger cash");
        assertThat(page("/payments/deposit", csr)).contains("Billing or a supervisor makes the bank deposit").doesNotContain("Make deposit</button>");
        mvc.perform(post("/payments/deposits").param("bankReference", "BANK-1").with(csr).with(csrf()))
                .andExpect(status().isForbidden());

        String slipUrl = mvc.perform(post("/payments/deposits").param("bankReference", "BANK-77").with(billing).with(csrf()))
                .andExpect(redirectedUrlPattern("/payments/deposits/*")).andReturn().getResponse().getRedirectedUrl();
        assertThat(page(slipUrl, billing)).contains("Deposit slip", "BANK-77", "5150", "$45.00", "Cash total", "Grand total",
                "Print deposit slip");
        assertThat(drawers.drawer(d.id()).depositId()).isNotNull();
        assertThat(page("/payments/deposit?day=" + LocalDate.now(clock), billing)).contains("reconciliation balanced");
    }

    @Test
    void theAccountPaymentsTabListsThePaymentsAndTheMoneyStripOffersToTakeOne() throws Exception {
        var csr = as("csr-tab", "CSR");
        long accountId = account("Tabby", "35.00");
        openDrawer(csr, "Kiosk", "0.00");
        pay(csr, accountId, "amount", "35.00", "tender", "CARD", "cardLast4", "1881", "cardReference", "PROC-5");
        PaymentView p = payments.paymentsOf(accountId, 1).getFirst();

        String account = page("/accounts/" + accountId, csr);
        assertThat(account).contains("Take payment", "/payments/new?account=" + accountId, "data-panel=\"payments\"").doesNotContain("Cash only</span>");
        assertThat(page("/accounts/" + accountId + "/payments", csr)).contains("No. " + p.receiptId(), "Card ending 1881", "$35.00", "posted",
                "csr-tab");

        jdbc.sql("insert into payments.cash_only (account_id, since, reason, set_by, set_at) values (?, current_date, 'test', 'test', now())")
                .param(accountId).update();
        assertThat(page("/accounts/" + accountId, csr)).contains("Cash only</span>");
        assertThat(page("/payments/new?account=" + accountId, csr)).contains("This account is cash-only");
    }

    @Test
    void billingRecordsAReturnedCheckFromTheReceiptWithTheFee() throws Exception {
        var csr = as("csr-nsf-console", "CSR");
        long accountId = account("Bounce", "80.00");
        openDrawer(csr, "Window 4", "0.00");
        String receiptUrl = pay(csr, accountId, "amount", "80.00", "tender", "CHECK", "checkNumber", "2211");
        assertThat(page(receiptUrl, csr)).doesNotContain("Record return");
        var billing = as("billing-nsf-console", "BILLING");
        String receipt = page(receiptUrl, billing);
        assertThat(receipt).contains("Returned by the bank", "Record return");
        long paymentId = payments.paymentsOf(accountId, 1).getFirst().id();
        mvc.perform(post("/payments/" + paymentId + "/returned").param("code", "NSF").param("reason", "insufficient funds").with(billing).with(csrf()))
                .andExpect(redirectedUrl(receiptUrl))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.containsString("returned (NSF)")));
        assertThat(ledger.balance(accountId)).isEqualTo(Money.of("105.00"));
        assertThat(page(receiptUrl, billing)).contains("returned").doesNotContain("Record return");
    }
}

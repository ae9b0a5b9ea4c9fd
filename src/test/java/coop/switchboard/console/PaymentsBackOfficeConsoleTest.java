package coop.switchboard.console;

import coop.switchboard.TestCustomers;
import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.payments.AchService;
import coop.switchboard.payments.LockboxImport;
import coop.switchboard.payments.PaymentRequest;
import coop.switchboard.payments.PaymentService;
import coop.switchboard.payments.PaymentView;
import coop.switchboard.payments.RefundService;
import coop.switchboard.payments.RefundService.RefundView;
import coop.switchboard.payments.Tender;
import coop.switchboard.payments.lockbox.LockboxFile;
import coop.switchboard.payments.lockbox.LockboxWriter;
import coop.switchboard.shared.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The payments back office in the console: lockbox imports and the suspense queue, ACH autopay, refunds and balance transfers. */
// A database of its own (the extra property makes a separate context), so the drafts file sees only these enrollments.
@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true", "switchboard.payments.largest-payment=99998.00"})
class PaymentsBackOfficeConsoleTest {
    @Autowired WebApplicationContext context;
    @Autowired MembershipEnrollment enrollment;
    @Autowired MemberService members;
    @Autowired LedgerService ledger;
    @Autowired PaymentService payments;
    @Autowired LockboxImport lockbox;
    @Autowired AchService ach;
    @Autowired RefundService refunds;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired Clock clock;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static RequestPostProcessor as(String name, String... roles) {
        return user(name).roles(roles);
    }

    private String page(String path, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private AccountView account(String last, String charge) {
        AccountView a = enrollment.enroll(TestCustomers.person("Lou", last + TestCustomers.uniqueDigits(4), "5095550166", null));
        if (charge != null) {
            tx.executeWithoutResult(s -> ledger.post(NewEntry.charge(a.id(), LocalDate.now(clock).minusDays(10), EntryKind.CHARGE, Money.of(charge),
                    "ELECTRIC", null, GlAccounts.OTHER_REVENUE, "TEST", 1, "Electric service", null)));
        }
        return a;
    }

    private LockboxFile.Item item(String reference, String amount, String check, String payer) {
        return new LockboxFile.Item(0, reference, new BigDecimal(amount), check, payer, null, null, LocalDate.now(clock), null, null);
    }

    private String upload(RequestPostProcessor who, String name, String content) throws Exception {
        return mvc.perform(multipart("/payments/lockbox").file(new MockMultipartFile("file", name, "text/csv", content.getBytes(StandardCharsets.UTF_8)))
                        .with(who).with(csrf()))
                .andExpect(redirectedUrlPattern("/payments/lockbox/*")).andReturn().getResponse().getRedirectedUrl();
    }

    @Test
    void aLockboxFilePostsItsMatchesAndACsrAppliesTheSuspenseItemFromTheQueue() throws Exception {
        var billing = as("billing-lockbox", "BILLING");
        var csr = as("csr-suspense", "CSR");
        AccountView matched = account("Box", "61.17");
        AccountView owner = account("Stray", "42.00");
        String csv = LockboxWriter.writeCsv(List.of(item(matched.accountNumber(), "61.17", "1042", "Lou Box"),
                item("NO STUB ENCLOSED", "42.00", "2077", "A. Stray")));

        assertThat(page("/payments/lockbox", csr)).contains("Recent imports", "Billing or a supervisor imports lockbox files")
                .doesNotContain("multipart/form-data");
        mvc.perform(multipart("/payments/lockbox").file(new MockMultipartFile("file", "x.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .with(csr).with(csrf())).andExpect(status().isForbidden());

        String result = mvc.perform(multipart("/payments/lockbox")
                        .file(new MockMultipartFile("file", "lockbox-0314.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(billing).with(csrf()))
                .andExpect(redirectedUrlPattern("/payments/lockbox/*"))
                .andExpect(flash().attribute("notice", "Imported lockbox-0314.csv: 1 posted ($61.17), 1 in suspense ($42.00)."))
                .andReturn().getResponse().getRedirectedUrl();
        String resultPage = page(result, billing);
        assertThat(resultPage).contains("lockbox-0314.csv", "1 posted", "1 in suspense", "no account number in &#39;NO STUB ENCLOSED&#39;", "$42.00");
        assertThat(ledger.balance(matched.id())).isEqualTo(Money.ZERO);
        assertThat(page("/payments/lockbox", billing)).contains("lockbox-0314.csv", "multipart/form-data", "posted");

        // The same file again posts nothing and names the first import.
        String again = upload(billing, "lockbox-0314-copy.csv", csv);
        assertThat(again).isEqualTo(result);

        LockboxImport.SuspenseView open = lockbox.suspense(true, 10).stream().filter(s -> "2077".equals(s.checkNumber())).findFirst().orElseThrow();
        String queue = page("/payments/suspense", csr);
        assertThat(queue).contains("Open items (1)", "NO STUB ENCLOSED", "A. Stray", "Apply to account", "Return to sender",
                "hx-get=\"/payments/find\"");

        String refused = mvc.perform(post("/payments/suspense/" + open.id() + "/apply").param("q", "").param("note", "from the stub")
                        .with(csr).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Account is required", "value=\"from the stub\"");
        String noNote = mvc.perform(post("/payments/suspense/" + open.id() + "/return").param("returnNote", " ").with(csr).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(noNote).contains("Note: say why and how the check is returned");
        assertThat(lockbox.suspenseItem(open.id()).status()).isEqualTo("OPEN");

        mvc.perform(post("/payments/suspense/" + open.id() + "/apply").param("q", owner.accountNumber()).param("note", "called the member")
                        .with(csr).with(csrf()))
                .andExpect(redirectedUrl("/payments/suspense"))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.startsWith("Applied suspense item " + open.id() + " ($42.00) to account "
                        + owner.accountNumber())));
        LockboxImport.SuspenseView applied = lockbox.suspenseItem(open.id());
        assertThat(applied.status()).isEqualTo("APPLIED");
        assertThat(ledger.balance(owner.id())).isEqualTo(Money.ZERO);
        assertThat(page("/payments/suspense", csr)).contains("Open items (0)", "csr-suspense", "receipt " + applied.receiptId(), "called the member");
    }

    @Test
    void aLockboxFileThatFailsItsTotalIsRejectedWithTheLineAndReason() throws Exception {
        var billing = as("billing-reject", "BILLING");
        String csv = LockboxWriter.writeCsv(List.of(item("0000000042", "80.00", null, null), item("0000000043", "19.99", null, null)))
                .replace("TOTAL,2,", "TOTAL,3,");
        String result = upload(billing, "bad-total.csv", csv);
        String rejected = mvc.perform(get(result).with(billing)).andReturn().getResponse().getContentAsString();
        assertThat(rejected).contains("Rejected: nothing was posted.", "line 4: TOTAL says 3 payments");
        assertThat(page("/payments/lockbox", billing)).contains("bad-total.csv", "rejected", "line 4: TOTAL says 3 payments");
    }

    @Test
    void autopayIsSetUpFromTheAccountWithTheFieldErrorsBesideTheFields() throws Exception {
        var csr = as("csr-autopay", "CSR");
        AccountView a = account("Auto", null);
        String form = page("/accounts/" + a.id() + "/autopay", csr);
        assertThat(form).contains("Set up autopay", "not on autopay", "name=\"routingNumber\"", "Confirm account number",
                "value=\"" + members.member(a.memberId()).displayName() + "\"");

        String bad = mvc.perform(post("/accounts/" + a.id() + "/autopay").param("holderName", "Lou Auto").param("routingNumber", "021000022")
                        .param("bankAccountNumber", "000123456789").param("confirmAccountNumber", "000123456789").param("accountType", "CHECKING")
                        .with(csr).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("Autopay was not set up.", "Routing number", "check digit", "value=\"021000022\"")
                .doesNotContain("000123456789");
        String mismatch = mvc.perform(post("/accounts/" + a.id() + "/autopay").param("holderName", "Lou Auto").param("routingNumber", "021000021")
                        .param("bankAccountNumber", "000123456789").param("confirmAccountNumber", "000123456780").param("accountType", "CHECKING")
                        .with(csr).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(mismatch).contains("Confirmation does not match the account number");
        assertThat(ach.enrollmentOf(a.id())).isEmpty();

        mvc.perform(post("/accounts/" + a.id() + "/autopay").param("holderName", "Lou Auto").param("routingNumber", "021000021")
                        .param("bankAccountNumber", "000123456789").param("confirmAccountNumber", "000123456789").param("accountType", "SAVINGS")
                        .with(csr).with(csrf()))
                .andExpect(redirectedUrl("/accounts/" + a.id() + "/autopay"));
        AchService.Enrollment e = ach.enrollmentOf(a.id()).orElseThrow();
        assertThat(e.status()).isEqualTo("ACTIVE");
        assertThat(page("/accounts/" + a.id() + "/autopay", csr)).contains("021000021 ••••6789", "savings", "Cancel autopay")
                .doesNotContain("000123456789");
        assertThat(page("/accounts/" + a.id() + "/payments", csr)).contains("Autopay:", "••••6789", "active", "/accounts/" + a.id() + "/refund",
                "/accounts/" + a.id() + "/transfer-balance");

        var billing = as("billing-ach", "BILLING");
        assertThat(page("/payments/ach", billing)).contains("ACH autopay", "Enrollments", "••••6789", "PPD", "Make the drafts file", "Read returns");
        mvc.perform(post("/payments/ach/enrollments/" + e.id() + "/cancel").param("reason", "member asked").param("back", "/accounts/" + a.id() + "/autopay")
                        .with(csr).with(csrf()))
                .andExpect(redirectedUrl("/accounts/" + a.id() + "/autopay"));
        assertThat(ach.enrollment(e.id()).status()).isEqualTo("CANCELLED");
    }

    @Test
    void theAchPageMakesADraftsFileOnlyForBillingAndSaysWhenNothingIsDue() throws Exception {
        var billing = as("billing-drafts", "BILLING");
        var csr = as("csr-drafts", "CSR");
        assertThat(page("/payments/ach", csr)).contains("Enrollments", "Billing or a supervisor makes the drafts file").doesNotContain("Make the drafts file");
        LocalDate due = LocalDate.now(clock).plusDays(45);
        mvc.perform(post("/payments/ach/drafts").param("dueDate", due.toString()).with(csr).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/payments/ach/drafts").param("dueDate", due.toString()).with(billing).with(csrf()))
                .andExpect(redirectedUrl("/payments/ach"))
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.startsWith("No drafts are due on " + due)));
        mvc.perform(post("/payments/ach/drafts").param("dueDate", "someday").with(billing).with(csrf()))
                .andExpect(flash().attribute("problem", "'someday' is not a date (YYYY-MM-DD): no drafts file was made."));
        mvc.perform(multipart("/payments/ach/returns").file(new MockMultipartFile("file", "r.ach", "text/plain", "not a nacha file\n".getBytes()))
                        .with(billing).with(csrf()))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith("The return file was refused and nothing was done: ")));
    }

    @Test
    void aRefundIsAskedForByOnePersonAndPaidByAnotherWithItsCheckInTheFile() throws Exception {
        var asker = as("billing-asks", "BILLING");
        var payer = as("billing-pays", "BILLING");
        AccountView a = account("Refund", null);
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("setup", null,
                List.of(new SimpleGrantedAuthority("ROLE_BILLING"))));
        payments.post(PaymentRequest.single("refund-setup-" + a.id(), Tender.WEB, a.id(), Money.of("40.00"), "WEB-1", null));
        SecurityContextHolder.clearContext();
        jdbc.sql("update members.account set status = 'FINAL' where id = ?").param(a.id()).update();

        String form = page("/accounts/" + a.id() + "/refund", asker);
        assertThat(form).contains("Ask for a refund", "Credit balance", "$40.00", "value=\"40.00\"");
        String tooMuch = mvc.perform(post("/accounts/" + a.id() + "/refund").param("kind", "CREDIT_BALANCE").param("amount", "50.00")
                        .param("method", "CHECK").param("payeeName", "Lou Refund").param("payeeAddress", "").param("reason", "moved away")
                        .with(asker).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(tooMuch).contains("Nothing was asked for.", "Amount is more than the credit balance", "Address is required to mail a check");
        assertThat(refunds.refundsOf(a.id())).isEmpty();

        mvc.perform(post("/accounts/" + a.id() + "/refund").param("kind", "CREDIT_BALANCE").param("amount", "40.00").param("method", "CHECK")
                        .param("payeeName", "Lou Refund").param("payeeAddress", "12 Elm St, Calder, WA 99119").param("reason", "moved away")
                        .with(asker).with(csrf()))
                .andExpect(redirectedUrl("/accounts/" + a.id() + "/refund"));
        RefundView r = refunds.refundsOf(a.id()).getFirst();
        assertThat(page("/payments/refunds", payer)).contains("Waiting to be paid (1)", "Lou Refund", "$40.00", "Pay</button>");
        assertThat(page("/payments/refunds", asker)).contains("you asked: someone else pays it");

        mvc.perform(post("/payments/refunds/" + r.id() + "/pay").with(asker).with(csrf()))
                .andExpect(redirectedUrl("/payments/refunds"))
                .andExpect(flash().attribute("problem", "Refund " + r.id() + " was not paid: Someone other than the person who asked for a refund pays it."));
        mvc.perform(post("/payments/refunds/" + r.id() + "/pay").with(payer).with(csrf()))
                .andExpect(redirectedUrl("/payments/refunds"));
        RefundView paid = refunds.refund(r.id());
        assertThat(paid.status()).isEqualTo(RefundView.Status.PAID);
        assertThat(paid.checkNumber()).isNotNull();
        assertThat(ledger.balance(a.id())).isEqualTo(Money.ZERO);
        assertThat(page("/payments/refunds", payer)).contains("Waiting to be paid (0)", paid.checkNumber(), "billing-pays");

        LocalDate today = LocalDate.now(clock);
        mvc.perform(get("/payments/refunds/checks").param("day", today.toString()).with(payer))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("refund-checks-" + today + ".csv")))
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(paid.checkNumber() + "," + today + ",40.00,Lou Refund")));
    }

    @Test
    void aBalanceMovesToAnotherOfTheMembersAccounts() throws Exception {
        var csr = as("csr-transfer", "CSR");
        AccountView a = account("Mover", "33.10");
        long b = jdbc.sql("""
                        insert into members.account (account_number, member_id, status, bill_delivery, opened_on, created_at)
                        values (?, ?, 'ACTIVE', 'MAIL', current_date, now()) returning id""")
                .params(TestCustomers.uniqueDigits(10), a.memberId()).query(Long.class).single();
        String form = page("/accounts/" + a.id() + "/transfer-balance", csr);
        assertThat(form).contains("Transfer a balance", "value=\"33.10\"", "<option value=\"" + b + "\"");
        String refused = mvc.perform(post("/accounts/" + a.id() + "/transfer-balance").param("toAccountId", "" + b).param("amount", "ten")
                        .param("reason", "").with(csr).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Nothing was moved.", "Amount &#39;ten&#39; is not an amount of dollars", "Reason is required");
        mvc.perform(post("/accounts/" + a.id() + "/transfer-balance").param("toAccountId", "" + b).param("amount", "33.10")
                        .param("reason", "moved to the new house").with(csr).with(csrf()))
                .andExpect(redirectedUrl("/accounts/" + a.id()));
        assertThat(ledger.balance(a.id())).isEqualTo(Money.ZERO);
        assertThat(ledger.balance(b)).isEqualTo(Money.of("33.10"));
        assertThat(payments.paymentsOf(a.id(), 5)).extracting(PaymentView::amount).isEmpty();
    }
}

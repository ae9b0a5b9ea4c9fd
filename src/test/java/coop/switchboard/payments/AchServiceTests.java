package coop.switchboard.payments;

import coop.switchboard.TestCustomers;
import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.payments.ach.AccountType;
import coop.switchboard.payments.ach.Addenda;
import coop.switchboard.payments.ach.Batch;
import coop.switchboard.payments.ach.Entry;
import coop.switchboard.payments.ach.NachaFile;
import coop.switchboard.payments.ach.NachaReader;
import coop.switchboard.payments.ach.NachaWriter;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Autopay: enrollment, the drafts file read back by our own reader, returns and notifications of change. */
@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true", "switchboard.payments.largest-payment=250000.00"})
class AchServiceTests {
    @Autowired AchService ach;
    @Autowired AchReturns achReturns;
    @Autowired PaymentService payments;
    @Autowired LedgerService ledger;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired Clock clock;
    LocalDate today;

    @BeforeEach
    void signIn() {
        PaymentServiceTests.signIn("ach-clerk", "BILLING");
        today = LocalDate.now(clock);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private AccountView account() {
        return enrollment.enroll(TestCustomers.person("Ada", "Auto" + TestCustomers.uniqueDigits(4), "5095550141", null));
    }

    /** An issued bill due on {@code due}, and its charge in the ledger. */
    private long bill(long accountId, LocalDate due, String amount) {
        tx.executeWithoutResult(s -> ledger.post(NewEntry.charge(accountId, today.minusDays(10), EntryKind.CHARGE, Money.of(amount), "ELECTRIC",
                null, GlAccounts.OTHER_REVENUE, "BILL", 1, "Bill", due)));
        return jdbc.sql("""
                        insert into billing.bill (account_id, bill_date, due_date, period_from, period_to, status, previous_balance, payments,
                                                  adjustments, current_charges, total_due, amount_due, created_at)
                        values (?, ?, ?, ?, ?, 'ISSUED', 0, 0, 0, ?, ?, ?, now()) returning id""")
                .params(accountId, today.minusDays(10), due, today.minusDays(40), today.minusDays(11), Money.of(amount).amount(),
                        Money.of(amount).amount(), Money.of(amount).amount())
                .query(Long.class).single();
    }

    @Test
    void enrollmentChecksTheRoutingNumberAndKeepsOnlyTheLastFourDigitsInSight() {
        AccountView a = account();
        assertThatThrownBy(() -> ach.enroll(a.id(), "Ada Auto", "021000022", "12", AccountType.CHECKING, false, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.byField().get("routingNumber")).contains("check digit");
                    assertThat(e.byField()).containsKey("bankAccountNumber");
                });
        AchService.Enrollment e = ach.enroll(a.id(), "Ada Auto", "021000021", "000123456789", AccountType.CHECKING, false, true);
        assertThat(e.maskedAccount()).isEqualTo("••••6789");
        assertThat(e.status()).isEqualTo("PRENOTE");
        byte[] sealed = jdbc.sql("select account_sealed from payments.ach_enrollment where id = ?").param(e.id()).query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("123456789");
        AchService.Enrollment replaced = ach.enroll(a.id(), "Ada Auto", "011000015", "55554444", AccountType.SAVINGS, false, false);
        assertThat(ach.enrollment(e.id()).status()).isEqualTo("CANCELLED");
        assertThat(ach.enrollmentOf(a.id())).map(AchService.Enrollment::id).contains(replaced.id());
    }

    @Test
    void draftsForADueDateBecomeANachaFileOurReaderReadsBackWithTheSameTotalsAndPostOnce() {
        LocalDate due = today.plusDays(3);
        AccountView person = account();
        AccountView business = account();
        AccountView prenote = account();
        ach.enroll(person.id(), "Ada Auto", "021000021", "111222333", AccountType.CHECKING, false, false);
        ach.enroll(business.id(), "Acme Feed & Seed LLC", "011000015", "99887766", AccountType.CHECKING, true, false);
        ach.enroll(prenote.id(), "Pre Note", "231380104", "4445556667", AccountType.SAVINGS, false, true);
        bill(person.id(), due, "123.45");
        bill(business.id(), due, "2000.00");
        long partly = bill(prenote.id(), due, "50.00");

        AchService.DraftFile file = ach.drafts(due);
        assertThat(file.created()).isTrue();
        assertThat(file.debits()).isGreaterThanOrEqualTo(2);
        assertThat(file.prenotes()).isGreaterThanOrEqualTo(1);
        NachaFile read = NachaReader.strict().read(file.content());
        assertThat(read.control().totalDebitCents()).isEqualTo(file.debitTotal().cents());
        assertThat(file.content().lines().count() % 10).isZero();
        assertThat(file.content().lines()).allMatch(l -> l.length() == 94);
        assertThat(read.batches()).extracting(b -> b.header().secCode().name()).contains("PPD", "CCD");
        assertThat(read.entries()).anyMatch(en -> en.individualId().equals(person.accountNumber()) && en.amountCents() == 12345);
        // The prenote account's bill is not drafted before the prenote's waiting period ends.
        assertThat(read.entries()).noneMatch(en -> en.individualId().equals(prenote.accountNumber()) && en.amountCents() > 0);
        assertThat(jdbc.sql("select count(*) from payments.ach_entry where bill_id = ?").param(partly).query(Integer.class).single()).isZero();
        assertThat(ledger.balance(person.id())).isEqualTo(Money.ZERO);

        AchService.DraftFile again = ach.drafts(due);
        assertThat(again.created()).isFalse();
        assertThat(again.content()).isEqualTo(file.content());
        assertThat(ledger.balance(person.id())).isEqualTo(Money.ZERO);
    }

    @Test
    void returnsReverseThePaymentChargeTheFeeAndSuspendAutopayAndCorrectionsUpdateTheEnrollment() {
        LocalDate due = today.plusDays(5);
        AccountView nsf = account();
        AccountView closed = account();
        AccountView moved = account();
        AchService.Enrollment nsfEnrollment = ach.enroll(nsf.id(), "Nora Funds", "021000021", "1010101010", AccountType.CHECKING, false, false);
        AchService.Enrollment closedEnrollment = ach.enroll(closed.id(), "Cole Closed", "021000021", "2020202020", AccountType.CHECKING, false, false);
        AchService.Enrollment movedEnrollment = ach.enroll(moved.id(), "Mo Ved", "021000021", "3030303030", AccountType.CHECKING, false, false);
        bill(nsf.id(), due, "80.00");
        bill(closed.id(), due, "60.00");
        bill(moved.id(), due, "40.00");
        NachaFile sent = NachaReader.strict().read(ach.drafts(due).content());

        String returns = NachaWriter.write(returnFile(sent, List.of(
                new Bounce(nsf.accountNumber(), "R01", null), new Bounce(closed.accountNumber(), "R02", null),
                new Bounce(moved.accountNumber(), "C01", "55556666777"))));
        AchReturns.ReturnsResult result = achReturns.returns("returns-1.ach", returns);
        assertThat(result.returns()).isEqualTo(2);
        assertThat(result.corrections()).isEqualTo(1);
        assertThat(result.unmatched()).isZero();
        // 80 owed again plus the $25 fee; R02 stops autopay at once, R01 only after the policy's second return.
        assertThat(ledger.balance(nsf.id())).isEqualTo(Money.of("105.00"));
        assertThat(ach.enrollment(nsfEnrollment.id()).status()).isEqualTo("ACTIVE");
        assertThat(ach.enrollment(nsfEnrollment.id()).returnCount()).isEqualTo(1);
        assertThat(ach.enrollment(closedEnrollment.id()).status()).isEqualTo("SUSPENDED");
        assertThat(ach.enrollment(movedEnrollment.id()).accountLast4()).isEqualTo("6777");
        assertThat(payments.paymentsOf(nsf.id(), 5).getFirst().reversal().returnCode()).isEqualTo("R01");

        AchReturns.ReturnsResult twice = achReturns.returns("returns-1-again.ach", returns);
        assertThat(twice.alreadyRead()).isTrue();
        assertThat(ledger.balance(nsf.id())).isEqualTo(Money.of("105.00"));
        assertThatThrownBy(() -> achReturns.returns("bad.ach", returns.substring(0, 200)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("file")).startsWith("line "));
    }

    @Test
    void theBanksRealReturnFilesAreReadAndTracesThatAreNotOursAreReportedUnmatched() throws Exception {
        AchReturns.ReturnsResult r = achReturns.returns("return-WEB.ach",
                Files.readString(Path.of("..", "shared", "fixtures", "nacha", "return-WEB.ach")));
        assertThat(r.returns() + r.unmatched()).isGreaterThan(0);
        assertThat(r.outcomes()).allMatch(o -> o.contains("no entry of ours"));
        AchReturns.ReturnsResult noc = achReturns.returns("cor-example.ach", Files.readString(Path.of("..", "shared", "fixtures", "nacha", "cor-example.ach")));
        assertThat(noc.unmatched()).isEqualTo(1);
    }

    private record Bounce(String individualId, String code, String correctedData) {
    }

    /** The bank's return file for some of our entries: each comes back with a 99 (return) or 98 (NOC) addenda. */
    private static NachaFile returnFile(NachaFile sent, List<Bounce> bounces) {
        List<Batch> batches = new ArrayList<>();
        int seq = 0;
        for (Batch b : sent.batches()) {
            List<Entry> back = new ArrayList<>();
            for (Entry e : b.entries()) {
                for (Bounce x : bounces) {
                    if (x.individualId().equals(e.individualId())) {
                        String trace = "09100001" + String.format("%07d", ++seq);
                        Addenda addenda = x.code().startsWith("R")
                                ? new Addenda.Return(x.code(), e.traceNumber(), null, e.receivingDfi(), "", trace)
                                : new Addenda.ChangeNotification(x.code(), e.traceNumber(), e.receivingDfi(), x.correctedData(), trace);
                        long amount = x.code().startsWith("R") ? e.amountCents() : 0;
                        int code = x.code().startsWith("R") ? 26 : 26;
                        back.add(new Entry(code, e.receivingDfi(), e.checkDigit(), e.dfiAccountNumber(), amount, e.individualId(),
                                e.individualName(), "", 1, trace, List.of(addenda), 0));
                    }
                }
            }
            if (!back.isEmpty()) {
                batches.add(Batch.of(b.header(), back));
            }
        }
        return NachaFile.of(sent.header(), batches);
    }
}

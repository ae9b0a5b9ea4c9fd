package coop.switchboard.payments;

import coop.switchboard.TestCustomers;
import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.JournalService;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.payments.RefundService.RefundView;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refunds of credit balances and deposits, the check file, and balance transfers between a member's accounts. */
@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true", "switchboard.payments.largest-payment=250000.00"})
class RefundServiceTests {
    @Autowired RefundService refunds;
    @Autowired PaymentService payments;
    @Autowired DepositService deposits;
    @Autowired LedgerService ledger;
    @Autowired JournalService journal;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired Clock clock;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private AccountView finalAccount() {
        AccountView a = enrollment.enroll(TestCustomers.person("Rae", "Refund" + TestCustomers.uniqueDigits(4), "5095550111", null));
        jdbc.sql("update members.account set status = 'FINAL' where id = ?").param(a.id()).update();
        return a;
    }

    @Test
    void aCreditBalanceOnAFinalAccountIsRefundedByCheckPaidBySomeoneElse() {
        PaymentServiceTests.signIn("billing-r1", "BILLING");
        AccountView a = finalAccount();
        payments.post(PaymentRequest.single("rf-" + TestCustomers.uniqueDigits(8), Tender.WEB, a.id(), Money.of("80.00"), null, null));
        assertThatThrownBy(() -> refunds.request(a.id(), RefundView.Kind.CREDIT_BALANCE, Money.of("90.00"), RefundView.Method.CHECK,
                "Rae Refund", null, "moved away"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKeys("amount", "payeeAddress"));
        RefundView r = refunds.request(a.id(), RefundView.Kind.CREDIT_BALANCE, Money.of("80.00"), RefundView.Method.CHECK, "Rae Refund",
                "12 Pine St, Usk WA 99180", "moved away");
        assertThatThrownBy(() -> refunds.pay(r.id())).isInstanceOf(NotAllowedException.class);
        PaymentServiceTests.signIn("billing-r2", "BILLING");
        RefundView paid = refunds.pay(r.id());
        assertThat(paid.status()).isEqualTo(RefundView.Status.PAID);
        assertThat(paid.checkNumber()).isNotBlank();
        assertThat(ledger.balance(a.id())).isEqualTo(Money.ZERO);
        StringWriter file = new StringWriter();
        assertThat(refunds.writeCheckFile(LocalDate.now(clock), file)).isGreaterThanOrEqualTo(1);
        assertThat(file.toString()).contains(paid.checkNumber() + "," + LocalDate.now(clock) + ",80.00,Rae Refund");
        assertThat(deposits.reconcile(LocalDate.now(clock)).balanced()).isTrue();
        assertThat(refunds.register(LocalDate.now(clock), LocalDate.now(clock))).extracting(RefundView::id).contains(r.id());
    }

    @Test
    void aDepositPaysWhatTheAccountOwesFirstAndOnlyTheRestIsPaidOut() {
        PaymentServiceTests.signIn("billing-r3", "BILLING");
        AccountView a = finalAccount();
        LocalDate today = LocalDate.now(clock);
        tx.executeWithoutResult(s -> {
            ledger.post(NewEntry.charge(a.id(), today.minusMonths(6), EntryKind.DEPOSIT, Money.of("150.00"), null, null,
                    GlAccounts.DEPOSITS_HELD, "TEST", 1, "Security deposit", null));
        });
        payments.post(PaymentRequest.single("dep-" + TestCustomers.uniqueDigits(8), Tender.WEB, a.id(), Money.of("150.00"), null, null));
        tx.executeWithoutResult(s -> ledger.post(NewEntry.charge(a.id(), today.minusDays(3), EntryKind.CHARGE, Money.of("40.00"), "ELECTRIC",
                null, GlAccounts.OTHER_REVENUE, "TEST", 2, "Final bill", null)));
        assertThat(refunds.refundable(a.id()).depositHeld()).isEqualTo(Money.of("150.00"));
        RefundView r = refunds.request(a.id(), RefundView.Kind.DEPOSIT, Money.of("150.00"), RefundView.Method.CHECK, "Rae Refund",
                "12 Pine St", "service ended");
        PaymentServiceTests.signIn("sup-r4", "SUPERVISOR");
        RefundView paid = refunds.pay(r.id());
        assertThat(paid.amount()).isEqualTo(Money.of("110.00"));
        assertThat(ledger.balance(a.id())).isEqualTo(Money.ZERO);
        assertThat(refunds.refundable(a.id()).depositHeld()).isEqualTo(Money.ZERO);
        assertThat(journal.unbalancedDays(today.minusYears(1), today)).isEmpty();
    }

    @Test
    void aBalanceMovesBetweenAMembersAccountsWithAnEntryOnEach() {
        PaymentServiceTests.signIn("csr-t", "CSR");
        AccountView a = finalAccount();
        long b = jdbc.sql("""
                        insert into members.account (account_number, member_id, status, bill_delivery, opened_on, created_at)
                        values (?, ?, 'ACTIVE', 'MAIL', current_date, now()) returning id""")
                .params(TestCustomers.uniqueDigits(10), a.memberId()).query(Long.class).single();
        refunds.transfer(a.id(), b, Money.of("33.10"), "moved to the new house");
        assertThat(ledger.balance(a.id())).isEqualTo(Money.of("-33.10"));
        assertThat(ledger.balance(b)).isEqualTo(Money.of("33.10"));
        AccountView stranger = enrollment.enroll(TestCustomers.person("Stan", "Ger" + TestCustomers.uniqueDigits(4), "5095550112", null));
        assertThatThrownBy(() -> refunds.transfer(a.id(), stranger.id(), Money.of("1.00"), "x"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("toAccountId"));
    }
}

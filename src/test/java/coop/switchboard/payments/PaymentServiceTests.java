package coop.switchboard.payments;

import coop.switchboard.TestCustomers;
import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.EntryView;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.JournalService;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.payments.Allocation.Applied;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Posting, allocation, idempotency, reversals and returned checks, drawers and the bank deposit, on the real database. */
// A database of its own (the extra property makes a separate context), so the day's cash reconciles to these payments alone.
@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true", "switchboard.payments.largest-payment=250000.00"})
class PaymentServiceTests {
    @Autowired PaymentService payments;
    @Autowired DrawerService drawers;
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

    static void signIn(String name, String... roles) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(name, null,
                Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList()));
    }

    private long account() {
        return enrollment.enroll(TestCustomers.person("Pat", "Payer" + TestCustomers.uniqueDigits(4), "5095550101", null)).id();
    }

    private long charge(long accountId, LocalDate date, EntryKind kind, String amount, String category) {
        return tx.execute(s -> ledger.post(NewEntry.charge(accountId, date, kind, Money.of(amount), "ELECTRIC", category,
                kind == EntryKind.DEPOSIT ? GlAccounts.DEPOSITS_HELD : GlAccounts.OTHER_REVENUE, "TEST", 1, kind + " " + amount, null)));
    }

    private void balanced(long accountId) {
        assertThat(ledger.entries(accountId, 500).stream().map(EntryView::amount).reduce(Money.ZERO, Money::plus))
                .isEqualTo(ledger.balance(accountId));
        LocalDate today = LocalDate.now(clock);
        assertThat(journal.unbalancedDays(today.minusYears(3), today.plusDays(1))).isEmpty();
    }

    private static String key() {
        return "k-" + TestCustomers.uniqueDigits(9);
    }

    @Test
    void postsPaymentToDepositsAndFeesFirstThenTheOldestChargesAndKeepsTheRestAsACredit() {
        signIn("billing1", "BILLING");
        long a = account();
        LocalDate today = LocalDate.now(clock);
        long march = charge(a, today.minusMonths(3), EntryKind.CHARGE, "100.00", "ENERGY");
        long april = charge(a, today.minusMonths(2), EntryKind.CHARGE, "80.00", "ENERGY");
        long fee = charge(a, today.minusMonths(1), EntryKind.FEE, "10.00", "LATE");
        long deposit = charge(a, today.minusDays(5), EntryKind.DEPOSIT, "50.00", null);

        ReceiptView r = payments.post(PaymentRequest.single(key(), Tender.WEB, a, Money.of("120.00"), "web-1", null));
        long first = r.payments().getFirst().id();
        assertThat(payments.allocationOf(first)).containsExactlyInAnyOrder(new Applied(deposit, new BigDecimal("50.00")),
                new Applied(fee, new BigDecimal("10.00")), new Applied(march, new BigDecimal("60.00")));
        assertThat(payments.openCharges(a)).extracting(Allocation.OpenCharge::entryId, Allocation.OpenCharge::open)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(march, new BigDecimal("40.00")),
                        org.assertj.core.groups.Tuple.tuple(april, new BigDecimal("80.00")));

        ReceiptView more = payments.post(PaymentRequest.single(key(), Tender.WEB, a, Money.of("130.00"), "web-2", null));
        assertThat(payments.allocationOf(more.payments().getFirst().id())).containsExactly(new Applied(march, new BigDecimal("40.00")),
                new Applied(april, new BigDecimal("80.00")), new Applied(null, new BigDecimal("10.00")));
        assertThat(ledger.balance(a)).isEqualTo(Money.of("-10.00"));
        assertThat(payments.openCharges(a)).isEmpty();

        // The credit pays the next charge; reversing the first payment re-opens what it paid.
        long may = charge(a, today, EntryKind.CHARGE, "25.00", "ENERGY");
        assertThat(payments.openCharges(a)).extracting(Allocation.OpenCharge::entryId, Allocation.OpenCharge::open)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(may, new BigDecimal("15.00")));
        // What the second payment left as a credit now pays the oldest open charge (March) instead.
        payments.reverse(first, "posted to the wrong account");
        assertThat(payments.openCharges(a)).extracting(Allocation.OpenCharge::open).map(BigDecimal::toPlainString)
                .containsExactly("50.00", "10.00", "50.00", "25.00");
        assertThat(payments.payment(first).reversed()).isTrue();
        assertThatThrownBy(() -> payments.reverse(first, "again")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.byField()).containsKey("paymentId"));
        balanced(a);
    }

    @Test
    void aRetriedPostReturnsTheFirstReceiptAndAKeyReusedForAnotherPaymentIsRefused() {
        signIn("billing1", "BILLING");
        long a = account();
        String k = key();
        ReceiptView first = payments.post(PaymentRequest.single(k, Tender.IVR, a, Money.of("42.00"), "ivr-77", null));
        ReceiptView again = payments.post(PaymentRequest.single(k, Tender.IVR, a, Money.of("42.00"), "ivr-77", null));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.replayed()).isTrue();
        assertThat(ledger.balance(a)).isEqualTo(Money.of("-42.00"));
        assertThatThrownBy(() -> payments.post(PaymentRequest.single(k, Tender.IVR, a, Money.of("43.00"), "ivr-77", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("idempotencyKey"))
                        .contains("different payment"));
    }

    @Test
    void concurrentDoublePostsFromSeveralThreadsPostOnce() throws Exception {
        long a = account();
        String k = key();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit((Callable<Long>) () -> {
                signIn("api", "BILLING");
                start.await();
                return payments.post(PaymentRequest.single(k, Tender.WEB, a, Money.of("19.99"), "web", null)).id();
            }));
        }
        start.countDown();
        List<Long> receipts = new ArrayList<>();
        for (Future<Long> f : results) {
            receipts.add(f.get());
        }
        pool.shutdown();
        assertThat(receipts).containsOnly(receipts.getFirst());
        assertThat(ledger.balance(a)).isEqualTo(Money.of("-19.99"));
        assertThat(jdbc.sql("select count(*) from payments.payment where account_id = ?").param(a).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void oneKeyPostedForTwoAccountsAtOnceAsTheDaysBatchOpensPostsOnceAndRefusesTheOther() throws Exception {
        long a = account();
        long b = account();
        String k = key();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (long account : new long[]{a, b}) {
            results.add(pool.submit(() -> {
                signIn("api", "BILLING");
                start.await();
                try {
                    return payments.post(PaymentRequest.single(k, Tender.PAYROLL, account, Money.of("12.00"), "payroll", null));
                } catch (InvalidInputException e) {
                    return e;
                }
            }));
        }
        start.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).filteredOn(ReceiptView.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(InvalidInputException.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((InvalidInputException) e).byField()).containsKey("idempotencyKey"));
        assertThat(jdbc.sql("select count(*) from payments.receipt where idempotency_key = ?").param(k).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aWebPaymentRacingTheBankDepositOfItsBatchGoesIntoTheNextBatchNotTheDepositedOne() throws Exception {
        signIn("api", "BILLING");
        long a = account();
        long first = payments.post(PaymentRequest.single(key(), Tender.WEB, a, Money.of("10.00"), "web", null)).batchId();
        // A deposit takes the day's web batch (as DepositService does: the row locked, then marked deposited) and holds
        // its transaction open while a second web payment arrives.
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch posting = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Long> deposit = pool.submit(() -> tx.execute(s -> {
            jdbc.sql("select id from payments.batch where id = ? for update").param(first).query(Long.class).single();
            long id = jdbc.sql("""
                    insert into payments.deposit (business_day, cash_total, check_total, check_count, other_total, created_by, created_at)
                    values (current_date, 0, 0, 0, 0, 'test', now()) returning id""").query(Long.class).single();
            jdbc.sql("update payments.batch set deposit_id = ? where id = ?").params(id, first).update();
            locked.countDown();
            try {
                posting.await();
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return id;
        }));
        if (!locked.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            deposit.get();
        }
        posting.countDown();
        ReceiptView second = payments.post(PaymentRequest.single(key(), Tender.WEB, a, Money.of("11.00"), "web", null));
        long depositId = deposit.get();
        pool.shutdown();
        assertThat(second.batchId()).isNotNull().isNotEqualTo(first);
        assertThat(jdbc.sql("select count(*) from payments.batch where id = ? and deposit_id is null").param(second.batchId())
                .query(Integer.class).single()).isEqualTo(1);
        // The stand-in deposit taken back, so the day's deposit and reconciliation test sees only its own.
        jdbc.sql("update payments.batch set deposit_id = null where id = ?").param(first).update();
        jdbc.sql("delete from payments.deposit where id = ?").param(depositId).update();
    }

    @Test
    void badPaymentsNameTheFieldAndSaveNothing() {
        signIn("csr1", "CSR");
        long a = account();
        assertThatThrownBy(() -> payments.post(PaymentRequest.single(key(), Tender.CASH, a, Money.of("10.00"), null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("drawerId")).contains("open a cash drawer"));
        assertThatThrownBy(() -> payments.post(new PaymentRequest(key(), Tender.CARD, List.of(new PaymentRequest.Part(a, Money.of("0.00"))),
                "4111 1111 1111 1111", null, "12345", null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKeys("amount", "reference",
                        "cardLast4", "drawerId"));
        assertThatThrownBy(() -> payments.post(PaymentRequest.single(key(), Tender.WEB, 999_999_999L, Money.of("1.00"), null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("accountId")).contains("no account"));
        assertThatThrownBy(() -> payments.post(new PaymentRequest(key(), Tender.WEB, List.of(new PaymentRequest.Part(a, Money.of("5.00"))),
                null, null, null, null, null, null, LocalDate.now(clock).plusDays(2))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("receivedOn"));
        assertThat(jdbc.sql("select count(*) from payments.payment where account_id = ?").param(a).query(Integer.class).single()).isZero();
        assertThat(ledger.balance(a)).isEqualTo(Money.ZERO);
    }

    @Test
    void aPaymentSplitAcrossAMembersAccountsPostsToEach() {
        signIn("billing1", "BILLING");
        AccountView first = enrollment.enroll(TestCustomers.person("Sam", "Split" + TestCustomers.uniqueDigits(4), "5095550102", null));
        long second = jdbc.sql("""
                        insert into members.account (account_number, member_id, status, bill_delivery, opened_on, created_at)
                        values (?, ?, 'ACTIVE', 'MAIL', current_date, now()) returning id""")
                .params(TestCustomers.uniqueDigits(10), first.memberId()).query(Long.class).single();
        ReceiptView r = payments.post(new PaymentRequest(key(), Tender.WIRE, List.of(new PaymentRequest.Part(first.id(), Money.of("30.00")),
                new PaymentRequest.Part(second, Money.of("20.00"))), "wire-9", null, null, null, null, null, null));
        assertThat(r.total()).isEqualTo(Money.of("50.00"));
        assertThat(r.payments()).hasSize(2);
        assertThat(ledger.balance(first.id())).isEqualTo(Money.of("-30.00"));
        assertThat(ledger.balance(second)).isEqualTo(Money.of("-20.00"));
        long stranger = account();
        assertThatThrownBy(() -> payments.post(new PaymentRequest(key(), Tender.WIRE, List.of(new PaymentRequest.Part(first.id(), Money.of("1.00")),
                new PaymentRequest.Part(stranger, Money.of("1.00"))), null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("parts")).contains("one member"));
    }

    @Test
    void aCsrReversesOnlyTodaysPaymentsInTheirOwnDrawerAndBillingReversesAny() {
        signIn("csr-rev", "CSR");
        long a = account();
        DrawerView d = drawers.open("Front counter", Money.of("100.00"));
        ReceiptView cash = payments.post(PaymentRequest.single(key(), Tender.CASH, a, Money.of("60.00"), null, d.id()));
        ReceiptView web = payments.post(PaymentRequest.single(key(), Tender.WEB, a, Money.of("5.00"), null, null));
        payments.reverse(cash.payments().getFirst().id(), "keyed the wrong amount");
        assertThatThrownBy(() -> payments.reverse(web.payments().getFirst().id(), "not mine"))
                .isInstanceOf(NotAllowedException.class);
        ReceiptView again = payments.post(PaymentRequest.single(key(), Tender.CASH, a, Money.of("6.00"), null, d.id()));
        signIn("csr-other", "CSR");
        assertThatThrownBy(() -> payments.reverse(again.payments().getFirst().id(), "not mine")).isInstanceOf(NotAllowedException.class);
        signIn("billing2", "BILLING");
        payments.reverse(web.payments().getFirst().id(), "duplicate web payment");
        assertThat(ledger.balance(a)).isEqualTo(Money.of("-6.00"));
        balanced(a);
    }

    @Test
    void returnedChecksReverseThePaymentChargeTheFeeAndMakeTheAccountCashOnlyAfterTwo() {
        signIn("csr-nsf", "CSR");
        long a = account();
        charge(a, LocalDate.now(clock).minusDays(20), EntryKind.CHARGE, "90.00", "ENERGY");
        DrawerView d = drawers.open("Drive-up", Money.of("0.00"));
        ReceiptView one = payments.post(new PaymentRequest(key(), Tender.CHECK, List.of(new PaymentRequest.Part(a, Money.of("90.00"))),
                null, "1001", null, "Pat Payer", d.id(), null, null));
        ReceiptView two = payments.post(new PaymentRequest(key(), Tender.CHECK, List.of(new PaymentRequest.Part(a, Money.of("40.00"))),
                null, "1002", null, "Pat Payer", d.id(), null, null));
        signIn("billing3", "BILLING");
        PaymentView returned = payments.returned(one.payments().getFirst().id(), "NSF", "Insufficient funds", true);
        assertThat(returned.reversal().returned()).isTrue();
        assertThat(returned.reversal().feeEntryId()).isNotNull();
        assertThat(payments.cashOnly(a)).isFalse();
        assertThat(payments.returned(one.payments().getFirst().id(), "NSF", "again", true).reversal().reversedOn()).isNotNull();
        payments.returned(two.payments().getFirst().id(), "NSF", "Insufficient funds", true);
        assertThat(payments.cashOnly(a)).isTrue();
        // 90 charge + two $25 fees; both checks gone.
        assertThat(ledger.balance(a)).isEqualTo(Money.of("140.00"));
        signIn("csr-nsf", "CSR");
        assertThatThrownBy(() -> payments.post(new PaymentRequest(key(), Tender.CHECK, List.of(new PaymentRequest.Part(a, Money.of("10.00"))),
                null, "1003", null, null, d.id(), null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("accountId")).contains("cash-only"));
        payments.post(PaymentRequest.single(key(), Tender.CASH, a, Money.of("10.00"), null, d.id()));
        assertThat(jdbc.sql("select count(*) from members.interaction where account_id = ? and kind = 'LETTER'").param(a)
                .query(Integer.class).single()).isEqualTo(2);
        balanced(a);
    }

    @Test
    void aDrawerClosesWithItsOverOrShortIsApprovedByAnotherSupervisorAndDepositsReconcileToTheLedger() {
        signIn("csr-drawer", "CSR");
        long a = account();
        long b = account();
        DrawerView d = drawers.open("Lobby 2", Money.of("150.00"));
        assertThatThrownBy(() -> drawers.open("Lobby 3", Money.of("10.00"))).isInstanceOf(InvalidInputException.class);
        payments.post(PaymentRequest.single(key(), Tender.CASH, a, Money.of("75.25"), null, d.id()));
        payments.post(new PaymentRequest(key(), Tender.CHECK, List.of(new PaymentRequest.Part(b, Money.of("120.00"))), null, "5521",
                null, "B. Member", d.id(), null, null));
        payments.post(new PaymentRequest(key(), Tender.CARD, List.of(new PaymentRequest.Part(a, Money.of("30.00"))), "auth-778", null,
                "4242", null, d.id(), null, null));
        DrawerService.Expected expected = drawers.expected(d.id());
        assertThat(expected.cash()).isEqualTo(Money.of("225.25"));
        assertThat(expected.checks()).isEqualTo(Money.of("120.00"));
        assertThat(expected.cards()).isEqualTo(Money.of("30.00"));

        // Counted: $225.00 in notes and coins (a quarter short) and the one check.
        Map<DrawerService.Denomination, Integer> pieces = Map.of(DrawerService.Denomination.HUNDRED, 1, DrawerService.Denomination.TWENTY, 6,
                DrawerService.Denomination.FIVE, 1);
        DrawerView closed = drawers.close(d.id(), new DrawerService.Count(pieces,
                List.of(new DrawerService.CheckItem("5521", Money.of("120.00"))), null));
        assertThat(closed.status()).isEqualTo(DrawerView.Status.CLOSED);
        assertThat(closed.overShort()).isEqualTo(Money.of("-0.25"));
        assertThatThrownBy(() -> drawers.approve(d.id(), "fine")).isInstanceOf(NotAllowedException.class);
        signIn("sup-drawer", "SUPERVISOR");
        assertThatThrownBy(() -> drawers.approve(d.id(), " ")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.byField().get("note")).contains("short by $0.25"));
        assertThat(drawers.approve(d.id(), "quarter dropped behind the counter").status()).isEqualTo(DrawerView.Status.APPROVED);

        DepositService.Slip slip = deposits.deposit("BANK-0042");
        assertThat(slip.drawers()).extracting(DrawerView::id).contains(d.id());
        assertThat(slip.deposit().cashTotal()).isGreaterThanOrEqualTo(Money.of("75.00"));
        assertThat(slip.checks()).extracting(DepositService.SlipCheck::number).contains("5521");
        assertThat(deposits.pending().drawers()).isEmpty();

        LocalDate today = LocalDate.now(clock);
        DepositService.Reconciliation rec = deposits.reconcile(today);
        assertThat(rec.balanced()).as("ledger cash %s against the register %s", rec.ledgerCash(), rec.registerNet()).isTrue();
        assertThat(deposits.cashReport(today)).extracting(DepositService.TenderLine::tender).contains(Tender.CASH, Tender.CHECK, Tender.CARD);
        balanced(a);
    }
}

package coop.switchboard.billing;

import coop.switchboard.TestCustomers;
import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.EntryView;
import coop.switchboard.ledger.JournalService;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.ReadService;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Charges, adjustments and their approval limits, cancel and rebill, budget billing and final bills on real bill runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class BillingCorrectionsTests {
    @Autowired BillRunService runs;
    @Autowired BillService bills;
    @Autowired AdjustmentService adjustments;
    @Autowired BudgetPlanService budgets;
    @Autowired FinalBillService finals;
    @Autowired LedgerService ledger;
    @Autowired JournalService journal;
    @Autowired ReadService reads;
    @Autowired TariffService tariffs;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    BillingFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new BillingFixtures(jdbc, reads, enrollment, search, tariffs);
    }

    @AfterEach
    void signOut() {
        BillingFixtures.signOut();
    }

    private void balanced(long accountId) {
        assertThat(ledger.entries(accountId, 500).stream().map(EntryView::amount).reduce(Money.ZERO, Money::plus))
                .isEqualTo(ledger.balance(accountId));
        assertThat(journal.unbalancedDays(LocalDate.of(2024, 1, 1), LocalDate.now().plusDays(1))).isEmpty();
    }

    @Test
    void chargesPostAtOnceAndAdjustmentsAboveTheLimitWaitForAnotherSupervisor() {
        fixtures.cycle(60, 2025);
        TestCustomers.Served s = fixtures.member(60, 2025, "1 Sorrel Lane");
        BillingFixtures.signIn("csr7", "CSR");
        AdjustmentService.AdjustmentView trip = adjustments.charge(s.accountId(), "TRIP", null);
        assertThat(trip.amount()).isEqualTo(Money.of("45.00"));
        assertThat(ledger.balance(s.accountId())).isEqualTo(Money.of("45.00"));
        assertThat(ledger.fromSource(s.accountId(), "CHARGE", trip.id()).getFirst().kind()).isEqualTo(EntryKind.FEE);

        AdjustmentService.AdjustmentView small = adjustments.adjust(s.accountId(), "COURTESY", Money.of("-20.00"), "apology for the outage");
        assertThat(small.pending()).isFalse();
        AdjustmentService.AdjustmentView big = adjustments.adjust(s.accountId(), "BILLING_ERROR", Money.of("-180.00"), "billed twice in March");
        assertThat(big.pending()).isTrue();
        assertThat(ledger.balance(s.accountId())).isEqualTo(Money.of("25.00"));
        assertThatThrownBy(() -> adjustments.adjust(s.accountId(), "COURTESY", Money.of("10.00"), "x"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("amount")).contains("credit"));
        assertThatThrownBy(() -> adjustments.adjust(s.accountId(), "NOPE", null, " "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKeys("reason", "amount", "note"));
        assertThatThrownBy(() -> adjustments.approve(big.id(), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("approver"));

        BillingFixtures.signIn("sup1", "SUPERVISOR");
        AdjustmentService.AdjustmentView mine = adjustments.adjust(s.accountId(), "OTHER", Money.of("-6000.00"), "settlement");
        assertThat(mine.pending()).isTrue();
        assertThatThrownBy(() -> adjustments.approve(mine.id(), "ok"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("another supervisor"));
        assertThat(adjustments.approve(big.id(), "checked the March bills").status()).isEqualTo("POSTED");
        assertThatThrownBy(() -> adjustments.reject(mine.id(), " ")).isInstanceOf(InvalidInputException.class);
        BillingFixtures.signIn("sup2", "SUPERVISOR");
        assertThat(adjustments.reject(mine.id(), "needs the board").status()).isEqualTo("REJECTED");
        assertThat(ledger.balance(s.accountId())).isEqualTo(Money.of("-155.00"));
        balanced(s.accountId());
    }

    @Test
    void cancelAndRebillReversesTheBillAndIssuesACorrectedOneWithTheFixedRead() {
        fixtures.cycle(62, 2025);
        TestCustomers.Served s = fixtures.member(62, 2025, "2 Sorrel Lane", 10_000L, 10_700L);
        BillingFixtures.signIn("billing1", "BILLING");
        runs.work(runs.start(62, YearMonth.of(2025, 2)).id(), 1, null);
        BillView first = bills.lastIssued(s.accountId()).orElseThrow();
        // The February read was keyed wrong; the right one is 10,500. A corrected read replaces it.
        long readId = jdbc.sql("select r.id from metering.register_read r join metering.meter m on m.id = r.meter_id "
                + "where m.meter_number = ? and r.read_date = ?").params(s.meterNumber(), LocalDate.of(2025, 2, 10)).query(Long.class).single();
        jdbc.sql("update metering.register_read set status = 'REPLACED' where id = ?").param(readId).update();
        fixtures.read(s.meterNumber(), LocalDate.of(2025, 2, 10), 10_500);

        assertThatThrownBy(() -> runs.cancelAndRebill(first.id(), " ")).isInstanceOf(InvalidInputException.class);
        Long corrected = runs.cancelAndRebill(first.id(), "February read keyed wrong");
        BillView fixed = bills.bill(corrected);
        assertThat(fixed.correctsBillId()).isEqualTo(first.id());
        assertThat(fixed.segments().getFirst().usage()).isEqualByComparingTo("500");
        assertThat(fixed.currentCharges()).isLessThan(first.currentCharges());
        assertThat(bills.bill(first.id()).status()).isEqualTo("CANCELLED");
        assertThat(ledger.balance(s.accountId())).isEqualTo(fixed.currentCharges());
        assertThat(fixed.totalDue()).isEqualTo(fixed.currentCharges());
        assertThat(ledger.fromSource(s.accountId(), "BILL", first.id())).anyMatch(e -> e.kind() == EntryKind.REVERSAL);
        balanced(s.accountId());
        assertThatThrownBy(() -> runs.cancelAndRebill(first.id(), "again"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("cancelled"));
    }

    @Test
    void aBudgetMemberIsAskedForTheInstallmentAndTheTrueUpSettlesTheDifference() {
        fixtures.cycle(63, 2025);
        // 600, 700, 800, 650 kWh months.
        TestCustomers.Served s = fixtures.member(63, 2025, "3 Sorrel Lane", 10_000L, 10_600L, 11_300L, 12_100L, 12_750L);
        BillingFixtures.signIn("billing1", "BILLING");
        budgets.enroll(s.accountId(), "FIXED", Money.of("90.00"), 5);
        assertThatThrownBy(() -> budgets.enroll(s.accountId(), "ROLLING", null, null)).isInstanceOf(InvalidInputException.class);
        Money paid = Money.ZERO;
        for (int m = 2; m <= 4; m++) {
            runs.work(runs.start(63, YearMonth.of(2025, m)).id(), 1, null);
            BillView b = bills.lastIssued(s.accountId()).orElseThrow();
            assertThat(b.budgetInstallment()).isEqualTo(Money.of("90.00"));
            assertThat(b.amountDue()).isEqualTo(Money.of("90.00"));
            assertThat(b.budgetDeferred()).isEqualTo(b.totalDue().minus(b.amountDue()));
            // The member pays exactly what is asked.
            payment(s.accountId(), b.amountDue(), b.dueDate().minusDays(3));
            paid = paid.plus(b.amountDue());
        }
        runs.work(runs.start(63, YearMonth.of(2025, 5)).id(), 1, null);
        BillView trueUp = bills.lastIssued(s.accountId()).orElseThrow();
        assertThat(trueUp.billDate().getMonthValue()).isEqualTo(5);
        assertThat(trueUp.amountDue()).isEqualTo(trueUp.totalDue().signum() > 0 ? trueUp.totalDue() : Money.ZERO);
        assertThat(trueUp.budgetDeferred()).isEqualTo(trueUp.totalDue().signum() > 0 ? Money.ZERO : trueUp.totalDue());
        assertThat(ledger.balance(s.accountId())).isEqualTo(trueUp.totalDue());
        balanced(s.accountId());
    }

    private void payment(long accountId, Money amount, LocalDate day) {
        org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.support.JdbcTransactionManager(jdbcDataSource()));
        tx.executeWithoutResult(t -> ledger.post(new coop.switchboard.ledger.NewEntry(accountId, day, EntryKind.PAYMENT, amount.negate(), null,
                null, coop.switchboard.ledger.GlAccounts.CASH, coop.switchboard.ledger.GlAccounts.RECEIVABLE, "PAYMENT",
                System.nanoTime() % 1_000_000_000L, "Payment, thank you", null)));
    }

    @Autowired javax.sql.DataSource dataSource;

    private javax.sql.DataSource jdbcDataSource() {
        return dataSource;
    }

    @Test
    void aFinalBillCoversTheDaysUpToTheFinalReadOnceOnly() {
        fixtures.cycle(64, 2025);
        TestCustomers.Served s = fixtures.member(64, 2025, "4 Sorrel Lane", 10_000L, 10_700L);
        BillingFixtures.signIn("csr7", "CSR");
        runs.work(runs.start(64, YearMonth.of(2025, 2)).id(), 1, null);
        long agreement = jdbc.sql("select id from agreements.service_agreement where account_id = ?").param(s.accountId()).query(Long.class).single();
        reads.record(new coop.switchboard.metering.NewRead(s.meterNumber(), coop.switchboard.metering.Register.KWH, LocalDate.of(2025, 2, 24), null,
                java.math.BigDecimal.valueOf(11_000), coop.switchboard.metering.ReadType.FINAL, coop.switchboard.metering.ReadSource.MANUAL, "csr7", null));
        jdbc.sql("update agreements.service_agreement set end_date = ? where id = ?").params(LocalDate.of(2025, 2, 24), agreement).update();

        Long finalBill = finals.finalBill(agreement, LocalDate.of(2025, 2, 24)).orElseThrow();
        BillView b = bills.bill(finalBill);
        assertThat(b.runId()).isNull();
        assertThat(b.periodFrom()).isEqualTo(LocalDate.of(2025, 2, 10));
        assertThat(b.periodTo()).isEqualTo(LocalDate.of(2025, 2, 24));
        assertThat(b.segments().getFirst().usage()).isEqualByComparingTo("300");
        assertThat(b.status()).isEqualTo("ISSUED");
        assertThat(b.previousBalance()).isEqualTo(bills.billsOf(s.accountId(), 5).get(1).totalDue());
        assertThat(finals.finalBill(agreement, LocalDate.of(2025, 2, 24))).isEmpty();
        // The March run does not bill the ended agreement again.
        runs.work(runs.start(64, YearMonth.of(2025, 3)).id(), 1, null);
        assertThat(bills.billsOf(s.accountId(), 5)).hasSize(2);
        balanced(s.accountId());
    }

    @Test
    void explainingABillAttributesTheDifferenceToItsCauses() {
        fixtures.cycle(65, 2025);
        TestCustomers.Served s = fixtures.member(65, 2025, "5 Sorrel Lane", 10_000L, 10_600L, 11_500L);
        runs.work(runs.start(65, YearMonth.of(2025, 2)).id(), 1, null);
        runs.work(runs.start(65, YearMonth.of(2025, 3)).id(), 1, null);
        BillView march = bills.lastIssued(s.accountId()).orElseThrow();
        BillService.Explanation e = bills.explain(march.id());
        assertThat(e.lastYear()).isNull();
        assertThat(e.previous().headline()).contains("more than the previous bill's");
        assertThat(e.previous().causes()).extracting(BillService.Cause::cause).contains("days", "usage");
        Money sum = e.previous().causes().stream().map(BillService.Cause::amount).reduce(Money.ZERO, Money::plus);
        assertThat(sum).isEqualTo(march.currentCharges().minus(bills.bill(e.previous().otherBillId()).currentCharges()));
        assertThat(e.previous().causes()).anySatisfy(c -> assertThat(c.sentence()).contains("kWh a day"));
        assertThat(List.of(e.previous().headline())).isNotEmpty();
    }
}

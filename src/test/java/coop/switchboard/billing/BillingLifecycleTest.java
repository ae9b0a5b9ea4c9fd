package coop.switchboard.billing;

import coop.switchboard.TestCustomers;
import coop.switchboard.agreements.MoveRead;
import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.EntryView;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.JournalService;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.Register;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's life on the clock, month by month: move-in with an initial read, three bills, a rate version taking
 * effect mid-period, an adjustment, a cancel and rebill, budget billing through a true-up, and move-out with a final
 * bill. After every step the ledger's invariants hold: the entries sum to the balance, the latest bill's total due is
 * that balance, and every day's journal balances.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class BillingLifecycleTest {
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final int CYCLE = 52;

    /** The one clock, moved by the test. */
    static final class MovableClock extends Clock {
        private volatile Instant now = LocalDate.of(2025, 1, 9).atTime(9, 0).atZone(ZONE).toInstant();

        void moveTo(LocalDate day) {
            now = day.atTime(LocalTime.of(9, 0)).atZone(ZONE).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired MovableClock clock;
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
    @Autowired TransactionTemplate tx;
    @Autowired coop.switchboard.agreements.MoveService moves;

    @AfterEach
    void signOut() {
        BillingFixtures.signOut();
    }

    private long accountId;
    private String meter;
    private long agreementId;

    @Test
    void aMembersLifeFromMoveInToFinalBillKeepsTheLedgerWhole() {
        new BillingFixtures(jdbc, reads, enrollment, search, tariffs).cycle(CYCLE, 2025);
        // A schedule whose energy price rises on March 20, in the middle of the March–April period.
        tariffs.importFile("""
                tariffs:
                  - code: LIFE
                    name: Lifecycle residential
                    service: electric
                    rateClass: residential
                    versions:
                      - effective: "2025-01-01"
                        components:
                          - {type: fixed, code: CUSTOMER, description: Customer charge, amount: 20.00}
                          - {type: usage, code: ENERGY, description: Energy, price: 0.1000}
                      - effective: "2025-03-20"
                        components:
                          - {type: fixed, code: CUSTOMER, description: Customer charge, amount: 20.00}
                          - {type: usage, code: ENERGY, description: Energy, price: 0.1200}
                """, null);
        BillingFixtures.signIn("csr-life", "CSR", "BILLING");

        // Move-in on January 9 with the initial read.
        moveIn(LocalDate.of(2025, 1, 9), 5_000);
        check("move-in");

        long[] readings = {0, 5_600, 6_250, 6_900, 7_700, 8_300, 9_050};
        for (int m = 2; m <= 4; m++) {
            bill(m, readings[m - 1]);
        }
        BillView april = bills.bill(bills.lastIssued(accountId).orElseThrow().id());
        BillView.Segment seg = april.segments().getFirst();
        assertThat(seg.lines()).filteredOn(l -> l.component().equals("ENERGY")).hasSize(2)
                .extracting(BillView.Line::unitPrice).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyInAnyOrder(new BigDecimal("0.1"), new BigDecimal("0.12"));
        assertThat(bills.billsOf(accountId, 10)).hasSize(3).allMatch(b -> b.status().equals("ISSUED"));

        // An adjustment after the April bill.
        clock.moveTo(LocalDate.of(2025, 4, 20));
        adjustments.adjust(accountId, "COURTESY", Money.of("-15.00"), "truck blocked the driveway");
        pay(Money.of("100.00"));
        check("adjustment and payment");

        // May: billed on a misread, then cancelled and rebilled with the corrected read.
        bill(5, readings[4] + 300);
        BillView wrong = bills.lastIssued(accountId).orElseThrow();
        clock.moveTo(LocalDate.of(2025, 5, 14));
        replaceRead(LocalDate.of(2025, 5, 10), readings[4]);
        Long corrected = runs.cancelAndRebill(wrong.id(), "May read keyed 300 high");
        assertThat(bills.bill(corrected).correctsBillId()).isEqualTo(wrong.id());
        assertThat(bills.bill(corrected).currentCharges()).isLessThan(wrong.currentCharges());
        assertThat(bills.bill(corrected).totalDue()).isEqualTo(ledger.balance(accountId));
        check("cancel and rebill");

        // Budget billing from June, $70 a month with the true-up in July.
        budgets.enroll(accountId, "FIXED", Money.of("70.00"), 7);
        bill(6, readings[5]);
        BillView june = bills.lastIssued(accountId).orElseThrow();
        assertThat(june.budgetInstallment()).isEqualTo(Money.of("70.00"));
        pay(june.amountDue());
        check("june payment");
        bill(7, readings[6]);
        BillView july = bills.lastIssued(accountId).orElseThrow();
        assertThat(july.amountDue()).isEqualTo(july.totalDue().signum() > 0 ? july.totalDue() : Money.ZERO);

        // Move-out on July 25 with the final read: stopping the service issues the final bill, July 10 to 25.
        clock.moveTo(LocalDate.of(2025, 7, 25));
        moves.stopService(agreementId, LocalDate.of(2025, 7, 25), MoveRead.entered(BigDecimal.valueOf(readings[6] + 300)));
        BillView last = null;
        for (int i = 0; i < 200 && last == null; i++) {
            last = bills.billsOf(accountId, 1).stream().filter(b -> b.runId() == null).findFirst().map(b -> bills.bill(b.id())).orElse(null);
            sleep();
        }
        assertThat(last).as("the final bill, made when the service stopped").isNotNull();
        assertThat(finals.finalBill(agreementId, LocalDate.of(2025, 7, 25))).isEmpty();
        assertThat(last.periodFrom()).isEqualTo(LocalDate.of(2025, 7, 10));
        assertThat(last.segments().getFirst().usage()).isEqualByComparingTo("300");
        assertThat(last.status()).isEqualTo("ISSUED");
        assertThat(last.totalDue()).isEqualTo(ledger.balance(accountId));
        check("final bill");
        clock.moveTo(LocalDate.of(2025, 8, 12));
        runs.work(runs.start(CYCLE, YearMonth.of(2025, 8)).id(), 1, null);
        assertThat(bills.billsOf(accountId, 20).stream().filter(b -> !b.status().equals("CANCELLED"))).hasSize(7);
        check("after move-out");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void moveIn(LocalDate day, long initialRead) {
        clock.moveTo(day);
        AccountView account = enrollment.enroll(TestCustomers.person("Hyacinth", "Lockwood", "425" + TestCustomers.uniqueDigits(7), null));
        accountId = account.id();
        meter = "L" + TestCustomers.uniqueDigits(8);
        Timestamp now = Timestamp.from(clock.instant());
        long premise = jdbc.sql("insert into premises.premise (premise_type, line1, city, state, zip, created_at) values ('RESIDENTIAL', '8 Wren Street', 'Newport', 'WA', '99156', ?) returning id")
                .param(now).query(Long.class).single();
        long point = jdbc.sql("insert into premises.service_point (premise_id, service_type, label, created_at) values (?, 'ELECTRIC', 'Electric', ?) returning id")
                .params(premise, now).query(Long.class).single();
        long meterId = jdbc.sql("insert into metering.meter (meter_number, service_type, kind, multiplier, dials, ami, cycle_number, created_at) values (?, 'ELECTRIC', 'Itron Centron', 1, 5, false, ?, ?) returning id")
                .params(meter, CYCLE, now).query(Long.class).single();
        jdbc.sql("insert into metering.meter_installation (meter_id, service_point_id, installed_on) values (?, ?, ?)")
                .params(meterId, point, Date.valueOf(LocalDate.of(2024, 6, 1))).update();
        agreementId = jdbc.sql("insert into agreements.service_agreement (account_id, service_point_id, rate_schedule_code, start_date, created_at) values (?, ?, 'LIFE', ?, ?) returning id")
                .params(accountId, point, Date.valueOf(day), now).query(Long.class).single();
        reads.record(new NewRead(meter, Register.KWH, day, null, BigDecimal.valueOf(initialRead), ReadType.INITIAL, ReadSource.MANUAL, "csr-life", "move-in"));
    }

    private void bill(int month, long reading) {
        LocalDate read = LocalDate.of(2025, month, 10);
        clock.moveTo(read);
        reads.record(new NewRead(meter, Register.KWH, read, null, BigDecimal.valueOf(reading), ReadType.ACTUAL, ReadSource.HANDHELD, "route 52", null));
        clock.moveTo(read.plusDays(2));
        BillRunView run = runs.work(runs.start(CYCLE, YearMonth.of(2025, month)).id(), 1, null);
        assertThat(run.complete()).isTrue();
        BillView b = bills.lastIssued(accountId).orElseThrow(() -> new AssertionError("no bill in " + month + ": "
                + bills.billsOf(accountId, 1).stream().map(BillView::holdReasons).toList()));
        assertThat(b.periodTo()).isEqualTo(read);
        assertThat(b.totalDue()).as("the new bill's total due is the balance").isEqualTo(ledger.balance(accountId));
        check("bill " + YearMonth.of(2025, month));
    }

    private void replaceRead(LocalDate day, long reading) {
        jdbc.sql("update metering.register_read set status = 'REPLACED' where meter_id = (select id from metering.meter where meter_number = ?) and read_date = ?")
                .params(meter, Date.valueOf(day)).update();
        reads.record(new NewRead(meter, Register.KWH, day, null, BigDecimal.valueOf(reading), ReadType.ACTUAL, ReadSource.MANUAL, "csr-life", "corrected"));
    }

    private void pay(Money amount) {
        tx.executeWithoutResult(s -> ledger.post(new NewEntry(accountId, LocalDate.now(clock), EntryKind.PAYMENT, amount.negate(), null, null,
                GlAccounts.CASH, GlAccounts.RECEIVABLE, "PAYMENT", clock.instant().getEpochSecond(), "Payment, thank you", null)));
    }

    /** The ledger's invariants after a step (a new bill's total due is checked against the balance where it is made). */
    private void check(String step) {
        Money balance = ledger.balance(accountId);
        assertThat(ledger.entries(accountId, 1000).stream().map(EntryView::amount).reduce(Money.ZERO, Money::plus))
                .as("entries sum to the balance after %s", step).isEqualTo(balance);
        assertThat(journal.unbalancedDays(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))).as("journal after %s", step).isEmpty();
    }
}

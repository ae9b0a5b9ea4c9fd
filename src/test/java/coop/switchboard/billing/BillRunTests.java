package coop.switchboard.billing;

import coop.switchboard.TestCustomers;
import coop.switchboard.ledger.JournalService;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.Register;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bill runs on their own cycles: bills and ledger agree, a held bill waits, re-running bills nothing twice, a crash
 * part-way is finished by the next run with the same result, and two workers share a run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.embedded.ephemeral=true", "switchboard.billing.run.chunk-size=2"})
class BillRunTests {
    @Autowired BillRunService runs;
    @Autowired BillService bills;
    @Autowired LedgerService ledger;
    @Autowired JournalService journal;
    @Autowired ReadService reads;
    @Autowired TariffService tariffs;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;

    private static final YearMonth FEB = YearMonth.of(2025, 2);
    private static final YearMonth MAR = YearMonth.of(2025, 3);

    @BeforeEach
    void tariffsAndNoHook() throws Exception {
        if (!tariffs.exists("RS")) {
            tariffs.importFile(new ClassPathResource("tariffs/demo-tariffs.yaml").getContentAsString(StandardCharsets.UTF_8), null);
        }
        runs.hook(null);
    }

    @AfterEach
    void noHook() {
        runs.hook(null);
    }

    /** A cycle of its own read on the 10th of January to April 2025. */
    private void cycle(int number) {
        jdbc.sql("insert into metering.billing_cycle (number, name, created_at) values (?, ?, ?) on conflict do nothing")
                .params(number, "Billing test " + number, Timestamp.from(Instant.now())).update();
        for (int m = 1; m <= 4; m++) {
            LocalDate read = LocalDate.of(2025, m, 10);
            jdbc.sql("""
                            insert into metering.cycle_schedule (cycle_number, period, read_date, window_from, window_to, bill_date)
                            values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(number, YearMonth.of(2025, m).toString(), read, read.minusDays(2), read.plusDays(2), read.plusDays(2)).update();
        }
    }

    /** A served member on the cycle with monthly reads (null: none that month) from January. */
    private TestCustomers.Served member(int cycle, String street, Long... readings) {
        String meter = "B" + TestCustomers.uniqueDigits(8);
        TestCustomers.Served s = new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Rosalind", "Thackeray", "541" + TestCustomers.uniqueDigits(7), null), street, meter);
        jdbc.sql("update metering.meter set cycle_number = ? where meter_number = ?").params(cycle, meter).update();
        for (int m = 0; m < readings.length; m++) {
            if (readings[m] != null) {
                reads.record(new NewRead(meter, Register.KWH, LocalDate.of(2025, m + 1, 10), null, BigDecimal.valueOf(readings[m]),
                        ReadType.ACTUAL, ReadSource.AMR, null, null));
            }
        }
        return s;
    }

    private void assertLedgerAgreesWithBills(long accountId) {
        Money issued = bills.billsOf(accountId, 50).stream().filter(b -> "ISSUED".equals(b.status()))
                .map(BillView::currentCharges).reduce(Money.ZERO, Money::plus);
        assertThat(ledger.balance(accountId)).isEqualTo(issued);
        assertThat(ledger.entries(accountId, 100).stream().map(e -> e.amount()).reduce(Money.ZERO, Money::plus)).isEqualTo(ledger.balance(accountId));
        assertThat(journal.unbalancedDays(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 5, 1))).isEmpty();
    }

    @Test
    void billsTheCycleHoldsWhatCannotBeBilledAndNeverBillsTwice() {
        cycle(81);
        TestCustomers.Served a = member(81, "1 Juniper Row", 10_000L, 10_700L, 11_350L);
        TestCustomers.Served b = member(81, "2 Juniper Row", 20_000L, 20_500L, 21_100L);
        TestCustomers.Served missing = member(81, "3 Juniper Row", 30_000L, null, 30_900L);

        BillRunView run = runs.start(81, FEB);
        assertThat(run.accountsEstimated()).isTrue();
        assertThat(run.dueDate()).isEqualTo(LocalDate.of(2025, 3, 4));
        BillRunView done = runs.work(run.id(), 1, null);
        assertThat(done.complete()).isTrue();
        // The database holds other tests' accounts on other cycles: the chunks chose this cycle's three.
        assertThat(done.accountsEstimated()).isFalse();
        assertThat(done.accounts()).isEqualTo(3);
        assertThat(done.issued()).isEqualTo(2);
        assertThat(done.held()).isEqualTo(1);

        BillView billA = bills.bill(bills.lastIssued(a.accountId()).orElseThrow().id());
        assertThat(billA.periodFrom()).isEqualTo(LocalDate.of(2025, 1, 10));
        assertThat(billA.periodTo()).isEqualTo(LocalDate.of(2025, 2, 10));
        BillView.Segment seg = billA.segments().getFirst();
        assertThat(seg.usage()).isEqualByComparingTo("700");
        assertThat(seg.rateSchedule()).isEqualTo("RS");
        assertThat(seg.lines()).extracting(BillView.Line::kind).contains("fixed", "usage", "tax");
        assertThat(seg.lines().stream().map(BillView.Line::amount).reduce(Money.ZERO, Money::plus)).isEqualTo(billA.currentCharges());
        assertThat(billA.totalDue()).isEqualTo(billA.currentCharges());
        assertLedgerAgreesWithBills(a.accountId());

        BillView held = bills.held(run.id(), 0, 10).getFirst();
        assertThat(held.accountId()).isEqualTo(missing.accountId());
        assertThat(held.holdReasons()).anySatisfy(r -> assertThat(r).contains("has no read in the read window 2025-02-08 to 2025-02-12"));
        assertThat(ledger.balance(missing.accountId())).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> bills.release(held.id(), "looks fine"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("action"));

        // Again: the same run, nothing new.
        assertThat(runs.start(81, FEB).id()).isEqualTo(run.id());
        BillRunView again = runs.work(run.id(), 2, null);
        assertThat(again.bills()).isEqualTo(3);
        assertThat(bills.billsOf(a.accountId(), 10)).hasSize(1);

        // March: the period starts where February's bill ended and shows February's bill as the previous balance.
        BillRunView march = runs.work(runs.start(81, MAR).id(), 1, null);
        assertThat(march.issued()).isEqualTo(3);
        BillView marA = bills.lastIssued(a.accountId()).orElseThrow();
        assertThat(marA.periodFrom()).isEqualTo(LocalDate.of(2025, 2, 10));
        assertThat(marA.previousBalance()).isEqualTo(billA.totalDue());
        assertThat(marA.totalDue()).isEqualTo(billA.totalDue().plus(marA.currentCharges()));
        assertLedgerAgreesWithBills(a.accountId());
        assertLedgerAgreesWithBills(b.accountId());
        // The member whose February read never came is billed January to March in one period.
        BillView catchUp = bills.bill(bills.lastIssued(missing.accountId()).orElseThrow().id());
        assertThat(catchUp.segments().getFirst().usage()).isEqualByComparingTo("900");
        assertThat(catchUp.periodFrom()).isEqualTo(LocalDate.of(2025, 1, 10));
    }

    @Test
    void aCrashPartWayIsFinishedByTheNextRunWithTheSameBillsAsACleanRun() {
        cycle(82);
        cycle(83);
        List<TestCustomers.Served> crashed = new ArrayList<>();
        List<TestCustomers.Served> clean = new ArrayList<>();
        long[][] usage = {{10_000, 10_640}, {20_000, 20_410}, {30_000, 31_900}, {40_000, 40_300}, {50_000, 50_777}};
        for (long[] u : usage) {
            crashed.add(member(82, "Crash " + u[0], u[0], u[1]));
            clean.add(member(83, "Clean " + u[0], u[0], u[1]));
        }
        BillRunView run = runs.start(82, FEB);
        // Three ranges of account ids holding two, two and one of the cycle's accounts, whatever else the database
        // holds (the ranges a run cuts follow an estimate; this test is about the crash).
        jdbc.sql("delete from billing.bill_run_chunk where run_id = ?").param(run.id()).update();
        long[] at = {Long.MIN_VALUE, crashed.get(2).accountId(), crashed.get(4).accountId(), Long.MAX_VALUE};
        for (int c = 0; c < 3; c++) {
            jdbc.sql("insert into billing.bill_run_chunk (run_id, chunk, from_account, to_account, status) values (?, ?, ?, ?, 'PENDING')")
                    .params(run.id(), c, at[c], at[c + 1]).update();
        }
        jdbc.sql("update billing.bill_run set chunks = 3 where id = ?").param(run.id()).update();
        AtomicBoolean failed = new AtomicBoolean();
        runs.hook((id, chunk) -> {
            if (id == run.id() && chunk == 1 && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("power cut during chunk 1");
            }
        });
        assertThatThrownBy(() -> runs.work(run.id(), 1, null)).hasMessageContaining("power cut");
        BillRunView stopped = runs.view(run.id());
        assertThat(stopped.complete()).isFalse();
        assertThat(stopped.chunksDone()).isEqualTo(1);
        assertThat(stopped.bills()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from billing.bill where run_id = ?").param(run.id()).query(Long.class).single()).isEqualTo(2);

        runs.hook(null);
        BillRunView resumed = runs.work(runs.start(82, FEB).id(), 2, null);
        BillRunView reference = runs.work(runs.start(83, FEB).id(), 1, null);
        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.bills()).isEqualTo(reference.bills()).isEqualTo(5);
        assertThat(charges(crashed)).isEqualTo(charges(clean));
        for (TestCustomers.Served s : crashed) {
            assertThat(bills.billsOf(s.accountId(), 10)).hasSize(1);
            assertLedgerAgreesWithBills(s.accountId());
        }
    }

    @Test
    void eachChunkChoosesItsCyclesAccountsAndUnmeteredOnesByAccountNumber() {
        cycle(85);
        cycle(86);
        cycle(87);
        TestCustomers.Served fiberOnly = member(85, "7 Fiber Loop", 10_000L, 10_100L, 10_200L, 10_300L);
        long fiberPoint = jdbc.sql("insert into premises.service_point (premise_id, service_type, label, created_at) values (?, 'FIBER', 'Fiber', now()) returning id")
                .param(fiberOnly.premiseId()).query(Long.class).single();
        jdbc.sql("update agreements.service_agreement set service_point_id = ?, rate_schedule_code = 'FB' where account_id = ?")
                .params(fiberPoint, fiberOnly.accountId()).update();
        // The cycle the fiber-only account's number names (1 + number modulo the number of cycles), made if missing
        // (which changes the count, so until the named cycle is there), with reads on the 10th.
        int fiberCycle;
        while (true) {
            int cycles = jdbc.sql("select count(*) from metering.billing_cycle").query(Integer.class).single();
            fiberCycle = (int) (1 + fiberOnly.accountId() % cycles);
            if (jdbc.sql("select count(*) from metering.billing_cycle where number = ?").param(fiberCycle).query(Integer.class).single() == 1) {
                break;
            }
            cycle(fiberCycle);
        }
        cycle(fiberCycle);
        int otherCycle = fiberCycle == 86 ? 87 : 86;
        TestCustomers.Served metered = member(fiberCycle, "8 Fiber Loop", 10_000L, 10_100L, 10_200L, 10_300L);
        TestCustomers.Served elsewhere = member(otherCycle, "9 Fiber Loop", 10_000L, 10_100L, 10_200L, 10_300L);
        // A service on the cycle that starts after the read date, and a meter on no cycle: neither account is billed
        // (nor, having a meter, placed on a cycle by its number).
        TestCustomers.Served later = member(fiberCycle, "10 Fiber Loop", 10_000L, 10_100L, 10_200L, 10_300L);
        jdbc.sql("update agreements.service_agreement set start_date = '2025-05-01' where account_id = ?").param(later.accountId()).update();
        TestCustomers.Served noCycle = member(fiberCycle, "11 Fiber Loop", 10_000L, 10_100L, 10_200L, 10_300L);
        jdbc.sql("update metering.meter set cycle_number = null where meter_number = ?").param(noCycle.meterNumber()).update();

        YearMonth april = YearMonth.of(2025, 4);
        BillRunView done = runs.work(runs.start(fiberCycle, april).id(), 2, null);
        assertThat(done.complete()).isTrue();
        assertThat(done.accountsEstimated()).isFalse();
        BillView fiber = bills.lastIssued(fiberOnly.accountId()).map(b -> bills.bill(b.id())).orElseThrow();
        assertThat(fiber.runId()).isEqualTo(done.id());
        assertThat(fiber.segments()).extracting(BillView.Segment::rateSchedule).containsExactly("FB");
        assertThat(fiber.periodTo()).isEqualTo(done.readDate());
        BillView power = bills.lastIssued(metered.accountId()).map(b -> bills.bill(b.id())).orElseThrow();
        assertThat(power.runId()).isEqualTo(done.id());
        assertThat(power.segments().getFirst().usage()).isEqualByComparingTo("100");
        assertThat(bills.billsOf(elsewhere.accountId(), 10)).isEmpty();
        assertThat(bills.billsOf(later.accountId(), 10)).isEmpty();
        assertThat(bills.billsOf(noCycle.accountId(), 10)).isEmpty();
        // Every account the run counted got a bill from it, once.
        assertThat(jdbc.sql("select count(distinct account_id) from billing.bill where run_id = ?").param(done.id()).query(Long.class).single())
                .isEqualTo(done.accounts()).isEqualTo(done.bills());
    }

    @Test
    void aRunOpenedBeforeChunksWereRangesIsFinishedFromItsListsOfAccounts() {
        cycle(88);
        TestCustomers.Served listed = member(88, "1 Upgrade Way", 10_000L, 10_100L, 10_200L);
        TestCustomers.Served ranged = member(88, "2 Upgrade Way", 10_000L, 10_100L, 10_200L);
        BillRunView run = runs.start(88, MAR);
        // As an older version left it: one chunk listing its accounts, one range still pending.
        jdbc.sql("delete from billing.bill_run_chunk where run_id = ?").param(run.id()).update();
        jdbc.sql("""
                insert into billing.bill_run_chunk (run_id, chunk, account_ids, status) values (?, 0, array[?]::bigint[], 'PENDING');
                insert into billing.bill_run_chunk (run_id, chunk, from_account, to_account, status) values (?, 1, ?, ?, 'PENDING')""")
                .params(run.id(), listed.accountId(), run.id(), ranged.accountId(), ranged.accountId() + 1).update();
        BillRunView done = runs.work(run.id(), 1, null);
        assertThat(done.complete()).isTrue();
        assertThat(done.accounts()).isEqualTo(2);
        assertThat(done.issued()).isEqualTo(2);
        assertThat(bills.lastIssued(listed.accountId()).orElseThrow().runId()).isEqualTo(run.id());
        assertThat(bills.lastIssued(ranged.accountId()).orElseThrow().runId()).isEqualTo(run.id());
    }

    /** Current charges by premise street number (the same usage on both cycles). */
    private Map<Integer, Money> charges(List<TestCustomers.Served> members) {
        Map<Integer, Money> result = new TreeMap<>();
        for (int i = 0; i < members.size(); i++) {
            result.put(i, bills.billsOf(members.get(i).accountId(), 1).getFirst().currentCharges());
        }
        return result;
    }

    @Test
    void aRunCannotStartBeforeItsReadWindowOrWithoutASchedule() {
        cycle(84);
        assertThatThrownBy(() -> runs.start(84, YearMonth.of(2031, 1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField().get("period")).contains("has no schedule"));
    }
}

package coop.switchboard.demo;

import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillRunView;
import coop.switchboard.metering.CycleScheduleView;
import coop.switchboard.metering.CycleService;
import coop.switchboard.metering.CycleView;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * Bills the demo cooperative's last few months, cycle by cycle and oldest first, with the real bill runs, and has its
 * members pay them, so a CSR opening any account finds its recent bills and payments and the held-bill queue has work.
 */
@Component
class DemoBilling {
    /** Above this many members the demo skips bill history (the million-member search demo does not need it). */
    static final int MAX_MEMBERS = 50_000;
    private final BillRunService runs;
    private final CycleService cycles;
    private final DemoPayments payments;
    private final Clock clock;

    DemoBilling(BillRunService runs, CycleService cycles, DemoPayments payments, Clock clock) {
        this.runs = runs;
        this.cycles = cycles;
        this.payments = payments;
        this.clock = clock;
    }

    /** Runs every cycle's bill runs whose bill date has come, for the last {@code months} months; returns the bills made. */
    long billHistory(int months, PrintStream progress) {
        LocalDate today = LocalDate.now(clock);
        long made = 0;
        long paid = 0;
        long started = System.nanoTime();
        int autopay = payments.enrollAutopay();
        for (YearMonth period = YearMonth.from(today).minusMonths(months - 1L); !period.isAfter(YearMonth.from(today)); period = period.plusMonths(1)) {
            for (CycleView cycle : cycles.cycles()) {
                CycleScheduleView schedule = cycles.scheduleFor(cycle.number(), period).orElse(null);
                if (schedule == null || schedule.billDate().isAfter(today)) {
                    continue;
                }
                BillRunView run = runs.work(runs.start(cycle.number(), period).id(), 0, null);
                made += run.bills();
                paid += payments.payBills(run.id());
            }
        }
        progress.printf(Locale.ROOT, "billing: %d bills and %d payments over the last %d months (%d accounts on autopay) in %.1f s%n",
                made, paid, months, autopay, (System.nanoTime() - started) / 1e9);
        return made;
    }
}

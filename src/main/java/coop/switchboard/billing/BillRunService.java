package coop.switchboard.billing;

import coop.switchboard.metering.CycleScheduleView;
import coop.switchboard.metering.CycleService;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Bill runs: {@link #start} opens the run for a cycle and period (or finds the one already open) and divides its
 * accounts into chunks; {@link #work} bills chunks until none is left, each chunk in its own transaction, claimed with
 * {@code FOR UPDATE SKIP LOCKED} so any number of threads and processes can work one run together. A crash loses at
 * most the chunks in flight, which the next {@code work} bills again; an agreement is never billed twice for a period.
 */
@Service
public class BillRunService {
    private final JdbcClient jdbc;
    private final CycleService cycles;
    private final ChunkBiller biller;
    private final BillingPolicy policy;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final BillService bills;
    private final coop.switchboard.ledger.LedgerService ledger;
    private final org.springframework.context.ApplicationEventPublisher events;
    private volatile ChunkHook hook = ChunkHook.NONE;
    /** Runs this process is working in the background (the console's "Start"); other processes may work them too. */
    private final java.util.Set<Long> working = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bill-run-launcher");
        t.setDaemon(true);
        return t;
    });

    BillRunService(JdbcClient jdbc, CycleService cycles, ChunkBiller biller, BillingPolicy policy, TransactionTemplate transactions,
                   AuditLog audit, Clock clock, BillService bills, coop.switchboard.ledger.LedgerService ledger,
                   org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.bills = bills;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.cycles = cycles;
        this.biller = biller;
        this.policy = policy;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** Called inside each chunk's transaction after its bills are written (tests use it to fail a chunk part-way). */
    interface ChunkHook {
        ChunkHook NONE = (run, chunk) -> {
        };

        void afterBilling(long runId, int chunk);
    }

    void hook(ChunkHook hook) {
        this.hook = hook == null ? ChunkHook.NONE : hook;
    }

    private final RowMapper<BillRunView> row = (rs, n) -> {
        Instant created = rs.getTimestamp("created_at").toInstant();
        Timestamp finishedAt = rs.getTimestamp("finished_at");
        Timestamp lastChunk = rs.getTimestamp("last_chunk");
        long bills = rs.getLong("issued") + rs.getLong("held");
        Instant end = finishedAt != null ? finishedAt.toInstant() : lastChunk != null ? lastChunk.toInstant() : null;
        Instant begin = rs.getTimestamp("first_claim") != null ? rs.getTimestamp("first_claim").toInstant() : created;
        double seconds = end == null ? 0 : Math.max(0.001, Duration.between(begin, end).toMillis() / 1000.0);
        return new BillRunView(rs.getLong("id"), rs.getInt("cycle_number"), YearMonth.parse(rs.getString("period")),
                rs.getObject("window_from", LocalDate.class), rs.getObject("window_to", LocalDate.class),
                rs.getObject("read_date", LocalDate.class), rs.getObject("bill_date", LocalDate.class),
                rs.getObject("due_date", LocalDate.class), rs.getString("status"), rs.getInt("accounts"), rs.getInt("chunks"),
                rs.getInt("chunks_done"), rs.getLong("issued"), rs.getLong("held"), created, finishedAt == null ? null : finishedAt.toInstant(),
                rs.getString("created_by"), seconds == 0 ? 0 : bills / seconds, rs.getBoolean("accounts_estimated"));
    };

    private static final String SELECT = """
            select r.*, c.chunks_done, c.issued, c.held, c.last_chunk, c.first_claim from billing.bill_run r
              left join lateral (select count(*) filter (where status = 'DONE') as chunks_done, coalesce(sum(bills), 0) as issued,
                                        coalesce(sum(held), 0) as held, max(finished_at) as last_chunk,
                                        min(finished_at - make_interval(secs => coalesce(millis, 0) / 1000.0)) as first_claim
                                   from billing.bill_run_chunk where run_id = r.id) c on true
            """;

    /**
     * Opens the bill run of a cycle and period, or returns the one already opened: the accounts, in ranges of account
     * ids, each a chunk that chooses its accounts on the cycle as it is billed (see {@link ChunkBiller#billRange}). The
     * ranges are cut so each holds about {@code chunkSize} of the cycle's accounts, estimated from the share of meters
     * read on the cycle, and at most 25 times that of all accounts, so a chunk stays a short transaction however the
     * cycle's accounts are spread. The run's account count is that estimate until its last chunk is billed.
     */
    public BillRunView start(int cycle, YearMonth period) {
        Optional<BillRunView> existing = find(cycle, period);
        if (existing.isPresent()) {
            return existing.get();
        }
        CycleScheduleView schedule = cycles.scheduleFor(cycle, period).orElseThrow(() -> new InvalidInputException("period",
                "cycle " + cycle + " has no schedule for " + period + "; generate the year's schedule on the Cycles page first"));
        LocalDate today = LocalDate.now(clock);
        if (schedule.windowFrom().isAfter(today)) {
            throw new InvalidInputException("period", "the read window of cycle " + cycle + " for " + period + " opens on "
                    + schedule.windowFrom() + "; bill it after the reads are in");
        }
        LocalDate previous = schedule.previousReadDate();
        return transactions.execute(status -> {
            // Two starts at once: the second waits here and then finds the first's run.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('billing.bill_run'), ?)").param(cycle * 10_000 + period.getMonthValue()).query().listOfRows();
            Optional<BillRunView> again = find(cycle, period);
            if (again.isPresent()) {
                return again.get();
            }
            long id = jdbc.sql("""
                            insert into billing.bill_run (cycle_number, period, window_from, window_to, read_date, bill_date, due_date, status,
                                                          accounts, chunks, created_by, created_at, accounts_estimated)
                            values (?, ?, ?, ?, ?, ?, ?, 'RUNNING', 0, 0, ?, ?, true) returning id""")
                    .params(cycle, period.toString(), schedule.windowFrom(), schedule.windowTo(), schedule.readDate(), schedule.billDate(),
                            schedule.billDate().plusDays(policy.dueDays), audit.currentActor(), Timestamp.from(clock.instant()))
                    .query(Long.class).single();
            long[] counts = jdbc.sql("""
                            select (select count(distinct account_id) from agreements.service_agreement),
                                   count(*) filter (where cycle_number = ?), count(*), (select count(*) from metering.billing_cycle)
                              from metering.meter""")
                    .param(cycle).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
            long accounts = counts[0];
            long estimate = counts[2] == 0 ? accounts / Math.max(1, counts[3]) : Math.round((double) accounts * counts[1] / counts[2]);
            long chunkCount = Math.max(1, Math.max(ceilDiv(estimate, policy.chunkSize), ceilDiv(accounts, policy.chunkSize * 25L)));
            long step = Math.max(1, ceilDiv(accounts, chunkCount));
            // Where each range after the first begins: every step-th account id in order.
            List<Long> bounds = jdbc.sql("""
                            select account_id from (select account_id, row_number() over (order by account_id) - 1 as n
                                                      from (select distinct account_id from agreements.service_agreement) d) x
                             where n > 0 and n % ? = 0 order by account_id""")
                    .param(step).query(Long.class).list();
            Long[] from = new Long[bounds.size() + 1];
            Long[] to = new Long[bounds.size() + 1];
            for (int i = 0; i < from.length; i++) {
                from[i] = i == 0 ? Long.MIN_VALUE : bounds.get(i - 1);
                to[i] = i == bounds.size() ? Long.MAX_VALUE : bounds.get(i);
            }
            jdbc.sql("""
                            insert into billing.bill_run_chunk (run_id, chunk, from_account, to_account, status)
                            select ?, (r.n - 1)::int, r.f, r.t, 'PENDING' from unnest(?::bigint[], ?::bigint[]) with ordinality as r(f, t, n)""")
                    .params(id, from, to).update();
            // The cycle count fixed for the run: an unmetered account's cycle depends on it (see ChunkBiller.billRange).
            jdbc.sql("update billing.bill_run set accounts = ?, chunks = ?, cycle_count = ? where id = ?")
                    .params((int) Math.min(Integer.MAX_VALUE, estimate), from.length, (int) Math.max(1, counts[3]), id).update();
            audit.changed("bill_run", id, null, "started", Map.of(), Map.of("cycle", cycle, "period", period.toString(),
                    "estimatedAccounts", estimate, "previousReadDate", previous == null ? "" : previous.toString()));
            return view(id);
        });
    }

    private static long ceilDiv(long a, long b) {
        return Math.ceilDiv(a, Math.max(1, b));
    }

    /**
     * Bills the run's remaining chunks with {@code threads} threads (0: the policy's number), reporting progress after
     * each chunk, and returns the run as it stands when no chunk is left to claim here.
     */
    public BillRunView work(long runId, int threads, Consumer<BillRunView> progress) {
        BillRunView run = view(runId);
        ChunkBiller.Run context = context(run);
        // As counted when the run opened (runs opened before chunks were ranges did not keep it, nor need it).
        int cycleCount = Math.max(1, jdbc.sql("select coalesce(cycle_count, (select count(*) from metering.billing_cycle)) from billing.bill_run where id = ?")
                .param(runId).query(Integer.class).single());
        String worker = ManagementFactory.getRuntimeMXBean().getName();
        int n = threads <= 0 ? policy.threads : threads;
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "bill-run-" + runId);
            t.setDaemon(true);
            return t;
        });
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(new org.springframework.security.concurrent.DelegatingSecurityContextRunnable(() -> {
                    while (failure.get() == null && billNextChunk(context, cycleCount, worker)) {
                        if (progress != null) {
                            progress.accept(view(runId));
                        }
                    }
                })));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failure.compareAndSet(null, e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        transactions.executeWithoutResult(status -> {
            int completed = jdbc.sql("""
                    update billing.bill_run set status = 'COMPLETE', finished_at = ?, accounts_estimated = false,
                           accounts = (select coalesce(sum(coalesce(accounts, cardinality(account_ids))), 0) from billing.bill_run_chunk where run_id = ?)
                     where id = ? and status = 'RUNNING' and not exists (select 1 from billing.bill_run_chunk where run_id = ? and status = 'PENDING')""")
                    .params(Timestamp.from(clock.instant()), runId, runId, runId).update();
            if (completed == 1) {
                BillRunView done = view(runId);
                events.publishEvent(new BillRunCompleted(runId, done.cycle(), done.period(), done.billDate(), done.issued(), done.held()));
            }
        });
        return view(runId);
    }

    /**
     * Works a run on a background thread of this process, as the person who asked (for the audit trail), unless this
     * process is already working it. Returns whether it started.
     */
    public boolean launch(long runId) {
        view(runId);
        if (!working.add(runId)) {
            return false;
        }
        background.submit(new org.springframework.security.concurrent.DelegatingSecurityContextRunnable(() -> {
            try {
                work(runId, 0, null);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BillRunService.class).error("Bill run {} stopped: {}", runId, e.getMessage(), e);
            } finally {
                working.remove(runId);
            }
        }));
        return true;
    }

    /** Whether this process is working the run now. */
    public boolean isWorking(long runId) {
        return working.contains(runId);
    }

    /** Claims one pending chunk (skipping those others hold), bills it and marks it done, all in one transaction. */
    boolean billNextChunk(ChunkBiller.Run run, int cycleCount, String worker) {
        Boolean done = transactions.execute(status -> {
            List<Object[]> claimed = jdbc.sql("""
                            select chunk, account_ids, from_account, to_account from billing.bill_run_chunk where run_id = ? and status = 'PENDING'
                             order by chunk limit 1 for update skip locked""")
                    .param(run.id())
                    .query((rs, n) -> new Object[]{rs.getInt(1), rs.getArray(2) == null ? null : rs.getArray(2).getArray(), rs.getLong(3), rs.getLong(4)})
                    .list();
            if (claimed.isEmpty()) {
                return false;
            }
            // This transaction need not wait for its commit to reach the disk: if the server crashes before it does, the
            // chunk is still PENDING afterwards (its DONE mark is in the same transaction) and is billed again, and the
            // unique index on (agreement, period) keeps that from making a second bill. The run's completion, and any
            // other transaction, still commits synchronously; it flushes this one's WAL along with its own.
            // Index probes for the chunk's accounts, whatever the server's default costs (see EmbeddedDatabase), and no
            // parallel workers: starting them costs more than a chunk's small queries.
            jdbc.sql("select set_config('synchronous_commit', 'off', true), set_config('random_page_cost', '1.1', true), "
                    + "set_config('max_parallel_workers_per_gather', '0', true)").query().listOfRows();
            Object[] c = claimed.getFirst();
            int chunk = (Integer) c[0];
            long started = System.nanoTime();
            // Chunks of runs opened before chunks were ranges list their accounts.
            ChunkBiller.Outcome outcome = c[1] != null ? biller.bill(run, Arrays.asList((Long[]) c[1]))
                    : biller.billRange(run, cycleCount, (Long) c[2], (Long) c[3]);
            hook.afterBilling(run.id(), chunk);
            jdbc.sql("update billing.bill_run_chunk set status = 'DONE', worker = ?, bills = ?, held = ?, accounts = ?, millis = ?, finished_at = ? "
                            + "where run_id = ? and chunk = ?")
                    .params(worker, outcome.issued(), outcome.held(), outcome.accounts(), (int) ((System.nanoTime() - started) / 1_000_000),
                            Timestamp.from(clock.instant()), run.id(), chunk)
                    .update();
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * Sends a held bill back and bills its account again at once in the bill's run, with the reads as they are now
     * (after a clerk fixed or estimated the read that held it). Returns the new bill's id, or null when nothing was due.
     */
    public Long billAgain(long billId) {
        BillView held = bills.bill(billId);
        if (held.runId() == null) {
            throw new InvalidInputException("billId", "bill " + billId + " was not made by a bill run");
        }
        ChunkBiller.Run context = context(view(held.runId()));
        return transactions.execute(status -> {
            bills.sendBack(billId, "billed again");
            biller.bill(context, List.of(held.accountId()));
            return jdbc.sql("select id from billing.bill where account_id = ? and run_id = ? and status <> 'CANCELLED' order by id desc limit 1")
                    .params(held.accountId(), held.runId()).query(Long.class).optional().orElse(null);
        });
    }

    /**
     * Cancels an issued bill and bills its period again: the bill's ledger entries are reversed (with the reason), the
     * bill and its segments are cancelled, and the account is billed anew in the bill's run with the reads and rates as
     * they are now; the new bill says which bill it corrects. Only the account's latest bill can be cancelled this way.
     * Returns the corrected bill's id (null when nothing was due).
     */
    public Long cancelAndRebill(long billId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required: it is printed on the corrected bill and kept in the ledger");
        }
        BillView bill = bills.bill(billId);
        if (!"ISSUED".equals(bill.status())) {
            throw new InvalidInputException("billId", "bill " + billId + " is " + bill.status().toLowerCase() + "; only an issued bill is cancelled and rebilled");
        }
        if (bill.runId() == null) {
            throw new InvalidInputException("billId", "bill " + billId + " was not made by a bill run");
        }
        ChunkBiller.Run context = context(view(bill.runId()));
        return transactions.execute(status -> {
            Long later = jdbc.sql("select id from billing.bill where account_id = ? and id > ? and status in ('ISSUED', 'HELD') order by id limit 1")
                    .params(bill.accountId(), billId).query(Long.class).optional().orElse(null);
            if (later != null) {
                throw new InvalidInputException("billId", "bill " + later + " came after this one; cancel and rebill it first");
            }
            LocalDate today = LocalDate.now(clock);
            for (var entry : ledgerEntries(bill.accountId(), billId)) {
                ledger.reverse(entry, today, "bill " + billId + " cancelled: " + reason.trim());
            }
            jdbc.sql("update billing.bill_segment set status = 'CANCELLED' where bill_id = ?").param(billId).update();
            jdbc.sql("update billing.bill set status = 'CANCELLED' where id = ?").param(billId).update();
            biller.bill(context, List.of(bill.accountId()));
            Long corrected = jdbc.sql("select id from billing.bill where account_id = ? and id > ? and status <> 'CANCELLED' order by id desc limit 1")
                    .params(bill.accountId(), billId).query(Long.class).optional().orElse(null);
            if (corrected != null) {
                jdbc.sql("update billing.bill set corrects_bill_id = ? where id = ?").params(billId, corrected).update();
            }
            audit.changed("bill", billId, bill.accountId(), "cancelled and rebilled", Map.of("status", "ISSUED", "total", bill.currentCharges().toString()),
                    Map.of("status", "CANCELLED", "reason", reason.trim(), "correctedBy", corrected == null ? "" : corrected.toString()));
            return corrected;
        });
    }

    private List<Long> ledgerEntries(long accountId, long billId) {
        return ledger.fromSource(accountId, "BILL", billId).stream()
                .filter(e -> e.kind() != coop.switchboard.ledger.EntryKind.REVERSAL && e.reversesId() == null)
                .map(coop.switchboard.ledger.EntryView::id).toList();
    }

    ChunkBiller.Run context(BillRunView run) {
        LocalDate previous = cycles.scheduleFor(run.cycle(), run.period().minusMonths(1)).map(CycleScheduleView::readDate)
                .orElse(cycles.scheduleFor(run.cycle(), run.period()).map(CycleScheduleView::previousReadDate).orElse(null));
        return new ChunkBiller.Run(run.id(), run.cycle(), run.period(), run.windowFrom(), run.windowTo(), run.readDate(), previous,
                run.billDate(), run.dueDate());
    }

    public BillRunView view(long runId) {
        return jdbc.sql(SELECT + " where r.id = ?").param(runId).query(row).optional().orElseThrow(() -> new NotFoundException("Bill run", runId));
    }

    public Optional<BillRunView> find(int cycle, YearMonth period) {
        return jdbc.sql(SELECT + " where r.cycle_number = ? and r.period = ?").params(cycle, period.toString()).query(row).optional();
    }

    /** The latest runs, newest first. */
    public List<BillRunView> recent(int limit) {
        return jdbc.sql(SELECT + " order by r.id desc limit ?").param(Math.max(1, Math.min(limit, 200))).query(row).list();
    }
}

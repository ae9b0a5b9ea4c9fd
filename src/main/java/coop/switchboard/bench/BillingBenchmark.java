package coop.switchboard.bench;

import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillRunView;
import coop.switchboard.demo.DemoUtility;
import coop.switchboard.shared.CliCommand;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./switchboard bench billing [--accounts N] [--threads N] [--keep]}: times a bill run end to end — from
 * {@link BillRunService#start} (the cycle's accounts found and divided into chunks) through {@link BillRunService#work}
 * returning with every chunk committed (agreements, determinants from register reads, rating, bills, segments, lines
 * and ledger entries) — on a database of N accounts (default 100,000) on one cycle, built once by
 * {@link BillingBenchData} and reused while it holds N accounts. Before each run the previous run's bills and ledger
 * entries are emptied so everything is billed again ({@code --keep}: not, so an unfinished run is resumed).
 * It needs a database of its own and refuses one that holds anyone else's members or meters.
 */
@Component
class BillingBenchmark implements CliCommand {
    static final String OPTIONS = "options: --accounts N, --threads N, --keep, --pdfs N";
    private final BillRunService runs;
    private final DemoUtility demo;
    private final JdbcClient jdbc;
    private final BillingBenchData data;
    private final Environment env;
    private final Clock clock;
    private final coop.switchboard.billing.BillDocumentService documents;

    BillingBenchmark(BillRunService runs, DemoUtility demo, JdbcClient jdbc, DataSource dataSource, Environment env, Clock clock,
                     coop.switchboard.billing.BillDocumentService documents) {
        this.documents = documents;
        this.runs = runs;
        this.demo = demo;
        this.jdbc = jdbc;
        this.data = new BillingBenchData(dataSource, jdbc);
        this.env = env;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bench billing";
    }

    @Override
    public String summary() {
        return "a bill run end to end on a generated database";
    }

    /** The command's options. {@code threads} 0: the billing policy's number. */
    record Options(int accounts, int threads, boolean keep, int pdfs) {
        Options(int accounts, int threads, boolean keep) {
            this(accounts, threads, keep, 200);
        }

        static Options parse(List<String> args) {
            int accounts = 100_000;
            int threads = 0;
            boolean keep = false;
            int pdfs = 200;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--accounts" -> accounts = positive("--accounts", args, ++i);
                    case "--threads" -> threads = positive("--threads", args, ++i);
                    case "--keep" -> keep = true;
                    case "--pdfs" -> pdfs = positive("--pdfs", args, ++i);
                    default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "' (" + OPTIONS + ")");
                }
            }
            return new Options(accounts, threads, keep, pdfs);
        }

        /** A positive whole number after an option (commas and underscores allowed); shared by the benchmarks' options. */
        static int positive(String option, List<String> args, int i) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a number");
            }
            try {
                int n = Integer.parseInt(args.get(i).replace("_", "").replace(",", ""));
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a positive whole number, not '" + args.get(i) + "'");
            }
        }
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        Options options = Options.parse(args);
        prepare(options.accounts(), out);
        if (!options.keep()) {
            // The bill and ledger tables hold nothing but earlier runs of this benchmark (prepare checked); TRUNCATE is
            // not stopped by the ledger's insert-only trigger, which guards against UPDATE and DELETE.
            jdbc.sql("truncate billing.bill_delivery, billing.bill_segment, billing.bill, billing.bill_run_chunk, billing.bill_run, ledger.entry")
                    .update();
        }
        jdbc.sql("checkpoint").update();

        String walBefore = jdbc.sql("select pg_current_wal_lsn()::text").query(String.class).single();
        double[] cpuBefore = cpuSeconds();
        long jitBefore = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long started = System.nanoTime();
        BillRunView run = runs.start(BillingBenchData.CYCLE, BillingBenchData.PERIOD);
        double startSeconds = (System.nanoTime() - started) / 1e9;
        long before = run.bills();
        out.printf(Locale.ROOT, "Bill run %d: cycle %d, %s, %s%,d accounts in %,d chunks (opened in %.2f s), %s thread(s)%n", run.id(),
                run.cycle(), run.period(), run.accountsEstimated() ? "about " : "", run.accounts(), run.chunks(), startSeconds,
                options.threads() > 0 ? options.threads() : env.getProperty("switchboard.billing.run.threads", "2") + " (policy)");
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-billing-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            BillRunView now = runs.view(run.id());
            out.printf(Locale.ROOT, "  %3d%%  %,d of %,d chunks  %,d bills  %.0f s%n", now.percent(), now.chunksDone(), now.chunks(),
                    now.bills(), (System.nanoTime() - started) / 1e9);
        }, 5, 5, TimeUnit.SECONDS);
        BillRunView done;
        try {
            done = runs.work(run.id(), options.threads(), null);
        } finally {
            ticker.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long bills = done.bills() - before;
        double[] cpuAfter = cpuSeconds();
        double jitSeconds = (java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore) / 1e3;
        out.printf(Locale.ROOT, "  CPU time during the run: this JVM %.1f s (its JIT compiler threads busy for %.1f s), PostgreSQL %.1f s (%.1f s of %.1f s on %d cores)%n",
                cpuAfter[0] - cpuBefore[0], jitSeconds, cpuAfter[1] - cpuBefore[1], cpuAfter[0] - cpuBefore[0] + cpuAfter[1] - cpuBefore[1],
                seconds * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());

        double walGb = jdbc.sql("select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn) / 1e9").param(walBefore).query(Double.class).single();
        Object[] check = jdbc.sql("""
                        select count(*), count(*) filter (where status = 'ISSUED'), coalesce(sum(current_charges) filter (where status = 'ISSUED'), 0),
                               (select count(*) from billing.bill_segment), (select count(*) from billing.bill_line)
                          from billing.bill where run_id = ?""")
                .param(run.id()).query((rs, n) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4), rs.getLong(5)})
                .single();
        Object[] ledger = jdbc.sql("select count(*), coalesce(sum(amount), 0) from ledger.entry where source_type = 'BILL'")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getBigDecimal(2)}).single();
        out.printf(Locale.ROOT, "  %s in %.2f s: %,d bills (%,d issued, %,d held), %,d segments, %,d lines, %,d ledger entries, %.1f GB of WAL%n",
                done.complete() ? "complete" : "stopped", seconds, (long) check[0], done.issued(), done.held(), (long) check[3],
                (long) check[4], (long) ledger[0], walGb);
        if (!done.complete() || (long) check[0] != done.accounts() || ((BigDecimal) check[2]).compareTo((BigDecimal) ledger[1]) != 0) {
            throw new IllegalStateException("the run did not bill every account once with ledger entries matching its bills: "
                    + check[0] + " bills for " + done.accounts() + " accounts, charges " + check[2] + ", ledger " + ledger[1]);
        }
        if (done.held() > 0) {
            out.printf(Locale.ROOT, "  warning: %,d bills held for review, e.g. %s%n", done.held(),
                    jdbc.sql("select hold_reasons::text from billing.bill where run_id = ? and status = 'HELD' limit 3")
                            .param(run.id()).query(String.class).list());
        }
        // PDF rendering on one thread (one core): the run's first bills, after a few to warm up. The bench emptied the
        // bill tables and filled them again seconds ago, before autovacuum's next look: their statistics are brought up
        // to date first, as they are in a database that bills every day (a bill run adds a month to a year of bills).
        jdbc.sql("analyze billing.bill, billing.bill_segment, ledger.entry").update();
        List<Long> ids = jdbc.sql("select id from billing.bill where run_id = ? and status = 'ISSUED' order by id limit ?")
                .params(run.id(), options.pdfs() + 20).query(Long.class).list();
        long bytes = 0;
        for (Long id : ids.subList(0, Math.min(20, ids.size()))) {
            bytes += documents.pdf(id).length;
        }
        List<Long> timed = ids.subList(Math.min(20, ids.size()), ids.size());
        long pdfStart = System.nanoTime();
        for (Long id : timed) {
            bytes += documents.pdf(id).length;
        }
        double pdfSeconds = Math.max(1e-9, (System.nanoTime() - pdfStart) / 1e9);
        out.printf(Locale.ROOT, "  rendered %,d bill PDFs on one thread in %.2f s (%,d bytes in all)%n", timed.size(), pdfSeconds, bytes);
        out.printf(Locale.ROOT, "{\"bench\":\"billing\",\"accounts\":%d,\"seconds\":%.2f,\"billsPerSecond\":%.0f,\"pdfs\":%d,\"pdfsPerSecondPerCore\":%.1f}%n",
                done.accounts(), seconds, bills / seconds, timed.size(), timed.size() / pdfSeconds);
        return 0;
    }

    /**
     * CPU seconds used so far by this JVM and by this database's PostgreSQL (the postmaster and its children, from
     * /proc; 0 where it is not there), so a run's figure can be told apart from other work on a shared machine.
     */
    private double[] cpuSeconds() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        String[] own = procStat(backend);
        if (own == null) {
            return new double[]{jvm, 0};
        }
        long postmaster = Long.parseLong(own[1]);
        double postgres = 0;
        java.io.File[] procs = new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        for (java.io.File proc : procs == null ? new java.io.File[0] : procs) {
            long pid = Long.parseLong(proc.getName());
            String[] f = procStat(pid);
            if (f != null && (pid == postmaster || Long.parseLong(f[1]) == postmaster)) {
                postgres += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
            }
        }
        return new double[]{jvm, postgres};
    }

    /** The fields of /proc/PID/stat after the command name (state, ppid, …), or null. */
    private static String[] procStat(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (java.io.IOException | RuntimeException e) {
            return null; // no /proc, or the process ended meanwhile
        }
    }

    /** Builds the database of {@code accounts} accounts unless it holds them already; refuses anyone else's database. */
    private void prepare(int accounts, PrintStream out) {
        long foreign = data.foreignRows();
        if (foreign > 0) {
            throw new IllegalArgumentException("the database in " + env.getProperty("switchboard.data-dir", "data")
                    + " holds members or meters this benchmark did not make, and it empties the bill and ledger tables before each run;"
                    + " give it a database of its own: ./switchboard bench billing --data-dir data-bench-billing ...");
        }
        long present = data.accounts();
        if (present == accounts) {
            out.printf(Locale.ROOT, "Reusing the %,d-account database.%n", present);
        } else {
            if (present > 0 || data.anyRows()) {
                out.printf(Locale.ROOT, "The database holds %,d of the benchmark's accounts for %s, not %,d: rebuilding it.%n", present,
                        BillingBenchData.PERIOD, accounts);
                data.clear();
            }
            out.printf(Locale.ROOT, "Writing %,d accounts on cycle %d with reads for %s (COPY)...%n", accounts, BillingBenchData.CYCLE,
                    BillingBenchData.PERIOD);
            data.generate(accounts, clock.instant(), out);
        }
        if (demo.addTariffsIfNone()) {
            out.println("Imported the demo tariffs.");
        }
    }
}

package coop.switchboard.bench;

import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.payments.LockboxImport;
import coop.switchboard.payments.lockbox.LockboxFile;
import coop.switchboard.payments.lockbox.LockboxWriter;
import coop.switchboard.platform.ApiTokens;
import coop.switchboard.platform.Role;
import coop.switchboard.shared.CliCommand;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.ScanLine;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./switchboard bench payments [--payments N] [--api N] [--clients N]}: on the billing benchmark's database of N
 * accounts (default 100,000; built once and reused), each account is given one open charge, then
 * <ol>
 *   <li>a lockbox file of N checks (the fixed-width BAI lockbox layout, each with its stub's scan line) is imported end to
 *   end — read, control totals checked, every item matched to its account, allocated and posted with its receipt,
 *   payment, allocation and ledger entry, in one transaction — and timed;</li>
 *   <li>single payments are posted through {@code POST /api/v1/payments} (each with its own idempotency key) by several
 *   concurrent clients over HTTP, after a warm-up, for the rate and the 95th-percentile latency.</li>
 * </ol>
 * It empties the payment, bill and ledger tables first, so it refuses a database holding anyone else's members.
 */
@Component
class PaymentsBenchmark implements CliCommand {
    static final String OPTIONS = "options: --payments N, --api N, --clients N, --warmup N";
    private static final int WARMUP_ROUND = 5_000;
    private static final int WARMUP_LIMIT = 80_000;
    private static final double WARM_JIT_SHARE = 0.2;
    private final LockboxImport lockbox;
    private final LedgerService ledger;
    private final ApiTokens tokens;
    private final JdbcClient jdbc;
    private final BillingBenchData data;
    private final TransactionTemplate tx;
    private final Environment env;
    private final Clock clock;

    PaymentsBenchmark(LockboxImport lockbox, LedgerService ledger, ApiTokens tokens, JdbcClient jdbc, DataSource dataSource,
                      TransactionTemplate tx, Environment env, Clock clock) {
        this.lockbox = lockbox;
        this.ledger = ledger;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.data = new BillingBenchData(dataSource, jdbc);
        this.tx = tx;
        this.env = env;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bench payments";
    }

    @Override
    public String summary() {
        return "a 100,000-payment lockbox file end to end, and single payments through the REST API";
    }

    @Override
    public boolean needsWebServer() {
        return true;
    }

    record Options(int payments, int api, int clients, int warmup) {
        static Options parse(List<String> args) {
            int payments = 100_000;
            int api = 5_000;
            int clients = 8;
            int warmup = 3_000;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--payments" -> payments = BillingBenchmark.Options.positive("--payments", args, ++i);
                    case "--api" -> api = BillingBenchmark.Options.positive("--api", args, ++i);
                    case "--clients" -> clients = BillingBenchmark.Options.positive("--clients", args, ++i);
                    case "--warmup" -> warmup = BillingBenchmark.Options.positive("--warmup", args, ++i);
                    default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "' (" + OPTIONS + ")");
                }
            }
            return new Options(payments, api, clients, warmup);
        }
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        Options options = Options.parse(args);
        prepare(options.payments(), out);
        List<String[]> accounts = jdbc.sql("select id::text, account_number from members.account order by id limit ?").param(options.payments())
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        LocalDate today = LocalDate.now(clock);

        // One open charge on each account, so every payment is allocated against something.
        List<NewEntry> charges = new ArrayList<>(accounts.size());
        List<LockboxFile.Item> items = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            Money owed = Money.ofCents(5_000 + (i * 7919L) % 20_000);
            long accountId = Long.parseLong(accounts.get(i)[0]);
            charges.add(NewEntry.charge(accountId, today.minusDays(20), EntryKind.CHARGE, owed, "ELECTRIC", "ENERGY",
                    GlAccounts.revenue("ELECTRIC", "RS"), "BENCH", accountId, "Bench charge", today.plusDays(5)));
            Money paid = i % 10 == 0 ? Money.ofCents(owed.cents() / 2) : owed;
            items.add(new LockboxFile.Item(0, ScanLine.of(accounts.get(i)[1], owed).replace(" ", ""), paid.amount(),
                    Integer.toString(100_000 + i), "Bench Payer " + i, "021000021", Long.toString(900_000_000L + i), today, null, null));
        }
        tx.executeWithoutResult(s -> ledger.postAll(charges));
        String file = LockboxWriter.write(today, items);
        byte[] bytes = file.getBytes(StandardCharsets.US_ASCII);
        jdbc.sql("vacuum analyze ledger.entry").update();
        jdbc.sql("checkpoint").update();
        out.printf(Locale.ROOT, "Lockbox file: %,d checks, %,d bytes; importing...%n", items.size(), bytes.length);

        long started = System.nanoTime();
        LockboxImport.Result result = lockbox.importFile("bench-lockbox-" + System.currentTimeMillis() + ".txt", bytes);
        double lockboxSeconds = (System.nanoTime() - started) / 1e9;
        LockboxImport.FileView f = result.file();
        if (f.rejected() || f.posted() != items.size()) {
            throw new IllegalStateException("the lockbox file did not post every item: " + f);
        }
        BigDecimal ledgerPayments = jdbc.sql("select coalesce(-sum(amount), 0) from ledger.entry where source_type = 'PAYMENT'")
                .query(BigDecimal.class).single();
        if (ledgerPayments.compareTo(f.postedTotal().amount()) != 0) {
            throw new IllegalStateException("ledger payments " + ledgerPayments + " differ from the file's " + f.postedTotal());
        }
        out.printf(Locale.ROOT, "  %,d payments ($%s) posted in %.2f s: %,.0f a second%n", f.posted(), f.postedTotal(), lockboxSeconds,
                f.posted() / lockboxSeconds);

        // The import leaves 400,000 new rows for autovacuum and the checkpointer; let them finish so the API phase is timed alone.
        jdbc.sql("vacuum analyze ledger.entry, payments.receipt, payments.payment, payments.allocation").update();
        jdbc.sql("checkpoint").update();
        Api api = api(options, accounts, out);
        out.printf(Locale.ROOT, "{\"bench\":\"payments\",\"lockboxPayments\":%d,\"lockboxSeconds\":%.2f,\"lockboxPaymentsPerSecond\":%.0f,"
                        + "\"apiPaymentsPerSecond\":%.0f,\"apiP95Ms\":%.1f,\"apiPayments\":%d,\"apiClients\":%d,\"apiWarmup\":%d}%n",
                f.posted(), lockboxSeconds, f.posted() / lockboxSeconds, api.perSecond(), api.p95Ms(), options.api(), options.clients(), api.warmup());
        return 0;
    }

    private record Api(double perSecond, double p95Ms, int warmup) {
    }

    /**
     * A server taking payments all day has compiled its request path long ago; a fresh JVM on two cores is still compiling
     * it after tens of thousands of requests, the compiler threads taking a fifth of the CPU from the requests. So the
     * warm-up posts {@code --warmup} payments and then rounds of {@value #WARMUP_ROUND} more until the JIT compiles for
     * less than {@value #WARM_JIT_SHARE} of a round's time (or {@value #WARMUP_LIMIT} posts in all); returns how many it posted.
     */
    private int warmUp(int port, String token, List<String[]> accounts, String prefix, Options options, PrintStream out) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            send(port, token, accounts, prefix, options.warmup(), options.clients());
            out.printf(Locale.ROOT, "Warm-up: %,d posts (this JVM does not report its JIT's time)%n", options.warmup());
            return options.warmup();
        }
        int posted = 0;
        int round = Math.max(1, options.warmup());
        while (true) {
            long compiled = jit.getTotalCompilationTime();
            long started = System.nanoTime();
            send(port, token, accounts, prefix + posted + "-", round, options.clients());
            posted += round;
            double share = (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - started) / 1e6);
            out.printf(Locale.ROOT, "Warm-up: %,d posts; the JIT compiled for %.0f%% of the last round's time%n", posted, 100 * share);
            if (share < WARM_JIT_SHARE || posted >= WARMUP_LIMIT) {
                return posted;
            }
            round = WARMUP_ROUND;
        }
    }

    /** Posts single payments over HTTP from several clients at once; returns the rate and the 95th-percentile latency. */
    private Api api(Options options, List<String[]> accounts, PrintStream out) throws Exception {
        String localPort = env.getProperty("local.server.port");
        if (localPort == null) {
            throw new IllegalStateException("bench payments needs this process's web server, and it has none");
        }
        int port = Integer.parseInt(localPort);
        String token = tokens.issue("bench payments " + System.nanoTime(), Set.of(Role.CSR));
        String run = Long.toString(System.nanoTime(), 36);
        try {
            int warmup = warmUp(port, token, accounts, "w" + run, options, out);
            out.printf(Locale.ROOT, "API: %,d payments from %d clients...%n", options.api(), options.clients());
            long started = System.nanoTime();
            long[] latencies = send(port, token, accounts, "m" + run, options.api(), options.clients());
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            double p95 = latencies[(int) Math.ceil(latencies.length * 0.95) - 1] / 1e6;
            out.printf(Locale.ROOT, "  %,d payments in %.2f s: %,.0f a second, median %.1f ms, p95 %.1f ms, max %.1f ms%n", latencies.length,
                    seconds, latencies.length / seconds, latencies[latencies.length / 2] / 1e6, p95, latencies[latencies.length - 1] / 1e6);
            return new Api(latencies.length / seconds, p95, warmup);
        } finally {
            tokens.revoke(token);
        }
    }

    /** Each client keeps one connection and posts one payment after another, each with its own idempotency key. */
    private static long[] send(int port, String token, List<String[]> accounts, String prefix, int n, int clients) throws Exception {
        if (n == 0) {
            return new long[0];
        }
        return HttpLoad.run("localhost", port, n, clients, 201, i -> {
            String[] account = accounts.get((int) ((i * 104_729L) % accounts.size()));
            return new HttpLoad.Request("POST", "/api/v1/payments",
                    List.of("Authorization: Bearer " + token, "Content-Type: application/json", "Idempotency-Key: " + prefix + "-" + i),
                    "{\"tender\":\"WEB\",\"accountId\":" + account[0] + ",\"amount\":" + (10 + i % 90) + ".00,\"reference\":\"web-" + i + "\"}");
        });
    }

    /** The billing benchmark's accounts (built if missing); the payment, bill and ledger tables emptied. */
    private void prepare(int accounts, PrintStream out) {
        if (data.foreignRows() > 0) {
            throw new IllegalArgumentException("the database in " + env.getProperty("switchboard.data-dir", "data")
                    + " holds members this benchmark did not make, and it empties the payment, bill and ledger tables;"
                    + " give it a database of its own: ./switchboard bench payments --data-dir data-bench-payments ...");
        }
        long present = data.accounts();
        if (present < accounts) {
            if (present > 0 || data.anyRows()) {
                data.clear();
            }
            out.printf(Locale.ROOT, "Writing %,d accounts (COPY)...%n", accounts);
            data.generate(accounts, clock.instant(), out);
        } else {
            out.printf(Locale.ROOT, "Reusing the database's %,d accounts.%n", present);
        }
        // Nothing here but earlier benchmark runs (checked above); TRUNCATE is not stopped by the insert-only triggers.
        jdbc.sql("""
                truncate payments.suspense, payments.lockbox_file, payments.allocation, payments.reversal, payments.payment, payments.receipt,
                         payments.ach_return, payments.ach_return_file, payments.ach_entry, payments.ach_file, payments.ach_enrollment,
                         payments.refund, payments.balance_transfer, payments.cash_only, payments.batch, payments.drawer, payments.deposit,
                         billing.bill_delivery, billing.bill_segment, billing.bill, billing.bill_run_chunk, billing.bill_run,
                         ledger.entry""").update();
    }
}

package coop.switchboard.demo;

import coop.switchboard.platform.CopyLoader;
import coop.switchboard.platform.CopyRows;
import coop.switchboard.metering.ReadService;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.SensitiveData;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills an empty database with a believable electric cooperative (with some water and fiber customers), the same
 * one every time for a seed and size. One thread generates batches while this one streams the previous batch to
 * PostgreSQL with {@code COPY}, all in one transaction, so a failed load leaves the database empty.
 */
@Service
public class DemoUtility {
    public static final int DEFAULT_MEMBERS = 5000;
    public static final long DEFAULT_SEED = 20261123L;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final SensitiveData sensitive;
    private final AccountSearch search;
    private final Clock clock;
    private final ObjectProvider<Flyway> migrations;
    private final TariffService tariffs;
    private final ReadService reads;
    private final DemoBilling billing;

    DemoUtility(DataSource dataSource, JdbcClient jdbc, SensitiveData sensitive, AccountSearch search, Clock clock,
                ObjectProvider<Flyway> migrations, TariffService tariffs, ReadService reads, DemoBilling billing) {
        this.billing = billing;
        this.tariffs = tariffs;
        this.reads = reads;
        this.migrations = migrations;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.sensitive = sensitive;
        this.search = search;
        this.clock = clock;
    }

    /** How many members the database holds. */
    public long memberCount() {
        return jdbc.sql("select count(*) from members.member").query(Long.class).single();
    }

    /**
     * Generates {@code members} members with their accounts, premises, meters and history from {@code seed}, with
     * billing cycles, 24 months of register reads, interval data for some AMI meters and a queue of read exceptions,
     * printing progress lines; then analyzes the tables, records the held-back reads that trip the validation rules
     * and rebuilds the search index.
     *
     * @throws IllegalStateException when the database already holds members or premises
     */
    public DemoResult generate(int members, long seed, PrintStream progress) {
        if (members < 1) {
            throw new IllegalArgumentException("members must be at least 1, not " + members);
        }
        requireEmpty();
        long started = System.nanoTime();
        Cooperative coop = new Cooperative(seed, members, LocalDate.now(clock), clock.getZone(), clock.instant(), sensitive);
        Tables t = coop.tables();
        try {
            load(coop, members, progress);
        } catch (SQLException e) {
            throw new IllegalStateException("loading the demo failed: " + e.getMessage(), e);
        }
        progress.println("importing the demo tariffs");
        tariffs.importFile(demoTariffs(), null);
        // The demo writes interval days with COPY; their totals go to the narrow table determinants read, as imports do.
        jdbc.sql("""
                insert into metering.interval_total (meter_id, day, minutes, total, peak, readings)
                select meter_id, day, minutes, total, peak, readings from metering.interval_day
                on conflict (meter_id, day) do nothing""").update();
        jdbc.sql("analyze " + String.join(", ", Batch.ANALYZED) + ", metering.interval_total").update();
        int queued = recordHeldReads(coop.heldReads(), progress);
        progress.printf(Locale.ROOT, "metering: %d register reads, %d interval days on %d AMI meters, %d read exceptions%n",
                t.reads + coop.heldReads().size(), t.intervalDays, coop.readings().intervalMeters(), t.readExceptions + queued);
        progress.println("rebuilding the search index");
        search.rebuildIndex();
        if (members <= DemoBilling.MAX_MEMBERS) {
            billing.billHistory(3, progress);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        progress.printf(Locale.ROOT, "demo loaded: %d members, %d accounts, %d premises, %d meters in %.1f s%n",
                t.members, t.accounts, t.premises, t.meters, millis / 1000.0);
        return new DemoResult((int) t.members, (int) t.accounts, (int) t.premises, (int) t.meters, millis);
    }

    /** Imports the demo tariffs into a database that has no rate schedules yet; true when it did. */
    public boolean addTariffsIfNone() {
        if (!tariffs.schedules(LocalDate.now(clock)).isEmpty()) {
            return false;
        }
        tariffs.importFile(demoTariffs(), null);
        return true;
    }

    /** The demo cooperative's rate schedules in the tariff file format (also a worked example for utilities). */
    public static String demoTariffs() {
        try (var in = DemoUtility.class.getResourceAsStream("/tariffs/demo-tariffs.yaml")) {
            return new String(java.util.Objects.requireNonNull(in, "tariffs/demo-tariffs.yaml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Records the reads the generator held back (the latest read of a few meters, made to trip a validation rule)
     * through the metering module, so each is validated and queued exactly as a read from the field would be.
     * Returns how many exceptions they queued.
     */
    private int recordHeldReads(List<ReadCases.Post> held, PrintStream progress) {
        int queued = 0;
        for (ReadCases.Post post : held) {
            try {
                queued += reads.record(post.read()).findings().size();
            } catch (RuntimeException e) {
                progress.println("could not record the " + post.expected() + " read of meter " + post.read().meterNumber()
                        + ": " + e.getMessage());
            }
        }
        return queued;
    }

    private void requireEmpty() {
        long members = memberCount();
        long premises = jdbc.sql("select count(*) from premises.premise").query(Long.class).single();
        if (members > 0 || premises > 0) {
            throw new IllegalStateException("the database is not empty (" + members + " members, " + premises
                    + " premises); the demo loads only into an empty database");
        }
    }

    private void load(Cooperative coop, int members, PrintStream progress) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                skipForeignKeyChecksIfAllowed(connection, progress);
                intervalPartitions(connection, LocalDate.now(clock));
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                List<String> indexes = dropSecondaryIndexes(connection, "metering", "register_read");
                stream(coop, new CopyLoader(copy), copy, members, progress);
                try (Statement s = connection.createStatement()) {
                    for (String index : indexes) {
                        s.execute(index);
                    }
                }
                resetSequences(connection, coop.tables());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Every row the generator writes refers only to rows written before it (the tests hold it to that), so checking
     * each foreign key row by row only halves the load rate. Like {@code pg_restore --disable-triggers}, a superuser
     * session skips those checks for this transaction; any other role loads with them.
     */
    private static void skipForeignKeyChecksIfAllowed(Connection connection, PrintStream progress) throws SQLException {
        try (Statement s = connection.createStatement();
             var rs = s.executeQuery("select current_setting('is_superuser') = 'on'")) {
            if (rs.next() && rs.getBoolean(1)) {
                s.execute("set local session_replication_role = replica");
            } else {
                progress.println("not a superuser: loading with foreign key checks, which is slower");
            }
        }
    }

    /**
     * Drops a table's indexes other than its keys, returning the statements that make them again: building an index
     * once over tens of millions of loaded reads is much cheaper than keeping it up to date row by row. All of it
     * happens in the load's transaction, so a failed load leaves the indexes as they were.
     */
    private static List<String> dropSecondaryIndexes(Connection connection, String schema, String table) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        List<String> definitions = new java.util.ArrayList<>();
        try (var find = connection.prepareStatement("""
                select i.indexname, i.indexdef from pg_indexes i
                 where i.schemaname = ? and i.tablename = ?
                   and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = ?::regnamespace)
                 order by i.indexname""")) {
            find.setString(1, schema);
            find.setString(2, table);
            find.setString(3, schema);
            try (var rs = find.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    definitions.add(rs.getString(2));
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            for (String name : names) {
                s.execute("drop index " + schema + "." + name);
            }
        }
        return definitions;
    }

    /** The monthly partitions of interval data the demo writes into, made in the load's transaction. */
    private static void intervalPartitions(Connection connection, LocalDate today) throws SQLException {
        try (var ensure = connection.prepareStatement("select metering.ensure_interval_month(?)")) {
            for (LocalDate month = MeterReadings.intervalsFrom(today).withDayOfMonth(1); month.isBefore(today);
                 month = month.plusMonths(1)) {
                ensure.setObject(1, month);
                ensure.execute();
            }
        }
    }

    /** Generation on its own thread, COPY on this one; at most two batches wait between them. */
    private void stream(Cooperative coop, CopyLoader loader, CopyManager copy, int members, PrintStream progress)
            throws SQLException {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);
        Batch end = new Batch();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread generator = Thread.ofPlatform().name("demo-generator").daemon().start(() -> {
            try {
                coop.run(batch -> put(queue, batch));
            } catch (CancellationException ignored) {
                // the loader stopped; nothing more to do
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                try {
                    queue.put(end);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        long loaded = 0;
        long step = Math.max(1, members / 10);
        long nextReport = step;
        boolean finished = false;
        try {
            while (true) {
                Batch batch = queue.take();
                if (batch == end) {
                    finished = true;
                    break;
                }
                loader.load(batch.tables);
                if (batch.registerRead.rows() > 0) {
                    batch.registerRead.copyTo(copy);
                }
                loaded += batch.member.rows();
                if (loaded >= nextReport || loaded == members) {
                    progress.println("members " + loaded + "/" + members);
                    nextReport = (loaded / step + 1) * step;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the demo", e);
        } finally {
            if (!finished) {
                generator.interrupt();
                while (generator.isAlive()) {
                    queue.clear();
                    try {
                        generator.join(10);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("generating the demo failed: " + failure.get().getMessage(), failure.get());
        }
    }

    private static void put(BlockingQueue<Batch> queue, Batch batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("demo load cancelled");
        }
    }

    /** Ids were assigned here, so the identity sequences and the number sequences must move past them. */
    private static void resetSequences(Connection connection, Tables t) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String table : Batch.TABLE_NAMES) {
                s.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), coalesce(max(id), 1), "
                        + "max(id) is not null) from " + table);
            }
            s.execute("select setval('members.membership_number_seq', " + (Tables.MEMBERSHIP_NUMBER_BASE + t.members) + ")");
            if (t.accounts > 0) {
                s.execute("select setval('members.account_base_seq', " + (Tables.ACCOUNT_BASE + t.accounts) + ")");
            }
        }
    }

    /**
     * Wipes the database: cleans every schema the migrations created (each module's folder names its schema) as well as the configured
     * ones, then migrates; Flyway on its own would clean only the default schema.
     */
    public void wipe() {
        Flyway flyway = migrations.getIfAvailable();
        if (flyway == null) {
            throw new IllegalStateException("wiping the database needs Flyway, which is disabled in this configuration");
        }
        Set<String> schemas = new LinkedHashSet<>();
        String defaultSchema = flyway.getConfiguration().getDefaultSchema();
        schemas.add(defaultSchema == null ? "public" : defaultSchema);
        schemas.addAll(List.of(flyway.getConfiguration().getSchemas()));
        for (MigrationInfo applied : flyway.info().applied()) {
            String script = applied.getScript();
            if (script != null && script.indexOf('/') > 0) {
                schemas.add(script.substring(0, script.indexOf('/')));
            }
        }
        Flyway.configure().configuration(flyway.getConfiguration())
                .schemas(schemas.toArray(String[]::new))
                .cleanDisabled(false)
                .load()
                .clean();
        flyway.migrate();
    }
}

package coop.switchboard.bench;

import coop.switchboard.platform.CopyLoader;
import coop.switchboard.platform.CopyRows;
import coop.switchboard.shared.CheckDigit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The billing benchmark's database: N residential accounts, all on one billing cycle, each a member with an account,
 * a premise, an electric service point with a meter on the cycle and an RS agreement, and two kWh reads (the previous
 * month's and one in the read window, 300 to 2,000 kWh apart); one account in ten also has metered water (W, a 5/8"
 * meter read in gallons) and one in twelve fiber internet (FB, unmetered) on the same bill. Everything is written with
 * COPY in one transaction; ids are reserved from the tables' own sequences. Rows it makes carry the {@code BB} prefix
 * (membership and meter numbers), which is how the benchmark tells its own database from anyone else's.
 */
final class BillingBenchData {
    static final int CYCLE = 1;
    static final YearMonth PERIOD = YearMonth.of(2026, 11);
    static final LocalDate READ_DATE = LocalDate.of(2026, 11, 10);
    static final LocalDate PREVIOUS_READ_DATE = LocalDate.of(2026, 10, 12);
    static final String PREFIX = "BB";
    private static final int BATCH = 25_000;
    private static final long SEED = 20261123L;
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final LocalDate SERVED_SINCE = LocalDate.of(2019, 1, 1);

    private static final String[] FIRST = {"Ada", "Bernard", "Carmen", "Dolores", "Elias", "Fern", "Gideon", "Hazel", "Ines", "Jonah",
            "Katrin", "Luis", "Marisol", "Nolan", "Opal", "Pedro", "Quinn", "Rosa", "Silas", "Tamsin", "Ulises", "Vera", "Walt", "Yolanda"};
    private static final String[] LAST = {"Abernathy", "Birch", "Castillo", "Dunmore", "Esparza", "Fairweather", "Gallego", "Holloway",
            "Iverson", "Jaramillo", "Kettering", "Lindqvist", "Montoya", "Nakamura", "Okafor", "Pettibone", "Quintana", "Rasmussen",
            "Sandoval", "Thackeray", "Underhill", "Villanueva", "Whitcomb", "Yazzie"};
    private static final String[] STREET = {"Tamarack Rd", "Juniper Row", "Cedar Valley Hwy", "Old Mill Ln", "Ridgeview Dr", "Aspen Ct",
            "Coyote Creek Rd", "Orchard Loop", "Basalt St", "Larch Ave", "Sagebrush Trl", "Ponderosa Way"};
    private static final String[] TOWN = {"Calder", "Bitterroot", "Wenlow", "Kittson", "Marrow Flat", "Sumner Ridge"};

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    BillingBenchData(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Rows of the tables that hold anyone else's data: members or meters the benchmark did not make. */
    long foreignRows() {
        return jdbc.sql("""
                select (select count(*) from (select 1 from members.member where membership_number not like 'BB%' limit 1000) m)
                     + (select count(*) from (select 1 from metering.meter where meter_number not like 'BB%' limit 1000) t)""")
                .query(Long.class).single();
    }

    /** The benchmark's accounts, or 0 when its cycle has no reads scheduled for {@link #PERIOD} (a database of an older version). */
    long accounts() {
        return jdbc.sql("""
                        select case when exists (select 1 from metering.cycle_schedule where cycle_number = ? and period = ? and read_date = ?)
                                    then (select count(*) from members.account) else 0 end""")
                .params(CYCLE, PERIOD.toString(), READ_DATE).query(Long.class).single();
    }

    /** Whether any member, meter or bill run is there (the benchmark's: the caller has checked there is nothing else). */
    boolean anyRows() {
        return jdbc.sql("select exists (select 1 from members.member) or exists (select 1 from metering.meter) or exists (select 1 from billing.bill_run)")
                .query(Boolean.class).single();
    }

    /** Empties every table the benchmark fills (its own database only: the caller has checked there is nothing else). */
    void clear() {
        jdbc.sql("""
                truncate billing.bill_delivery, billing.bill_segment, billing.bill, billing.bill_run_chunk, billing.bill_run, ledger.entry,
                         metering.register_read, metering.meter_installation, metering.meter, metering.cycle_schedule, metering.billing_cycle,
                         agreements.service_agreement, premises.service_point, premises.premise, members.account, members.member cascade""")
                .update();
    }

    /** Writes {@code accounts} accounts with their cycle, schedule and reads; then analyzes and vacuums the tables. */
    void generate(int accounts, Instant now, PrintStream progress) {
        long started = System.nanoTime();
        cycle(now);
        Ids ids = new Ids(accounts);
        String createdAt = now.toString();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyLoader loader = new CopyLoader(connection.unwrap(PGConnection.class).getCopyAPI());
            // One thread writes the next batch's rows while this one copies the previous batch in.
            CompletableFuture<Batch> next = CompletableFuture.supplyAsync(() -> batch(ids, 0, Math.min(accounts, BATCH), createdAt));
            for (int from = 0; from < accounts; from += BATCH) {
                Batch batch = next.join();
                int nextFrom = from + BATCH;
                next = nextFrom < accounts
                        ? CompletableFuture.supplyAsync(() -> batch(ids, nextFrom, Math.min(accounts, nextFrom + BATCH), createdAt))
                        : null;
                loader.load(batch.tables());
                if ((from / BATCH) % 8 == 7 || nextFrom >= accounts) {
                    progress.printf(Locale.ROOT, "  %,d of %,d accounts written (%.0f s)%n", Math.min(accounts, nextFrom), accounts,
                            (System.nanoTime() - started) / 1e9);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the benchmark's accounts: " + e.getMessage(), e);
        }
        for (String table : List.of("members.member", "members.account", "premises.premise", "premises.service_point", "metering.meter",
                "metering.meter_installation", "agreements.service_agreement", "metering.register_read")) {
            jdbc.sql("vacuum analyze " + table).update();
        }
        progress.printf(Locale.ROOT, "  written, vacuumed and analyzed in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void cycle(Instant now) {
        jdbc.sql("""
                insert into metering.billing_cycle (number, name, description, read_on, read_day, window_days, bill_lag_days, created_at)
                values (?, 'Bench', 'The billing benchmark''s cycle', 'DAY_OF_MONTH', 10, 2, 2, ?) on conflict do nothing""")
                .params(CYCLE, java.sql.Timestamp.from(now)).update();
        for (LocalDate read : List.of(PREVIOUS_READ_DATE, READ_DATE)) {
            jdbc.sql("""
                    insert into metering.cycle_schedule (cycle_number, period, read_date, window_from, window_to, bill_date)
                    values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(CYCLE, YearMonth.from(read).toString(), read, read.minusDays(2), read.plusDays(2), read.plusDays(2)).update();
        }
    }

    /** Blocks of ids reserved from each table's identity sequence, so the rows never collide with ids handed out later. */
    private final class Ids {
        final long member;
        final long account;
        final long premise;
        final long servicePoint;
        final long meter;
        final long installation;
        final long agreement;
        final long read;

        Ids(int accounts) {
            // At most three service points, two meters and four reads per account.
            member = reserve("members.member", accounts);
            account = reserve("members.account", accounts);
            premise = reserve("premises.premise", accounts);
            servicePoint = reserve("premises.service_point", 3L * accounts);
            meter = reserve("metering.meter", 2L * accounts);
            installation = reserve("metering.meter_installation", 2L * accounts);
            agreement = reserve("agreements.service_agreement", 3L * accounts);
            read = reserve("metering.register_read", 4L * accounts);
        }

        private long reserve(String table, long count) {
            return jdbc.sql("""
                    select setval(pg_get_serial_sequence(?, 'id'), nextval(pg_get_serial_sequence(?, 'id')) + ? - 1) - ? + 1""")
                    .params(table, table, count, count).query(Long.class).single();
        }
    }

    private record Batch(CopyRows member, CopyRows account, CopyRows premise, CopyRows servicePoint, CopyRows meter,
                         CopyRows installation, CopyRows agreement, CopyRows read) {
        List<CopyRows> tables() {
            return List.of(member, account, premise, servicePoint, meter, installation, agreement, read);
        }
    }

    /** Accounts {@code [from, to)}: every value drawn from a generator seeded by the account's number, so any batch size gives the same rows. */
    private static Batch batch(Ids ids, int from, int to, String createdAt) {
        int n = to - from;
        Batch b = new Batch(
                new CopyRows("members.member", "id, member_type, first_name, last_name, display_name, preferred_language, "
                        + "membership_number, membership_date, membership_fee_status, mail_line1, mail_city, mail_state, mail_zip, created_at", n * 150),
                new CopyRows("members.account", "id, account_number, member_id, status, bill_delivery, opened_on, created_at", n * 80),
                new CopyRows("premises.premise", "id, premise_type, line1, city, state, zip, feeder_id, transformer_id, created_at", n * 110),
                new CopyRows("premises.service_point", "id, premise_id, service_type, label, created_at", n * 70),
                new CopyRows("metering.meter", "id, meter_number, service_type, kind, multiplier, dials, ami, created_at, cycle_number, size",
                        n * 100),
                new CopyRows("metering.meter_installation", "id, meter_id, service_point_id, installed_on", n * 40),
                new CopyRows("agreements.service_agreement", "id, account_id, service_point_id, rate_schedule_code, start_date, created_at",
                        n * 70),
                new CopyRows("metering.register_read", "id, meter_id, register, read_date, read_at, reading, read_type, source, "
                        + "created_by, created_at", n * 2 * 110));
        for (int i = from; i < to; i++) {
            SplittableRandom rng = new SplittableRandom(SEED * 1_000_003L + i);
            long memberId = ids.member + i;
            long accountId = ids.account + i;
            long premiseId = ids.premise + i;
            String first = FIRST[rng.nextInt(FIRST.length)];
            String last = LAST[rng.nextInt(LAST.length)];
            String line1 = (100 + rng.nextInt(9900)) + " " + STREET[rng.nextInt(STREET.length)];
            String town = TOWN[rng.nextInt(TOWN.length)];
            String zip = Integer.toString(99100 + rng.nextInt(60));
            LocalDate since = SERVED_SINCE.plusDays(rng.nextInt(5 * 365));
            b.member.add(memberId).add("PERSON").add(first).add(last).add(first + " " + last).add(rng.nextInt(10) == 0 ? "ES" : "EN")
                    .add(PREFIX + String.format(Locale.ROOT, "%08d", i + 1)).add(since).add("PAID").add(line1).add(town).add("WA").add(zip)
                    .raw(createdAt).end();
            b.account.add(accountId).add(CheckDigit.append(70_000_000L + i)).add(memberId).add("ACTIVE")
                    .add(rng.nextInt(3) == 0 ? "EMAIL" : "MAIL").add(since).raw(createdAt).end();
            b.premise.add(premiseId).add("RESIDENTIAL").add(line1).add(town).add("WA").add(zip).add("FDR-" + (1 + i % 40))
                    .add("T-" + (i / 8)).raw(createdAt).end();

            // Electric: 300 to 2,000 kWh, most homes towards the lower end.
            double u = rng.nextDouble();
            long kwh = 300 + Math.round(1700 * u * u);
            service(b, ids, i, 0, premiseId, accountId, "ELECTRIC", "Electric", "RS", since, createdAt, rng,
                    PREFIX + String.format(Locale.ROOT, "%08d", i + 1), "AMR single-phase", 6, null, "KWH", kwh);
            if (i % 10 == 3) {
                long gallons = 1_500 + rng.nextInt(10_500);
                service(b, ids, i, 1, premiseId, accountId, "WATER", "Water", "W", since, createdAt, rng,
                        PREFIX + "W" + String.format(Locale.ROOT, "%08d", i + 1), "Badger M25 5/8\"", 8, "5/8", "GALLONS", gallons);
            }
            if (i % 12 == 5) {
                long point = ids.servicePoint + 3L * i + 2;
                b.servicePoint.add(point).add(premiseId).add("FIBER").add("Fiber").raw(createdAt).end();
                b.agreement.add(ids.agreement + 3L * i + 2).add(accountId).add(point).add("FB").add(since).raw(createdAt).end();
            }
        }
        return b;
    }

    /** A metered service: service point, meter on the cycle, installation, agreement, and the two reads that bound the period. */
    private static void service(Batch b, Ids ids, int i, int slot, long premiseId, long accountId, String type, String label,
                                String schedule, LocalDate since, String createdAt, SplittableRandom rng, String meterNumber, String kind,
                                int dials, String size, String register, long usage) {
        long point = ids.servicePoint + 3L * i + slot;
        long meter = ids.meter + 2L * i + slot;
        b.servicePoint.add(point).add(premiseId).add(type).add(label).raw(createdAt).end();
        b.meter.add(meter).add(meterNumber).add(type).add(kind).add(1).add(dials).add(false).raw(createdAt).add(CYCLE).add(size).end();
        b.installation.add(ids.installation + 2L * i + slot).add(meter).add(point).add(since).end();
        b.agreement.add(ids.agreement + 3L * i + slot).add(accountId).add(point).add(schedule).add(since).raw(createdAt).end();
        // Routes are read on different days of the window.
        long start = rng.nextLong((long) Math.pow(10, dials) / 2);
        long read = ids.read + 4L * i + 2L * slot;
        reading(b, read, meter, register, PREVIOUS_READ_DATE.plusDays(rng.nextInt(3) - 1), start, createdAt);
        reading(b, read + 1, meter, register, READ_DATE.plusDays(rng.nextInt(3) - 1), start + usage, createdAt);
    }

    private static void reading(Batch b, long id, long meter, String register, LocalDate day, long value, String createdAt) {
        b.read.add(id).add(meter).add(register).add(day).raw(day.atTime(9, 30).atZone(ZONE).toInstant().toString()).add(value)
                .add("ACTUAL").add("AMR").add("bench").raw(createdAt).end();
    }
}

package coop.switchboard.metering.intervals;

import coop.switchboard.metering.ImportResult;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Imports an interval CSV in one streaming pass on one connection (the caller's transaction): each line is parsed,
 * gathered into day arrays, and sent with COPY to a staging table while the file's SHA-256 is computed; then the days
 * are merged into {@code metering.interval_day}. Rejected lines are reported by number and skipped; a file imported
 * before adds nothing.
 */
public final class IntervalImport {
    private static final int MAX_REPORTED = 200;
    private final Connection connection;
    private final Function<String, Long> meterIds;

    /** {@code meterIds}: a meter number's id, or null when there is no such meter. */
    public IntervalImport(Connection connection, Function<String, Long> meterIds) {
        this.connection = connection;
        this.meterIds = meterIds;
    }

    /** The parsed file, staged: what {@link #mergeInto} then merges, or the caller rolls back. */
    public record Staged(String sha256, long lines, long values, List<String> rejected, long rejectedCount) {
    }

    public Staged stage(InputStream raw) throws IOException, SQLException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CopyIn in = openStaging();
        List<String> rejected = new ArrayList<>();
        long[] counts = new long[3]; // lines, values, rejected
        Map<String, Long> ids = new HashMap<>();
        StagingWriter writer = new StagingWriter(in);
        DayBuckets buckets = new DayBuckets(writer::day);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new DigestInputStream(raw, sha), StandardCharsets.UTF_8), 1 << 16)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException("line 1: the file is empty (expected the header meter,start,minutes,kwh)");
            }
            String h = header.replace("\uFEFF", "").replace(" ", "").replace("\"", "").toLowerCase(java.util.Locale.ROOT);
            if (!h.equals("meter,start,minutes,kwh")) {
                throw new IllegalArgumentException("line 1: the header must be meter,start,minutes,kwh, not '" + header.trim() + "'");
            }
            IntervalCsv csv = new IntervalCsv();
            String line;
            long number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                counts[0]++;
                String problem = null;
                if (!csv.parse(line)) {
                    problem = csv.error;
                } else {
                    Long id = ids.computeIfAbsent(csv.meter, meterIds);
                    if (id == null) {
                        problem = "there is no meter " + csv.meter;
                    } else if (!buckets.add(id, csv.epochDay, csv.minuteOfDay, csv.minutes, csv.units)) {
                        problem = "meter " + csv.meter + " already has intervals of another length on " + LocalDate.ofEpochDay(csv.epochDay);
                    } else {
                        counts[1]++;
                    }
                }
                if (problem != null) {
                    counts[2]++;
                    if (rejected.size() < MAX_REPORTED) {
                        rejected.add("line " + number + ": " + problem);
                    }
                }
            }
            buckets.flush();
            writer.finish();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        return new Staged(HexFormat.of().formatHex(sha.digest()), counts[0], counts[1], rejected, counts[2]);
    }

    /**
     * One meter's day gathered by the caller: {@code slots} in ten-thousandths of a kWh, {@code 1440 / minutes} of
     * them, {@link #MISSING} where no value came.
     */
    public record Day(long meterId, LocalDate day, int minutes, int[] slots) {
    }

    /** The slot value of an interval that did not arrive. */
    public static final int MISSING = DayBuckets.MISSING;

    /**
     * Stages days the caller already gathered (a Green Button file, say) for {@link #mergeInto}, one row per day in
     * the order given; returns the number of days staged.
     */
    public long stageDays(Iterator<Day> days) throws SQLException {
        CopyIn in = openStaging();
        long count = 0;
        try {
            StagingWriter writer = new StagingWriter(in);
            while (days.hasNext()) {
                Day d = days.next();
                if (d.slots().length * d.minutes() != 1440) {
                    throw new IllegalArgumentException(d.day() + ": " + d.slots().length + " slots of " + d.minutes() + " minutes is not a day");
                }
                writer.day(d.meterId(), d.day(), d.minutes(), d.slots());
                count++;
            }
            writer.finish();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        return count;
    }

    /** An empty staging table (dropped at commit) and a COPY into it. */
    private CopyIn openStaging() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("create temp table if not exists interval_stage (meter_id bigint, day date, minutes smallint, slots int[], "
                    + "total bigint, peak int, readings smallint) on commit drop");
            st.execute("truncate interval_stage");
        }
        CopyManager copy = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        return copy.copyIn("copy interval_stage (meter_id, day, minutes, slots, total, peak, readings) from stdin");
    }

    /** Merges the staged days into the interval table (making month partitions as needed); returns the day rows written. */
    public long mergeInto() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("select metering.ensure_interval_month(m) from (select distinct date_trunc('month', day)::date as m from interval_stage) months");
            String source = "interval_stage";
            boolean pieces;
            try (var rs = st.executeQuery("select exists (select 1 from interval_stage group by meter_id, day having count(*) > 1)")) {
                rs.next();
                pieces = rs.getBoolean(1);
            }
            if (pieces) {
                // An unsorted file sent some days in several pieces: make each day one row first.
                st.execute("""
                        create temp table interval_merged on commit drop as
                        select distinct on (meter_id, day) meter_id, day, minutes, slots, total, peak, readings
                          from interval_stage order by meter_id, day""");
                st.execute("""
                        do $$
                        declare r record;
                        begin
                            for r in select s.meter_id, s.day, s.slots from interval_stage s
                                      where (s.meter_id, s.day) in (select meter_id, day from interval_stage group by 1, 2 having count(*) > 1) loop
                                update interval_merged set slots = metering.merge_slots(slots, r.slots)
                                 where meter_id = r.meter_id and day = r.day;
                            end loop;
                        end $$""");
                st.execute("""
                        update interval_merged set total = (select coalesce(sum(v), 0) from unnest(slots) v),
                               peak = (select coalesce(max(v), 0) from unnest(slots) v), readings = (select count(v) from unnest(slots) v)""");
                source = "interval_merged";
            }
            // Days already stored are merged with what arrived (a later value replaces an earlier one); new days go in as they are.
            // The same statement writes each day's total, peak and count to the narrow interval_total.
            return st.executeUpdate("""
                    with merged as (
                        select i.meter_id, i.day, i.minutes, i.total, i.peak, i.readings, d.meter_id is not null as existed,
                               case when d.meter_id is not null and d.minutes = i.minutes then metering.merge_slots(d.slots, i.slots)
                                    else i.slots end as slots
                          from %s i left join metering.interval_day d on d.meter_id = i.meter_id and d.day = i.day),
                    days as (
                        insert into metering.interval_day (meter_id, day, minutes, slots, total, peak, readings)
                        select meter_id, day, minutes, slots,
                               case when existed then (select coalesce(sum(v), 0) from unnest(slots) v) else total end,
                               case when existed then (select coalesce(max(v), 0) from unnest(slots) v) else peak end,
                               case when existed then (select count(v) from unnest(slots) v) else readings end
                          from merged
                        on conflict (meter_id, day) do update set minutes = excluded.minutes, slots = excluded.slots,
                            total = excluded.total, peak = excluded.peak, readings = excluded.readings
                        returning meter_id, day, minutes, total, peak, readings)
                    insert into metering.interval_total (meter_id, day, minutes, total, peak, readings)
                    select meter_id, day, minutes, total, peak, readings from days
                    on conflict (meter_id, day) do update set minutes = excluded.minutes, total = excluded.total,
                        peak = excluded.peak, readings = excluded.readings
                    """.formatted(source));
        }
    }

    /** Writes staged day rows as COPY text: {@code id \t day \t minutes \t {1,2,NULL,...} \t total \t peak \t readings}. */
    private static final class StagingWriter {
        private final CopyIn in;
        private final byte[] buffer = new byte[1 << 16];
        private int used;

        StagingWriter(CopyIn in) {
            this.in = in;
        }

        void day(long meterId, LocalDate day, int minutes, int[] slots) {
            long total = 0;
            int peak = 0;
            int readings = 0;
            StringBuilder s = new StringBuilder(slots.length * 6 + 48);
            s.append(meterId).append('\t').append(day).append('\t').append(minutes).append("\t{");
            for (int i = 0; i < slots.length; i++) {
                if (i > 0) {
                    s.append(',');
                }
                int v = slots[i];
                if (v == DayBuckets.MISSING) {
                    s.append("NULL");
                } else {
                    s.append(v);
                    total += v;
                    peak = Math.max(peak, v);
                    readings++;
                }
            }
            s.append("}\t").append(total).append('\t').append(peak).append('\t').append(readings).append('\n');
            write(s);
        }

        private void write(CharSequence text) {
            // ASCII only (digits, dates, braces), so one char is one byte.
            for (int i = 0; i < text.length(); i++) {
                if (used == buffer.length) {
                    send();
                }
                buffer[used++] = (byte) text.charAt(i);
            }
        }

        private void send() {
            try {
                in.writeToCopy(buffer, 0, used);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY of intervals failed: " + e.getMessage(), e);
            }
            used = 0;
        }

        void finish() {
            if (used > 0) {
                send();
            }
        }
    }
}

package coop.switchboard.metering;

import coop.switchboard.metering.integration.greenbutton.GreenButtonException;
import coop.switchboard.metering.integration.greenbutton.GreenButtonReader;
import coop.switchboard.metering.integration.greenbutton.GreenButtonReader.Reading;
import coop.switchboard.metering.integration.greenbutton.GreenButtonWriter;
import coop.switchboard.metering.intervals.IntervalImport;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.premises.PremiseView;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.ServiceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Green Button (NAESB ESPI) files for one meter's interval data: a member's or a head-end's "Download My Data" file
 * imported into the meter's interval days, and the meter's interval days exported as such a feed. Days are the
 * utility's local standard time, as in {@link IntervalService}.
 */
@Service
public class GreenButtonService {
    static final int MAX_REPORTED = 200;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ReadService reads;
    private final PremiseService premises;
    private final AuditLog audit;
    private final Clock clock;

    GreenButtonService(DataSource dataSource, JdbcClient jdbc, ReadService reads, PremiseService premises, AuditLog audit, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.reads = reads;
        this.premises = premises;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Imports a Green Button file's energy readings into {@code meterNumber}'s interval days, in one transaction.
     * Readings that cannot be stored (a length other than 1, 5, 10, 15, 30 or 60 minutes, a start off the slot, Wh
     * finer than a tenth, a length other than the day's intervals already stored) are reported and skipped; a file
     * whose bytes were imported before adds nothing; a file that cannot be read is refused as a whole, naming its line
     * ({@link InvalidInputException} on {@code "file"}), and an unknown meter on {@code "meter"}.
     */
    @Transactional
    public ImportResult importFile(Path file, String meterNumber) {
        long started = System.nanoTime();
        MeterRecord meter = electricMeter(meterNumber);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String sha256 = sha256(file);
        // Claimed first: a second import of the same file waits here for the first to commit, then adds nothing.
        Long importId = jdbc.sql("""
                        insert into metering.import_file (kind, sha256, name, rows_read, rows_added, imported_by, imported_at)
                        values ('GREEN_BUTTON', ?, ?, 0, 0, ?, ?) on conflict (kind, sha256) do nothing returning id""")
                .params(sha256, name, audit.currentActor(), Timestamp.from(clock.instant())).query(Long.class).optional().orElse(null);
        if (importId == null) {
            long read = jdbc.sql("select rows_read from metering.import_file where kind = 'GREEN_BUTTON' and sha256 = ?")
                    .param(sha256).query(Long.class).single();
            return new ImportResult(name, "greenbutton", read, 0, true, List.of(), 0, seconds(started));
        }
        Days days = new Days(meter.id(), clock.getZone().getRules());
        GreenButtonReader.Summary summary;
        try {
            summary = GreenButtonReader.read(file, days::add);
        } catch (GreenButtonException e) {
            throw new InvalidInputException("file", e.getMessage());
        } catch (UncheckedIOException e) {
            throw new InvalidInputException("file", "cannot read " + name + ": " + e.getCause().getMessage());
        }
        if (!days.isEmpty()) {
            Map<LocalDate, Integer> stored = new TreeMap<>();
            jdbc.sql("select day, minutes from metering.interval_day where meter_id = ? and day >= ? and day <= ?")
                    .params(meter.id(), days.first(), days.last())
                    .query(rs -> {
                        stored.put(rs.getObject("day", LocalDate.class), rs.getInt("minutes"));
                    });
            days.dropDaysOfAnotherLength(stored);
        }
        try {
            IntervalImport importer = new IntervalImport(DataSourceUtils.getConnection(dataSource), number -> null);
            importer.stageDays(days.iterator());
            importer.mergeInto();
        } catch (SQLException e) {
            throw new IllegalStateException("importing Green Button intervals failed: " + e.getMessage(), e);
        }
        List<String> rejected = new ArrayList<>(days.rejected);
        summary.warnings().forEach(w -> rejected.add("file: " + w));
        jdbc.sql("update metering.import_file set rows_read = ?, rows_added = ? where id = ?")
                .params(days.readings, days.added, importId).update();
        return new ImportResult(name, "greenbutton", days.readings, days.added, false, rejected, days.rejectedCount, seconds(started));
    }

    private MeterRecord electricMeter(String meterNumber) {
        if (meterNumber == null || meterNumber.isBlank()) {
            throw new InvalidInputException("meter", "is required");
        }
        MeterRecord meter = reads.meter(meterNumber.trim())
                .orElseThrow(() -> new InvalidInputException("meter", "there is no meter " + meterNumber.trim()));
        if (meter.serviceType() != ServiceType.ELECTRIC) {
            throw new InvalidInputException("meter", "meter " + meter.meterNumber() + " is a " + meter.serviceType().name().toLowerCase()
                    + " meter; Green Button files hold electricity");
        }
        return meter;
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("file", "no such file: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("file", "cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * An export of a meter's interval days {@code from} through {@code to} (both inclusive, local standard-time
     * days): the feed's id (the same for the same meter and days), how many days and readings it holds ({@code 0}:
     * the feed is valid but empty), and the usage point's title.
     */
    public record GreenButtonExport(String meterNumber, LocalDate from, LocalDate to, String feedId, String usagePoint,
                                    long days, long readings) {
        public boolean empty() {
            return readings == 0;
        }
    }

    /**
     * What {@link #export} would write, checked without writing: {@link InvalidInputException} on {@code "meter"} for
     * an unknown meter, on {@code "from"} / {@code "to"} for a missing range, {@code to} before {@code from}, or more
     * than 3 years.
     */
    public GreenButtonExport describeExport(String meterNumber, LocalDate from, LocalDate to) {
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        MeterRecord meter = null;
        try {
            meter = electricMeter(meterNumber);
        } catch (InvalidInputException e) {
            errors.addAll(e.violations());
        }
        if (from == null) {
            errors.add(new InvalidInputException.Violation("from", "is required"));
        }
        if (to == null) {
            errors.add(new InvalidInputException.Violation("to", "is required"));
        } else if (from != null && to.isBefore(from)) {
            errors.add(new InvalidInputException.Violation("to", "is before from (" + from + ")"));
        } else if (from != null && !to.isBefore(from.plusYears(3))) {
            errors.add(new InvalidInputException.Violation("to", "is more than 3 years after from; export at most 3 years at a time"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long[] counts = jdbc.sql("select count(*), coalesce(sum(readings), 0) from metering.interval_day where meter_id = ? and day >= ? and day <= ?")
                .params(meter.id(), from, to).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
        String feedId = "urn:uuid:" + UUID.nameUUIDFromBytes(("switchboard green button " + meter.meterNumber() + " " + from + " " + to)
                .getBytes(StandardCharsets.UTF_8));
        return new GreenButtonExport(meter.meterNumber(), from, to, feedId, usagePointTitle(meter, from, to), counts[0], counts[1]);
    }

    /**
     * Writes {@code meterNumber}'s interval days {@code from} through {@code to} (both inclusive, local standard-time
     * days) to {@code out} as a Green Button "Download My Data" feed, streaming a month of days at a time; does not
     * close {@code out}. A range without intervals gives a valid feed with no IntervalBlock ({@link GreenButtonExport#empty()}).
     * The usage point is titled with the service address where the meter stood, else the meter number. Throws as
     * {@link #describeExport} does, before writing anything.
     */
    public GreenButtonExport export(String meterNumber, LocalDate from, LocalDate to, OutputStream out) {
        GreenButtonExport export = describeExport(meterNumber, from, to);
        long meterId = reads.meter(export.meterNumber()).orElseThrow().id();
        int minutes = jdbc.sql("select minutes from metering.interval_day where meter_id = ? and day >= ? and day <= ? order by day limit 1")
                .params(meterId, from, to).query(Integer.class).optional().orElse(60);
        GreenButtonWriter.write(out, new GreenButtonWriter.Export(export.feedId(), clock.instant().truncatedTo(ChronoUnit.SECONDS),
                export.usagePoint(), export.meterNumber(), clock.getZone(), minutes * 60, new StoredReadings(meterId, from, to)));
        return export;
    }

    /** The service address of the premise where the meter stood last in the range (or stands now), else the meter number. */
    private String usagePointTitle(MeterRecord meter, LocalDate from, LocalDate to) {
        Long servicePoint = jdbc.sql("""
                        select service_point_id from metering.meter_installation
                         where meter_id = ? and installed_on <= ? and (removed_on is null or removed_on >= ?)
                         order by installed_on desc, id desc limit 1""")
                .params(meter.id(), to, from).query(Long.class).optional()
                .or(() -> jdbc.sql("select service_point_id from metering.meter_installation where meter_id = ? and removed_on is null")
                        .param(meter.id()).query(Long.class).optional())
                .orElse(null);
        if (servicePoint == null) {
            return meter.meterNumber();
        }
        return premises.premisesOfServicePoints(List.of(servicePoint)).stream().findFirst().map(PremiseView::address)
                .orElse(meter.meterNumber());
    }

    /** A meter's stored intervals as readings in Wh, oldest first, read from the database a month of days at a time. */
    private final class StoredReadings implements Iterator<Reading> {
        private final long meterId;
        private final LocalDate to;
        private LocalDate next;
        private final ArrayDeque<Reading> pending = new ArrayDeque<>();

        StoredReadings(long meterId, LocalDate from, LocalDate to) {
            this.meterId = meterId;
            this.to = to;
            this.next = from;
        }

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && !next.isAfter(to)) {
                LocalDate until = next.plusMonths(1).isAfter(to) ? to.plusDays(1) : next.plusMonths(1);
                for (IntervalDayRow day : days(next, until)) {
                    Instant start = standardMidnight(day.day());
                    for (int i = 0; i < day.slots().length; i++) {
                        if (day.slots()[i] != null) {
                            pending.add(new Reading(start.plusSeconds((long) i * day.minutes() * 60), day.minutes() * 60,
                                    BigDecimal.valueOf(day.slots()[i], 1), null, null)); // ten-thousandths of a kWh are tenths of a Wh
                        }
                    }
                }
                next = until;
            }
            return !pending.isEmpty();
        }

        @Override
        public Reading next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll();
        }

        private List<IntervalDayRow> days(LocalDate from, LocalDate until) {
            return jdbc.sql("select day, minutes, slots from metering.interval_day where meter_id = ? and day >= ? and day < ? order by day")
                    .params(meterId, from, until)
                    .query((rs, n) -> new IntervalDayRow(rs.getObject("day", LocalDate.class), rs.getInt("minutes"),
                            (Integer[]) rs.getArray("slots").getArray()))
                    .list();
        }
    }

    private record IntervalDayRow(LocalDate day, int minutes, Integer[] slots) {
    }

    /** The instant a local standard-time day begins (the zone's standard offset; daylight saving never moves it). */
    private Instant standardMidnight(LocalDate day) {
        ZoneOffset offset = clock.getZone().getRules().getStandardOffset(day.atStartOfDay().toInstant(ZoneOffset.UTC));
        return day.atStartOfDay().toInstant(offset);
    }

    /**
     * A file's readings gathered into the meter's standard-time days (one array of slots per day, in
     * ten-thousandths of a kWh), with the readings that cannot be stored reported by their place in the file.
     */
    private static final class Days {
        private static final Set<Integer> LENGTHS = Set.of(1, 5, 10, 15, 30, 60);
        private final long meterId;
        private final ZoneRules rules;
        private final TreeMap<LocalDate, int[]> slots = new TreeMap<>();
        private final Map<LocalDate, Integer> minutes = new HashMap<>();
        private final Map<LocalDate, Integer> counts = new HashMap<>();
        private final List<String> rejected = new ArrayList<>();
        private long readings;
        private long added;
        private long rejectedCount;

        Days(long meterId, ZoneRules rules) {
            this.meterId = meterId;
            this.rules = rules;
        }

        void add(Reading r) {
            readings++;
            LocalDateTime local = LocalDateTime.ofInstant(r.start(), rules.getStandardOffset(r.start()));
            int length = r.seconds() / 60;
            BigDecimal units = r.wattHours().movePointRight(1); // a ten-thousandth of a kWh is a tenth of a Wh
            String problem = null;
            if (r.seconds() % 60 != 0 || !LENGTHS.contains(length)) {
                problem = "an interval of " + r.seconds() + " seconds cannot be stored (1, 5, 10, 15, 30 or 60 minutes)";
            } else if (local.getSecond() != 0 || local.getNano() != 0 || (local.getHour() * 60 + local.getMinute()) % length != 0) {
                problem = "does not start on a " + length + "-minute boundary of the standard-time day";
            } else if (units.signum() < 0) {
                problem = r.wattHours().toPlainString() + " Wh is negative";
            } else if (units.stripTrailingZeros().scale() > 0) {
                problem = r.wattHours().toPlainString() + " Wh has more than one decimal (intervals are stored to a tenth of a Wh)";
            } else if (units.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                problem = r.wattHours().toPlainString() + " Wh is too large for one interval";
            } else {
                LocalDate day = local.toLocalDate();
                int[] daySlots = slots.computeIfAbsent(day, d -> {
                    int[] empty = new int[1440 / length];
                    Arrays.fill(empty, IntervalImport.MISSING);
                    minutes.put(d, length);
                    return empty;
                });
                if (minutes.get(day) != length) {
                    problem = "an interval of " + length + " minutes, but this file has " + minutes.get(day) + "-minute intervals on " + day;
                } else {
                    daySlots[(local.getHour() * 60 + local.getMinute()) / length] = units.intValueExact();
                    counts.merge(day, 1, Integer::sum);
                    added++;
                }
            }
            if (problem != null) {
                reject("reading " + readings + " (" + r.start() + "): " + problem, 1);
            }
        }

        private void reject(String problem, long readingsRejected) {
            rejectedCount += readingsRejected;
            if (rejected.size() < MAX_REPORTED) {
                rejected.add(problem);
            }
        }

        /** Drops (and reports) the days whose intervals are of another length than those the meter already has that day. */
        void dropDaysOfAnotherLength(Map<LocalDate, Integer> stored) {
            stored.forEach((day, length) -> {
                if (slots.containsKey(day) && minutes.get(day).intValue() != length) {
                    int dropped = counts.getOrDefault(day, 0);
                    reject(day + ": " + dropped + " readings of " + minutes.get(day) + " minutes, but the meter already has "
                            + length + "-minute intervals that day", dropped);
                    added -= dropped;
                    slots.remove(day);
                }
            });
        }

        boolean isEmpty() {
            return slots.isEmpty();
        }

        LocalDate first() {
            return slots.firstKey();
        }

        LocalDate last() {
            return slots.lastKey();
        }

        Iterator<IntervalImport.Day> iterator() {
            return slots.entrySet().stream()
                    .map(e -> new IntervalImport.Day(meterId, e.getKey(), minutes.get(e.getKey()), e.getValue())).iterator();
        }
    }
}

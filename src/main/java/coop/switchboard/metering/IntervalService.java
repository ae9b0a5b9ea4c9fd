package coop.switchboard.metering;

import coop.switchboard.metering.intervals.IntervalImport;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Interval data (AMI): imported from CSV (and Green Button), stored a row per meter and day, and read back as series,
 * daily totals and peaks. Days are the utility's local standard time, as meter head-ends deliver them.
 */
@Service
public class IntervalService {
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    IntervalService(DataSource dataSource, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Imports an interval CSV ({@code meter,start,minutes,kwh}) in one transaction: lines that cannot be used are
     * reported by number and skipped; a file whose bytes were imported before adds nothing; anything else that goes
     * wrong (an unreadable file, a wrong header, the database) leaves nothing imported.
     */
    @Transactional
    public ImportResult importCsv(InputStream in, String name) {
        long started = System.nanoTime();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        // Meter numbers are looked up on a second connection: the import's own is busy with COPY while it reads.
        try (Connection lookups = dataSource.getConnection();
             PreparedStatement meterId = lookups.prepareStatement("select id from metering.meter where meter_number = ?")) {
            IntervalImport importer = new IntervalImport(connection, number -> lookup(meterId, number));
            IntervalImport.Staged staged;
            try {
                staged = importer.stage(in);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("file", e.getMessage());
            }
            boolean seen = jdbc.sql("select count(*) from metering.import_file where kind = 'INTERVALS' and sha256 = ?")
                    .param(staged.sha256()).query(Integer.class).single() > 0;
            if (seen) {
                return new ImportResult(name, "intervals", staged.lines(), 0, true, staged.rejected(), staged.rejectedCount(), seconds(started));
            }
            importer.mergeInto();
            jdbc.sql("""
                    insert into metering.import_file (kind, sha256, name, rows_read, rows_added, imported_by, imported_at)
                    values ('INTERVALS', ?, ?, ?, ?, ?, ?)""")
                    .params(staged.sha256(), name, staged.lines(), staged.values(), audit.currentActor(), Timestamp.from(clock.instant()))
                    .update();
            return new ImportResult(name, "intervals", staged.lines(), staged.values(), false, staged.rejected(), staged.rejectedCount(),
                    seconds(started));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("importing intervals failed: " + e.getMessage(), e);
        }
    }

    private static Long lookup(PreparedStatement meterId, String number) {
        try {
            meterId.setString(1, number);
            try (ResultSet rs = meterId.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up meter " + number + " failed: " + e.getMessage(), e);
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** One day of a meter's intervals: values in ten-thousandths of a kWh, {@code null} where none arrived. */
    public record IntervalDay(LocalDate day, int minutes, Integer[] slots, long total, int peak, int readings) {
    }

    /** A meter's interval days in {@code [from, to)}, oldest first. */
    public List<IntervalDay> days(long meterId, LocalDate from, LocalDate to) {
        return jdbc.sql("select * from metering.interval_day where meter_id = ? and day >= ? and day < ? order by day")
                .params(meterId, from, to)
                .query((rs, n) -> new IntervalDay(rs.getObject("day", LocalDate.class), rs.getInt("minutes"),
                        (Integer[]) rs.getArray("slots").getArray(), rs.getLong("total"), rs.getInt("peak"), rs.getInt("readings")))
                .list();
    }

    /** Daily kWh totals (ten-thousandths) of a meter in {@code [from, to)}: day and total, oldest first. */
    public List<DailyTotal> dailyTotals(long meterId, LocalDate from, LocalDate to) {
        List<DailyTotal> totals = new ArrayList<>();
        jdbc.sql("select day, total, readings, minutes from metering.interval_total where meter_id = ? and day >= ? and day < ? order by day")
                .params(meterId, from, to)
                .query(rs -> {
                    totals.add(new DailyTotal(rs.getObject("day", LocalDate.class), rs.getLong("total"),
                            rs.getInt("readings") == 1440 / rs.getInt("minutes")));
                });
        return totals;
    }

    /** A day's kWh in ten-thousandths, and whether every interval of the day arrived. */
    public record DailyTotal(LocalDate day, long total, boolean complete) {
    }
}

package coop.switchboard.metering;

import coop.switchboard.metering.validation.Finding;
import coop.switchboard.metering.validation.PeriodUsage;
import coop.switchboard.metering.validation.ReadCheck;
import coop.switchboard.metering.validation.ReadValidator;
import coop.switchboard.shared.Quantity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the validation rules on a read just stored: its usage since the meter's previous valid read against the same
 * period last year and the recent average (per rate class), zero use on an active service, use on a vacant or
 * inactive one, reverse use, demand over the meter's rating, and a read outside its cycle's window. A read that fails
 * becomes an EXCEPTION with one queue entry per finding.
 */
@Component
class ReadChecks {
    private static final int HISTORY = 25;
    private final JdbcClient jdbc;
    private final ObjectProvider<ServicePointStatus> status;
    private final Clock clock;
    private final ReadValidator validator;

    ReadChecks(JdbcClient jdbc, ObjectProvider<ServicePointStatus> status, Clock clock, VeeConfiguration settings) {
        this.jdbc = jdbc;
        this.status = status;
        this.clock = clock;
        this.validator = new ReadValidator(settings.settings());
    }

    private record StoredRead(long id, Register register, LocalDate readDate, Timestamp readAt, BigDecimal reading, ReadType type) {
    }

    void validate(MeterRecord meter, long readId) {
        StoredRead read = jdbc.sql("select id, register, read_date, read_at, reading, read_type from metering.register_read where id = ?")
                .param(readId).query((rs, n) -> new StoredRead(rs.getLong(1), Register.valueOf(rs.getString(2)),
                        rs.getObject(3, LocalDate.class), rs.getTimestamp(4), rs.getBigDecimal(5), ReadType.valueOf(rs.getString(6))))
                .single();
        if (read.type() == ReadType.INITIAL) {
            return; // an install read starts a meter's count; there is nothing to compare yet
        }
        List<StoredRead> earlier = jdbc.sql("""
                        select id, register, read_date, read_at, reading, read_type from metering.register_read
                         where meter_id = ? and register = ? and status = 'VALID' and id <> ? and read_at < ?
                         order by read_at desc, id desc limit ?""")
                .params(meter.id(), read.register().name(), read.id(), read.readAt(), HISTORY + 1)
                .query((rs, n) -> new StoredRead(rs.getLong(1), Register.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class),
                        rs.getTimestamp(4), rs.getBigDecimal(5), ReadType.valueOf(rs.getString(6))))
                .list();
        if (earlier.isEmpty() || !earlier.getFirst().readDate().isBefore(read.readDate())) {
            return; // the first read after installation, or a second read the same day: no period to judge
        }
        StoredRead previous = earlier.getFirst();
        BigDecimal usage = read.register().cumulative()
                ? Dials.usage(previous.reading(), read.reading(), meter.dials(), meter.multiplier()) : read.reading();
        List<PeriodUsage> history = new ArrayList<>();
        for (int i = 0; i + 1 < earlier.size(); i++) {
            StoredRead to = earlier.get(i);
            StoredRead from = earlier.get(i + 1);
            if (from.readDate().isBefore(to.readDate()) && read.register().cumulative()) {
                Quantity q = new Quantity(Dials.usage(from.reading(), to.reading(), meter.dials(), meter.multiplier()));
                history.add(to.type() == ReadType.ESTIMATED ? PeriodUsage.estimate(from.readDate(), to.readDate(), q)
                        : PeriodUsage.actual(from.readDate(), to.readDate(), q));
            }
        }
        Optional<Long> point = jdbc.sql("""
                        select service_point_id from metering.meter_installation
                         where meter_id = ? and installed_on <= ? and (removed_on is null or removed_on >= ?)
                         order by installed_on desc limit 1""")
                .params(meter.id(), read.readDate(), read.readDate()).query(Long.class).optional();
        ServicePointStatus.State state = point.isEmpty() ? new ServicePointStatus.State(false, "default")
                : status.getIfAvailable(() -> (p, d) -> new ServicePointStatus.State(true, "default")).on(point.get(), read.readDate());
        LocalDate[] window = window(meter, read);
        boolean demand = read.register() == Register.KW;
        ReadCheck check = new ReadCheck(state.rateClass(), read.register().unit(), state.active(), !state.active(),
                read.readDate(), window[0], window[1],
                PeriodUsage.actual(previous.readDate(), read.readDate(), new Quantity(usage)),
                demand ? new Quantity(read.reading()) : null, demand ? quantity(meter.ratingKw()) : null,
                demand ? List.of() : history);
        List<Finding> findings = new ArrayList<>(validator.check(check));
        if (demand) {
            // A demand register holds a maximum, not a count: only the rating and the window apply to it.
            findings.removeIf(f -> f.rule() != coop.switchboard.metering.validation.Rule.DEMAND_OVER_RATING
                    && f.rule() != coop.switchboard.metering.validation.Rule.OUT_OF_WINDOW);
        }
        if (findings.isEmpty()) {
            return;
        }
        jdbc.sql("update metering.register_read set status = 'EXCEPTION' where id = ?").param(read.id()).update();
        for (Finding f : findings) {
            jdbc.sql("insert into metering.read_exception (read_id, meter_id, rule, message, created_at) values (?, ?, ?, ?, ?)")
                    .params(read.id(), meter.id(), f.rule().name(), f.message(), Timestamp.from(clock.instant())).update();
        }
    }

    private static Quantity quantity(BigDecimal value) {
        return value == null ? null : new Quantity(value);
    }

    /**
     * The read window of the cycle read nearest this read (within 20 days); none for off-cycle reads. Only actual reads
     * are held to it: an estimate is dated where it is needed (a move-in or move-out between cycle reads, say).
     */
    private LocalDate[] window(MeterRecord meter, StoredRead read) {
        if (meter.cycleNumber() == null || read.type() != ReadType.ACTUAL) {
            return new LocalDate[2];
        }
        return jdbc.sql("""
                        select window_from, window_to from metering.cycle_schedule
                         where cycle_number = ? and read_date between ? and ?
                         order by abs(read_date - ?::date) limit 1""")
                .params(meter.cycleNumber(), read.readDate().minusDays(20), read.readDate().plusDays(20), read.readDate())
                .query((rs, n) -> new LocalDate[]{rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .optional().orElse(new LocalDate[2]);
    }

    Map<String, Object> describe() {
        return Map.of("settings", validator.settings());
    }
}

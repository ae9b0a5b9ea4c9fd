package coop.switchboard.metering;

import coop.switchboard.metering.validation.Estimate;
import coop.switchboard.metering.validation.PeriodUsage;
import coop.switchboard.metering.validation.UsageEstimator;
import coop.switchboard.shared.Quantity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A meter's valid reads before a given read (or the day a missing read was due), as the history periods the
 * estimator uses, how many of the latest were estimated in a row, and what an estimate of the period since the last
 * valid read would come to.
 */
@Component
class ReadHistory {
    /** Periods kept: two years of monthly reads, enough for the same period last year and its trend. */
    static final int PERIODS = 24;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final UsageEstimator estimator = new UsageEstimator();

    ReadHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The read being judged: its register and day, and its instant (null for a missing read: noon that day). */
    record Target(Register register, LocalDate date, Instant at) {
    }

    /** The history before a target, newest period first, with the estimate for the period up to it. */
    record Basis(List<ReadExceptionDetail.HistoryPeriod> periods, ReadExceptionDetail.EstimatePreview preview,
                 int consecutiveEstimates) {
    }

    private record Point(LocalDate date, BigDecimal reading, ReadType type) {
    }

    Basis basis(MeterRecord meter, Target target) {
        Instant at = target.at() != null ? target.at() : target.date().atTime(LocalTime.NOON).atZone(clock.getZone()).toInstant();
        List<Point> earlier = jdbc.sql("""
                        select read_date, reading, read_type from metering.register_read
                         where meter_id = ? and register = ? and status = 'VALID' and read_at < ? and read_date < ?
                         order by read_at desc, id desc limit ?""")
                .params(meter.id(), target.register().name(), Timestamp.from(at), target.date(), PERIODS + 1)
                .query((rs, n) -> new Point(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2), ReadType.valueOf(rs.getString(3))))
                .list();
        List<PeriodUsage> history = new ArrayList<>();
        List<ReadExceptionDetail.HistoryPeriod> periods = new ArrayList<>();
        for (int i = 0; i + 1 < earlier.size() && target.register().cumulative(); i++) {
            Point to = earlier.get(i);
            Point from = earlier.get(i + 1);
            if (from.date().isBefore(to.date()) && to.type() != ReadType.INITIAL) {
                BigDecimal usage = Dials.usage(from.reading(), to.reading(), meter.dials(), meter.multiplier());
                PeriodUsage p = new PeriodUsage(from.date(), to.date(), new Quantity(usage), to.type() == ReadType.ESTIMATED);
                history.add(p);
                periods.add(new ReadExceptionDetail.HistoryPeriod(p.from(), p.to(), p.days(), usage,
                        p.dailyAverage().setScale(2, RoundingMode.HALF_UP), p.estimated()));
            }
        }
        Point previous = earlier.isEmpty() ? null : earlier.getFirst();
        return new Basis(List.copyOf(periods), preview(meter, target, previous, history), UsageEstimator.consecutiveEstimates(history));
    }

    private ReadExceptionDetail.EstimatePreview preview(MeterRecord meter, Target target, Point previous, List<PeriodUsage> history) {
        if (!target.register().cumulative()) {
            return unavailable(target, previous, "A " + target.register().unit() + " register holds a maximum, not a count, so it "
                    + "cannot be estimated from usage history: edit the read or request a re-read.");
        }
        if (previous == null) {
            return unavailable(target, null, "There is no earlier valid read of this meter to count on from, so there is "
                    + "nothing to estimate from: edit the read or request a re-read.");
        }
        Estimate estimate = estimator.estimate(previous.date(), target.date(), history, target.register().unit());
        if (estimate.method() == Estimate.Method.NONE) {
            return unavailable(target, previous, estimate.explanation());
        }
        BigDecimal usage = estimate.usage().value();
        BigDecimal counted = previous.reading().add(usage.divide(meter.multiplier(), 4, RoundingMode.HALF_UP));
        BigDecimal range = Dials.range(meter.dials());
        BigDecimal reading = counted.remainder(range);
        boolean rolled = counted.compareTo(range) >= 0;
        String advance = meter.multiplier().compareTo(BigDecimal.ONE) == 0 ? plain(usage)
                : "(" + plain(usage) + " ÷ multiplier " + plain(meter.multiplier()) + ")";
        String explanation = estimate.explanation() + " The estimated reading is " + plain(previous.reading()) + " (read on "
                + previous.date() + ") + " + advance + " = " + plain(counted)
                + (rolled ? ", past the top of the " + meter.dials() + " dials, so " + plain(reading) : "") + ".";
        return new ReadExceptionDetail.EstimatePreview(previous.date(), target.date(), days(previous.date(), target.date()), usage,
                previous.reading(), reading, rolled, estimate.method().name(), explanation, null);
    }

    private static ReadExceptionDetail.EstimatePreview unavailable(Target target, Point previous, String problem) {
        LocalDate from = previous == null ? null : previous.date();
        return new ReadExceptionDetail.EstimatePreview(from, target.date(), from == null ? 0 : days(from, target.date()), null,
                previous == null ? null : previous.reading(), null, false, Estimate.Method.NONE.name(), problem, problem);
    }

    private static int days(LocalDate from, LocalDate to) {
        return (int) java.time.temporal.ChronoUnit.DAYS.between(from, to);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}

package coop.switchboard.metering;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a meter's register would read on a day, for a read nobody took (a move-in or move-out estimated at the member's
 * request): the meter's last valid read before the day plus the usage the estimator works out from its history. When
 * the meter was actually read that day, that reading is the answer. Nothing is stored.
 */
@Service
public class ReadEstimates {
    private final ReadHistory history;
    private final ReadService reads;
    private final JdbcClient jdbc;

    ReadEstimates(ReadHistory history, ReadService reads, JdbcClient jdbc) {
        this.history = history;
        this.reads = reads;
        this.jdbc = jdbc;
    }

    /**
     * The estimated reading of a register on a day, or why there is none ({@link ReadEstimate#problem()}): a demand
     * register, no earlier valid read, or no usage history to go on.
     */
    public ReadEstimate estimateOn(long meterId, Register register, LocalDate date) {
        MeterRecord meter = reads.meter(meterId);
        Optional<BigDecimal> readThatDay = jdbc.sql("""
                        select reading from metering.register_read
                         where meter_id = ? and register = ? and read_date = ? and status = 'VALID'
                         order by read_at desc, id desc limit 1""")
                .params(meterId, register.name(), date).query(BigDecimal.class).optional();
        if (readThatDay.isPresent()) {
            return new ReadEstimate(meterId, register, date, readThatDay.get(), BigDecimal.ZERO, date, "READ_THAT_DAY",
                    "The meter was read on " + date + " (" + readThatDay.get().stripTrailingZeros().toPlainString()
                            + "), so that reading is used.", null);
        }
        ReadExceptionDetail.EstimatePreview preview = history.basis(meter, new ReadHistory.Target(register, date, null)).preview();
        return new ReadEstimate(meterId, register, date, preview.reading(), preview.usage(), preview.from(), preview.method(),
                preview.explanation(), preview.problem());
    }

    /**
     * An estimated reading on {@code date}: {@code usage} since the read of {@code from} added to it, how it was worked out
     * ({@code method}: SAME_PERIOD_LAST_YEAR_SCALED, AVERAGE_DAILY, READ_THAT_DAY, or NONE), and in plain words.
     * {@code reading} is null and {@code problem} says why when it cannot be estimated.
     */
    public record ReadEstimate(long meterId, Register register, LocalDate date, BigDecimal reading, BigDecimal usage,
                               LocalDate from, String method, String explanation, String problem) {
        public boolean possible() {
            return problem == null && reading != null;
        }
    }
}

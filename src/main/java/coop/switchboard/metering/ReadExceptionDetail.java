package coop.switchboard.metering;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One exception with everything needed to decide it: every finding on the same read, the read itself (null for a
 * missing read), the meter's recent reads, the history periods an estimate would use (newest first), what an estimate
 * would come to, and how many periods in a row were already estimated (warn at {@link #WARN_CONSECUTIVE_ESTIMATES}).
 */
public record ReadExceptionDetail(ReadExceptionView exception, String ruleExplanation, List<ReadExceptionView> findings,
                                  ReadView read, List<ReadView> recentReads, List<HistoryPeriod> history,
                                  EstimatePreview estimate, int consecutiveEstimates) {
    public static final int WARN_CONSECUTIVE_ESTIMATES = 2;

    public boolean warnEstimates() {
        return consecutiveEstimates >= WARN_CONSECUTIVE_ESTIMATES;
    }

    /** A read period {@code [from, to)} of the meter's history, with its use per day. */
    public record HistoryPeriod(LocalDate from, LocalDate to, int days, BigDecimal usage, BigDecimal perDay, boolean estimated) {
    }

    /**
     * What estimating would store: the usage over {@code [from, to)} and the reading it makes (the previous valid
     * reading plus usage ÷ multiplier, past the top of the dials if need be), or why it cannot be estimated.
     */
    public record EstimatePreview(LocalDate from, LocalDate to, int days, BigDecimal usage, BigDecimal previousReading,
                                  BigDecimal reading, boolean rolledOver, String method, String explanation, String problem) {
        public boolean possible() {
            return problem == null;
        }
    }
}

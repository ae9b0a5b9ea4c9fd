package coop.switchboard.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A bill run and how far it has come: chunks of accounts done out of all, bills issued and held so far, and the rate
 * since it started. Its {@code accounts} are an estimate ({@code accountsEstimated}) until the last chunk is billed.
 */
public record BillRunView(long id, int cycle, YearMonth period, LocalDate windowFrom, LocalDate windowTo, LocalDate readDate,
                          LocalDate billDate, LocalDate dueDate, String status, int accounts, int chunks, int chunksDone,
                          long issued, long held, Instant createdAt, Instant finishedAt, String createdBy, double billsPerSecond,
                          boolean accountsEstimated) {

    public boolean complete() {
        return "COMPLETE".equals(status);
    }

    /** Whole percent of chunks done. */
    public int percent() {
        return chunks == 0 ? 100 : (int) (100L * chunksDone / chunks);
    }

    public long bills() {
        return issued + held;
    }
}

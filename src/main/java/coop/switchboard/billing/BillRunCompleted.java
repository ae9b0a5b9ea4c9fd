package coop.switchboard.billing;

import java.time.LocalDate;
import java.time.YearMonth;

/** A bill run billed its last chunk: its bills are issued (or held) and posted. */
public record BillRunCompleted(long runId, int cycle, YearMonth period, LocalDate billDate, long issued, long held) {
}

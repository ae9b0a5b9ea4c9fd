package coop.switchboard.rates;

import java.time.Instant;
import java.time.LocalDate;

/** A stored tariff version: its YAML body as an analyst reads it, who made and changed it, and whether bills used it. */
public record VersionRecord(long id, String scheduleCode, LocalDate effective, String notes, String body, String createdBy,
                            Instant createdAt, String updatedBy, Instant updatedAt, Instant firstBilledAt) {
    /** A version bills were rated on never changes again. */
    public boolean frozen() {
        return firstBilledAt != null;
    }
}

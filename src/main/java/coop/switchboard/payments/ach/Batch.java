package coop.switchboard.payments.ach;

import java.util.List;
import java.util.Objects;

/** A batch: one company's entries of one SEC code and effective date, between a batch header and a batch control. */
public record Batch(BatchHeader header, List<Entry> entries, BatchControl control) {
    public Batch {
        Objects.requireNonNull(header, "header");
        entries = List.copyOf(entries);
        Objects.requireNonNull(control, "control");
    }

    /** A batch whose control is computed from its entries. */
    public static Batch of(BatchHeader header, List<Entry> entries) {
        return new Batch(header, entries, BatchControl.of(header, entries));
    }
}

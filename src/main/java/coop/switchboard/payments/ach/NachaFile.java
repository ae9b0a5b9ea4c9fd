package coop.switchboard.payments.ach;

import java.util.List;
import java.util.Objects;

/**
 * A NACHA ACH file: a file header, its batches in file order, and the file control that totals them. Read one with
 * {@link NachaReader}, write one with {@link NachaWriter}, make a utility's draft file with {@link NachaFileBuilder}.
 *
 * <p>Text fields are kept without their trailing spaces, identifiers that files justify either way (immediate
 * destination and origin, company identification) without surrounding spaces; amounts are in cents.
 */
public record NachaFile(FileHeader header, List<Batch> batches, FileControl control) {
    public NachaFile {
        Objects.requireNonNull(header, "header");
        batches = List.copyOf(batches);
        Objects.requireNonNull(control, "control");
    }

    /** A file whose control is computed from its batches. */
    public static NachaFile of(FileHeader header, List<Batch> batches) {
        return new NachaFile(header, batches, FileControl.of(batches));
    }

    /** Every entry of every batch, in file order. */
    public List<Entry> entries() {
        return batches.stream().flatMap(b -> b.entries().stream()).toList();
    }
}

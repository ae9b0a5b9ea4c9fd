package coop.switchboard.agreements;

import java.math.BigDecimal;

/**
 * The meter read that goes with starting or stopping a service: a reading the CSR enters (as read by a field reader
 * or the member), or an estimate from the meter's history when the member asks for one. An unmetered service (fiber)
 * needs none: pass {@link #none()} or null.
 *
 * @param reading  the number on the register, when entered
 * @param estimate true to estimate the reading instead (then {@code reading} is ignored)
 * @param reader   who read it (null: the signed-in user)
 * @param note     a few words kept with the read (how it was taken)
 */
public record MoveRead(BigDecimal reading, boolean estimate, String reader, String note) {

    public static MoveRead entered(BigDecimal reading) {
        return new MoveRead(reading, false, null, null);
    }

    public static MoveRead estimated() {
        return new MoveRead(null, true, null, null);
    }

    public static MoveRead none() {
        return new MoveRead(null, false, null, null);
    }

    /** Whether anything was given: a reading or the choice to estimate. */
    public boolean given() {
        return estimate || reading != null;
    }
}

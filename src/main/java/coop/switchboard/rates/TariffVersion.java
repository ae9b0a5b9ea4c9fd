package coop.switchboard.rates;

import java.time.LocalDate;
import java.util.List;

/** The components of a rate schedule in effect from {@code effective} until the next version takes effect. */
public record TariffVersion(LocalDate effective, String notes, List<Component> components, Holidays holidays,
                            ProrationRules proration) {
    public TariffVersion {
        components = List.copyOf(components);
        holidays = holidays == null ? Holidays.NONE : holidays;
        proration = proration == null ? ProrationRules.STANDARD : proration;
        notes = notes == null ? "" : notes;
    }

    /** Whether the two versions rate alike (a period spanning them need not be split). */
    public boolean ratesLike(TariffVersion other) {
        return components.equals(other.components) && holidays.equals(other.holidays) && proration.equals(other.proration);
    }
}

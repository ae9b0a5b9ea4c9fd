package coop.switchboard.rates;

import coop.switchboard.shared.ServiceType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A rate schedule (RS Residential, GS Small Commercial ...) with its versions, oldest first. */
public record Tariff(String code, String name, ServiceType service, String rateClass, String description,
                     List<TariffVersion> versions) {
    public Tariff {
        List<TariffVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(TariffVersion::effective));
        versions = List.copyOf(sorted);
        rateClass = rateClass == null ? "" : rateClass;
        description = description == null ? "" : description;
    }

    /** The version in effect on a day, or null before the first. */
    public TariffVersion versionOn(LocalDate day) {
        TariffVersion found = null;
        for (TariffVersion v : versions) {
            if (v.effective().isAfter(day)) {
                break;
            }
            found = v;
        }
        return found;
    }
}

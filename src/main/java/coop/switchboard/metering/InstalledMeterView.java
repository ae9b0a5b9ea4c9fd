package coop.switchboard.metering;

import coop.switchboard.shared.ServiceType;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A meter as installed on a service point for a span of time ({@code removedOn} null while it is still there). */
public record InstalledMeterView(long meterId, String meterNumber, ServiceType serviceType, String kind,
                                 BigDecimal multiplier, int dials, boolean ami, long servicePointId,
                                 LocalDate installedOn, LocalDate removedOn) {
    public boolean current() {
        return removedOn == null;
    }
}

package coop.switchboard.metering;

import coop.switchboard.shared.ServiceType;

import java.math.BigDecimal;

/** A meter as reading it needs: its registers' dials and multiplier, its service, rating and cycle. */
public record MeterRecord(long id, String meterNumber, ServiceType serviceType, String kind, BigDecimal multiplier, int dials,
                          boolean ami, boolean netMetered, BigDecimal ratingKw, Integer cycleNumber, String routeCode) {

    /** Whether a read of this register can come from this meter. */
    public boolean has(Register register) {
        return switch (serviceType) {
            case ELECTRIC -> register == Register.KWH || register == Register.KW || register == Register.KVARH
                    || (register == Register.KWH_RECEIVED && netMetered);
            case WATER -> register == Register.GALLONS || register == Register.CCF;
            case FIBER -> false;
        };
    }
}

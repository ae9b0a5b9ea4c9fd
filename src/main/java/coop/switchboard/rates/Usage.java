package coop.switchboard.rates;

import coop.switchboard.shared.Quantity;

import java.util.EnumMap;
import java.util.Map;

/**
 * What was used in a service period: register totals by measure (kWh, maximum kW, kvarh, gallons, ccf), readings per
 * time-of-use period from TOU registers ({@code kwhByPeriod}, {@code kwByPeriod}, keyed by period name), and/or
 * interval data. With interval data the engine derives kWh, kW and time-of-use splits itself.
 */
public record Usage(Map<Measure, Quantity> totals, Map<String, Quantity> kwhByPeriod, Map<String, Quantity> kwByPeriod,
                    IntervalData intervals) {
    public Usage {
        totals = totals == null || totals.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(totals));
        kwhByPeriod = kwhByPeriod == null ? Map.of() : Map.copyOf(kwhByPeriod);
        kwByPeriod = kwByPeriod == null ? Map.of() : Map.copyOf(kwByPeriod);
    }

    public static Usage of(Map<Measure, Quantity> totals) {
        return new Usage(totals, null, null, null);
    }

    public static Usage kwh(String kwh) {
        return of(Map.of(Measure.KWH, Quantity.of(kwh)));
    }

    public static Usage intervals(IntervalData data) {
        return new Usage(null, null, null, data);
    }

    public Quantity total(Measure measure) {
        return totals.get(measure);
    }
}

package coop.switchboard.rates;

import java.math.BigDecimal;
import java.util.List;

/**
 * A charge per kW. {@code timeOfUse} false: the month's maximum demand at any time, priced by the month's period
 * (seasons); true: each period's own maximum within its hours. Periods may have tiers. A {@link Ratchet}, a minimum
 * kW, and a power factor adjustment (billed kW = kW × target ÷ actual power factor when the power factor is lower)
 * set the billing demand.
 */
public record DemandCharge(String code, String description, boolean timeOfUse, List<RatePeriod> periods,
                           HourSchedule schedule, Ratchet ratchet, BigDecimal powerFactorTarget,
                           Proration proration) implements Component {
    public DemandCharge {
        periods = List.copyOf(periods);
        if (schedule.maxPeriod() >= periods.size()) {
            throw new IllegalArgumentException("the schedule names period " + schedule.maxPeriod() + " but only " + periods.size() + " are defined");
        }
    }

    @Override
    public String kind() {
        return "demand";
    }
}

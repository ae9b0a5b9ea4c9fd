package coop.switchboard.rates;

import java.util.List;

/**
 * A charge on metered usage (energy in kWh, water in gallons or ccf, kvarh): flat, blocks (inclining or declining),
 * seasons, time-of-use periods, and blocks within time-of-use, all as periods with blocks plus an hour schedule.
 * Block limits are prorated by days per {@code blockProration}.
 */
public record UsageCharge(String code, String description, Measure measure, List<RatePeriod> periods,
                          HourSchedule schedule, BlockBasis basis, Proration blockProration) implements Component {
    public UsageCharge {
        periods = List.copyOf(periods);
        if (schedule.maxPeriod() >= periods.size()) {
            throw new IllegalArgumentException("the schedule names period " + schedule.maxPeriod() + " but only " + periods.size() + " are defined");
        }
    }

    @Override
    public String kind() {
        return "usage";
    }
}

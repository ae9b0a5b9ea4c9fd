package coop.switchboard.metering;

import java.util.List;

/**
 * Puts meters on a cycle, and on one of its routes in walking order: either the listed {@code meterNumbers} (in the
 * order given) or every meter now on {@code fromRoute} (in their route order). On a route, meters are numbered from
 * {@code firstSequence} (by default after the route's last meter) by {@code step} (by default 10), leaving room to
 * insert later; without a route they leave any route they were on. Fields may be null so that a missing one is
 * reported by name.
 */
public record MeterAssignment(Integer cycleNumber, String routeCode, List<String> meterNumbers, String fromRoute,
                              Integer firstSequence, Integer step) {

    public MeterAssignment {
        meterNumbers = meterNumbers == null ? List.of()
                : meterNumbers.stream().filter(m -> m != null && !m.isBlank()).map(String::trim).toList();
        routeCode = routeCode == null || routeCode.isBlank() ? null : routeCode.trim().toUpperCase(java.util.Locale.ROOT);
        fromRoute = fromRoute == null || fromRoute.isBlank() ? null : fromRoute.trim().toUpperCase(java.util.Locale.ROOT);
    }
}

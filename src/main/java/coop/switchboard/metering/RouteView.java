package coop.switchboard.metering;

/** A read route (the order a meter reader walks or drives) on a cycle, with how many meters are on it. */
public record RouteView(String code, String name, int cycleNumber, long meters) {
}

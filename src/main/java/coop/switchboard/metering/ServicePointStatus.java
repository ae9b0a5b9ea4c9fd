package coop.switchboard.metering;

import java.time.LocalDate;

/**
 * What metering asks about a service point to judge a read: whether service is active there on a day (a vacant or
 * inactive premise should use nothing) and the rate class its thresholds come from. Implemented by the agreements
 * module, which knows who is served where; metering cannot depend on it the other way round.
 */
public interface ServicePointStatus {

    /** The service point's state on a day. */
    State on(long servicePointId, LocalDate day);

    /** {@code active}: an agreement covers the day; {@code rateClass}: e.g. residential, commercial, irrigation, water. */
    record State(boolean active, String rateClass) {
    }
}

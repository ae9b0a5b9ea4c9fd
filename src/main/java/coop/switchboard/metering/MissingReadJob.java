package coop.switchboard.metering;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Looks for missing reads every morning (by default 5:15 in the utility's time zone; {@code
 * switchboard.metering.missing-read-cron}, "-" to turn it off), so the exceptions queue lists the meters whose cycle
 * read never came without anyone having to ask. Several application processes may run it: the search takes a lock and
 * adds nothing twice.
 */
@Component
class MissingReadJob {
    private static final Logger log = LoggerFactory.getLogger(MissingReadJob.class);
    private final ReadExceptionService exceptions;
    private final Clock clock;
    private final int graceDays;

    MissingReadJob(ReadExceptionService exceptions, Clock clock, @Value("${switchboard.metering.missing-read-grace-days:5}") int graceDays) {
        this.exceptions = exceptions;
        this.clock = clock;
        this.graceDays = graceDays;
    }

    @Scheduled(cron = "${switchboard.metering.missing-read-cron:0 15 5 * * *}", zone = "${switchboard.zone:America/Los_Angeles}")
    void findMissingReads() {
        int opened = exceptions.findMissingReads(LocalDate.now(clock), graceDays);
        log.info("Missing-read search: {} new exception{} in the queue", opened, opened == 1 ? "" : "s");
    }
}

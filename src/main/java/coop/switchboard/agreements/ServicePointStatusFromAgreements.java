package coop.switchboard.agreements;

import coop.switchboard.metering.ServicePointStatus;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.TariffSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells metering whether a service point is served on a day (an agreement covers it) and its rate class (from the
 * agreement's rate schedule), so read validation can judge use on vacant premises and pick thresholds.
 */
@Component
class ServicePointStatusFromAgreements implements ServicePointStatus {
    private final JdbcClient jdbc;
    private final TariffService tariffs;
    private final Clock clock;

    ServicePointStatusFromAgreements(JdbcClient jdbc, TariffService tariffs, Clock clock) {
        this.jdbc = jdbc;
        this.tariffs = tariffs;
        this.clock = clock;
    }

    @Override
    public State on(long servicePointId, LocalDate day) {
        Optional<String> schedule = jdbc.sql("""
                        select rate_schedule_code from agreements.service_agreement
                         where service_point_id = ? and start_date <= ? and (end_date is null or end_date >= ?)
                         order by start_date desc limit 1""")
                .params(servicePointId, day, day).query(String.class).optional();
        if (schedule.isEmpty()) {
            return new State(false, "default");
        }
        String rateClass = tariffs.schedules(LocalDate.now(clock)).stream().filter(s -> s.code().equals(schedule.get()))
                .map(TariffSummary::rateClass).filter(c -> !c.isBlank()).findFirst()
                .orElse(schedule.get().toLowerCase(Locale.ROOT));
        return new State(true, rateClass);
    }
}

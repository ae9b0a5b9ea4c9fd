package coop.switchboard.agreements;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.AccountView.AccountStatus;
import coop.switchboard.members.MemberService;
import coop.switchboard.metering.ReadType;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.premises.PremiseView;
import coop.switchboard.premises.PremiseView.ServicePointView;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.TariffSummary;
import coop.switchboard.shared.InputChecks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a start or a stop before anything is written, naming each problem by its field: the account, the service
 * point (and whether someone is served there), the rate schedule (its service, and rates in effect), the dates, and
 * the move read. What passes comes back ready to apply.
 */
@Component
class MoveChecks {
    private final JdbcClient jdbc;
    private final MemberService members;
    private final PremiseService premises;
    private final TariffService tariffs;
    private final MoveReads moveReads;
    private final Clock clock;

    MoveChecks(JdbcClient jdbc, MemberService members, PremiseService premises, TariffService tariffs, MoveReads moveReads, Clock clock) {
        this.jdbc = jdbc;
        this.members = members;
        this.premises = premises;
        this.tariffs = tariffs;
        this.moveReads = moveReads;
        this.clock = clock;
    }

    /** A start that passed its checks. */
    record Start(PremiseView premise, ServicePointView point, String schedule, LocalDate startDate, Optional<MoveReads.Planned> read) {
    }

    /** A stop that passed its checks. */
    record Stop(AgreementView agreement, LocalDate endDate, Optional<MoveReads.Planned> read) {
    }

    /** The account, when it exists and is open (not closed or written off). */
    Optional<AccountView> account(InputChecks checks, String field, long accountId) {
        Optional<AccountView> account = members.findAccount(accountId);
        if (account.isEmpty()) {
            checks.add(field, "there is no account " + accountId);
        } else if (account.get().status() == AccountStatus.CLOSED || account.get().status() == AccountStatus.WRITTEN_OFF) {
            checks.add(field, "is " + account.get().status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (account "
                    + account.get().accountNumber() + "): service starts on an open account");
            return Optional.empty();
        }
        return account;
    }

    /** A start: the service point free from that day, a schedule of its service, a date at most 60 days ahead, the move-in read. */
    Start start(InputChecks checks, Long servicePointId, String rateScheduleCode, LocalDate startDate, MoveRead read) {
        LocalDate latest = LocalDate.now(clock).plusDays(MoveService.MAX_DAYS_AHEAD);
        checks.required("startDate", startDate);
        boolean dateOk = startDate != null && !startDate.isAfter(latest);
        checks.check(startDate == null || dateOk, "startDate", "is more than " + MoveService.MAX_DAYS_AHEAD + " days ahead (the latest is " + latest + ")");
        PremiseView premise = null;
        ServicePointView point = null;
        if (servicePointId == null) {
            checks.add("servicePointId", "is required");
        } else {
            premise = premises.premisesOfServicePoints(List.of(servicePointId)).stream().findFirst().orElse(null);
            point = premise == null ? null : premise.servicePoints().stream().filter(p -> p.id() == servicePointId).findFirst().orElse(null);
            if (point == null) {
                checks.add("servicePointId", "there is no service point " + servicePointId);
            } else if (startDate != null) {
                occupied(point, startDate).ifPresent(message -> checks.add("servicePointId", message));
            }
        }
        String schedule = rateScheduleCode == null ? null : rateScheduleCode.trim().toUpperCase(Locale.ROOT);
        schedule(checks, schedule, point, startDate);
        Optional<MoveReads.Planned> planned = point == null || !dateOk ? Optional.empty()
                : moveReads.plan(point.id(), startDate, read, ReadType.INITIAL, "initialReading", "startDate", checks);
        return new Start(premise, point, schedule, startDate, planned);
    }

    /** Why the service point cannot take a new agreement from that day: someone's agreement runs past it. */
    private Optional<String> occupied(ServicePointView point, LocalDate startDate) {
        return jdbc.sql("""
                        select account_id, start_date, end_date from agreements.service_agreement
                         where service_point_id = ? and (end_date is null or end_date > ?)
                         order by start_date limit 1""")
                .params(point.id(), startDate)
                .query((rs, n) -> {
                    long accountId = rs.getLong(1);
                    LocalDate from = rs.getObject(2, LocalDate.class);
                    LocalDate to = rs.getObject(3, LocalDate.class);
                    String who = members.findAccount(accountId).map(a -> "account " + a.accountNumber()).orElse("account " + accountId);
                    return "is served by " + who + " from " + from + (to == null ? "" : " until " + to)
                            + ": stop that service first" + (to == null ? "" : ", or start on or after " + to);
                })
                .optional();
    }

    private void schedule(InputChecks checks, String code, ServicePointView point, LocalDate startDate) {
        if (code == null || code.isBlank()) {
            checks.add("rateScheduleCode", "is required");
            return;
        }
        if (!tariffs.exists(code)) {
            checks.add("rateScheduleCode", "there is no rate schedule " + code);
            return;
        }
        LocalDate day = startDate != null ? startDate : LocalDate.now(clock);
        TariffSummary summary = tariffs.schedules(day).stream().filter(s -> s.code().equals(code)).findFirst().orElse(null);
        if (summary == null) {
            return;
        }
        String service = summary.service() == null ? "" : summary.service().trim();
        if (point != null && !service.isEmpty() && !service.equalsIgnoreCase(point.serviceType().name())) {
            checks.add("rateScheduleCode", code + " is a " + service.toLowerCase(Locale.ROOT) + " rate schedule; this service point delivers "
                    + point.serviceType().name().toLowerCase(Locale.ROOT));
        } else if (startDate != null && summary.currentEffective() == null) {
            checks.add("rateScheduleCode", code + " has no rates in effect on " + startDate
                    + (summary.nextEffective() == null ? "" : " (its first version starts " + summary.nextEffective() + ")"));
        }
    }

    /** A stop: a running agreement, an end date from its start to at most 60 days ahead, the final read. */
    Stop stop(InputChecks checks, Long agreementId, LocalDate endDate, MoveRead read) {
        checks.required("agreementId", agreementId);
        AgreementView agreement = agreementId == null ? null : agreement(agreementId).orElse(null);
        if (agreementId != null && agreement == null) {
            checks.add("agreementId", "there is no service agreement " + agreementId);
        } else if (agreement != null && !agreement.active()) {
            checks.add("agreementId", "agreement " + agreementId + " ended on " + agreement.endDate() + " already");
            agreement = null;
        }
        checks.required("endDate", endDate);
        LocalDate latest = LocalDate.now(clock).plusDays(MoveService.MAX_DAYS_AHEAD);
        boolean dateOk = endDate != null && !endDate.isAfter(latest) && (agreement == null || !endDate.isBefore(agreement.startDate()));
        if (endDate != null && endDate.isAfter(latest)) {
            checks.add("endDate", "is more than " + MoveService.MAX_DAYS_AHEAD + " days ahead (the latest is " + latest + ")");
        } else if (endDate != null && agreement != null && endDate.isBefore(agreement.startDate())) {
            checks.add("endDate", "is before the service started (" + agreement.startDate() + ")");
        }
        Optional<MoveReads.Planned> planned = agreement == null || !dateOk ? Optional.empty()
                : moveReads.plan(agreement.servicePointId(), endDate, read, ReadType.FINAL, "finalReading", "endDate", checks);
        return new Stop(agreement, endDate, planned);
    }

    /** The agreement, as it stands in this transaction. */
    Optional<AgreementView> agreement(Long agreementId) {
        if (agreementId == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from agreements.service_agreement where id = ?").param(agreementId)
                .query((rs, n) -> new AgreementView(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("service_point_id"),
                        rs.getString("rate_schedule_code"), rs.getObject("start_date", LocalDate.class),
                        rs.getObject("end_date", LocalDate.class)))
                .optional();
    }
}

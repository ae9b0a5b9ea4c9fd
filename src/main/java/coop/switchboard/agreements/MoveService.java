package coop.switchboard.agreements;

import coop.switchboard.members.AccountChanged;
import coop.switchboard.members.AccountView.AccountStatus;
import coop.switchboard.members.MemberService;
import coop.switchboard.metering.ReadEstimates;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadView;
import coop.switchboard.metering.Register;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.premises.PremiseView;
import coop.switchboard.premises.PremiseView.PremiseType;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.TariffSummary;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.ServiceType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Move-in, move-out and transfer: starts a service (a new agreement from a date with its initial read), stops one
 * (its final read and end date; the account goes FINAL when nothing is left), or does both in one step. Every field is
 * checked first and each problem named; nothing is saved on a problem. Each change is audited and publishes
 * {@link ServiceStarted}, {@link ServiceStopped} and {@link ServiceTransferred} in its transaction.
 */
@Service
public class MoveService {
    /** How far ahead a service may be started or stopped (an unmetered one: a metered one waits for its read). */
    public static final int MAX_DAYS_AHEAD = 60;
    private final JdbcClient jdbc;
    private final MoveChecks checks;
    private final MemberService members;
    private final PremiseService premises;
    private final TariffService tariffs;
    private final ReadService reads;
    private final ReadEstimates estimates;
    private final MoveReads moveReads;
    private final AccountStatuses statuses;
    private final PremiseLookup lookup;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MoveService(JdbcClient jdbc, MoveChecks checks, MemberService members, PremiseService premises, TariffService tariffs,
                ReadService reads, ReadEstimates estimates, MoveReads moveReads, AccountStatuses statuses, PremiseLookup lookup,
                AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.members = members;
        this.premises = premises;
        this.tariffs = tariffs;
        this.reads = reads;
        this.estimates = estimates;
        this.moveReads = moveReads;
        this.statuses = statuses;
        this.lookup = lookup;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }


    /**
     * Starts service for the account at the service point on the rate schedule from {@code startDate}, with the
     * meter's initial read (entered, or estimated: then an ESTIMATED read with a note). A pending account becomes ACTIVE.
     */
    @Transactional
    public MoveResult startService(long accountId, Long servicePointId, String rateScheduleCode, LocalDate startDate, MoveRead read) {
        statuses.lock(accountId);
        lockServicePoint(servicePointId);
        InputChecks problems = new InputChecks();
        checks.account(problems, "accountId", accountId);
        MoveChecks.Start start = checks.start(problems, servicePointId, rateScheduleCode, startDate, read);
        problems.throwIfAny();
        MoveResult started = start(accountId, start);
        AccountStatus status = statuses.serviceStarted(accountId, started.agreement().id());
        events.publishEvent(started(started.agreement()));
        events.publishEvent(new AccountChanged(accountId));
        return new MoveResult(started.agreement(), started.read(), status);
    }

    /** Stops the agreement on {@code endDate} with the final read; an account left with no service becomes FINAL. */
    @Transactional
    public MoveResult stopService(Long agreementId, LocalDate endDate, MoveRead read) {
        checks.agreement(agreementId).ifPresent(a -> statuses.lock(a.accountId()));
        InputChecks problems = new InputChecks();
        MoveChecks.Stop stop = checks.stop(problems, agreementId, endDate, read);
        problems.throwIfAny();
        MoveResult stopped = stop(stop);
        AccountStatus status = statuses.serviceStopped(stopped.agreement().accountId(), stopped.agreement().id(), endDate);
        events.publishEvent(stopped(stopped.agreement()));
        events.publishEvent(new AccountChanged(stopped.agreement().accountId()));
        return new MoveResult(stopped.agreement(), stopped.read(), status);
    }

    /**
     * Stops one service and starts another in one transaction: on the same account, or on another account of the same
     * member ({@code toAccountId}), whose balance the ledger moves when {@code moveBalance} is set.
     */
    @Transactional
    public TransferResult transfer(TransferRequest t) {
        Optional<AgreementView> current = checks.agreement(t.agreementId());
        long fromAccountId = current.map(AgreementView::accountId).orElse(-1L);
        long toAccountId = t.toAccountId() != null ? t.toAccountId() : fromAccountId;
        statuses.lock(fromAccountId, toAccountId);
        lockServicePoint(t.servicePointId());
        InputChecks problems = new InputChecks();
        MoveChecks.Stop stop = checks.stop(problems, t.agreementId(), t.endDate(), t.finalRead());
        if (current.isPresent() && t.toAccountId() != null && toAccountId != fromAccountId) {
            checks.account(problems, "toAccountId", toAccountId).ifPresent(to -> {
                if (to.memberId() != members.account(fromAccountId).memberId()) {
                    problems.add("toAccountId", "belongs to another member: a transfer keeps the service with the same member");
                }
            });
        }
        boolean sameAccount = toAccountId == fromAccountId;
        problems.check(current.isEmpty() || !t.moveBalance() || !sameAccount, "moveBalance",
                "applies only when the service moves to another account");
        if (current.isPresent() && t.servicePointId() != null && current.get().servicePointId() == t.servicePointId()) {
            problems.add("servicePointId", "is the service being stopped: choose the service point at the new premise");
        }
        MoveChecks.Start start = checks.start(problems, t.servicePointId(), t.rateScheduleCode(), t.startDate(), t.initialRead());
        problems.throwIfAny();

        MoveResult stopped = stop(stop);
        MoveResult started = start(toAccountId, start);
        AccountStatus toStatus = statuses.serviceStarted(toAccountId, started.agreement().id());
        AccountStatus fromStatus = statuses.serviceStopped(fromAccountId, stopped.agreement().id(), stop.endDate());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("fromAgreementId", stopped.agreement().id());
        after.put("fromAccountId", fromAccountId);
        after.put("toAgreementId", started.agreement().id());
        after.put("toAccountId", toAccountId);
        after.put("moveBalance", t.moveBalance());
        audit.changed("service_agreement", started.agreement().id(), toAccountId, "TRANSFER_SERVICE", null, after);
        events.publishEvent(stopped(stopped.agreement()));
        events.publishEvent(started(started.agreement()));
        events.publishEvent(new ServiceTransferred(fromAccountId, toAccountId, t.moveBalance(), stopped.agreement().id(),
                started.agreement().id(), started.agreement().startDate()));
        events.publishEvent(new AccountChanged(fromAccountId));
        if (!sameAccount) {
            events.publishEvent(new AccountChanged(toAccountId));
        }
        return new TransferResult(new MoveResult(stopped.agreement(), stopped.read(), sameAccount ? toStatus : fromStatus),
                new MoveResult(started.agreement(), started.read(), toStatus), t.moveBalance());
    }

    // ---- what the console offers ------------------------------------------------------------------------------------

    /** Premises whose address holds every word typed (house number, street, city, ZIP), at most {@code limit}. */
    public List<PremiseView> premisesMatching(String address, int limit) {
        return ordered(lookup.matching(address, limit));
    }

    /** Premises the member owns (a landlord's rentals). */
    public List<PremiseView> premisesOwnedBy(long memberId) {
        return ordered(lookup.ownedBy(memberId));
    }

    /**
     * The rate schedule a service usually starts on: RS for residential electric, GS small commercial, LP large
     * power, IRR irrigation, SL lighting, W water, FB fiber; else the first schedule of the service. Null when none.
     */
    public String defaultSchedule(PremiseType premiseType, ServiceType service) {
        String usual = switch (service) {
            case WATER -> "W";
            case FIBER -> "FB";
            case ELECTRIC -> switch (premiseType == null ? PremiseType.RESIDENTIAL : premiseType) {
                case RESIDENTIAL -> "RS";
                case SMALL_COMMERCIAL -> "GS";
                case LARGE_POWER -> "LP";
                case IRRIGATION -> "IRR";
                case PUBLIC_LIGHTING -> "SL";
            };
        };
        List<TariffSummary> schedules = tariffs.schedules(LocalDate.now(clock));
        if (schedules.stream().anyMatch(s -> s.code().equals(usual))) {
            return usual;
        }
        return schedules.stream().filter(s -> service.name().equalsIgnoreCase(s.service())).map(TariffSummary::code).findFirst().orElse(null);
    }

    /** The meter a read on that day is taken on, its newest valid read and an estimate for the day; empty when unmetered. */
    public Optional<MoveMeterView> meterFor(long servicePointId, LocalDate day) {
        return moveReads.meterOn(servicePointId, day).map(m -> {
            Register register = moveReads.mainRegister(m);
            List<ReadView> recent = reads.reads(m.meterId(), 24).stream().filter(r -> r.register() == register).toList();
            // The newest read that counts: one waiting in the exceptions queue is no yardstick for the member's number.
            ReadView last = recent.stream().filter(r -> "VALID".equals(r.status())).findFirst().orElse(recent.isEmpty() ? null : recent.getFirst());
            return new MoveMeterView(m, register, last, estimates.estimateOn(m.meterId(), register, day));
        });
    }

    // ---- changes ------------------------------------------------------------------------------------------------------

    private MoveResult start(long accountId, MoveChecks.Start s) {
        // The read first: it closes the time before this service (vacant, or the last occupant's), and validation
        // judges it by who was served then.
        ReadView read = s.read().map(moveReads::record).orElse(null);
        long id = jdbc.sql("""
                        insert into agreements.service_agreement (account_id, service_point_id, rate_schedule_code, start_date, created_at)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(accountId, s.point().id(), s.schedule(), s.startDate(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("servicePointId", s.point().id());
        after.put("address", s.premise().address());
        after.put("service", s.point().serviceType().name());
        after.put("rateScheduleCode", s.schedule());
        after.put("startDate", s.startDate().toString());
        putRead(after, read);
        audit.changed("service_agreement", id, accountId, "START_SERVICE", null, after);
        return new MoveResult(checks.agreement(id).orElseThrow(), read, null);
    }

    private MoveResult stop(MoveChecks.Stop s) {
        AgreementView a = s.agreement();
        jdbc.sql("update agreements.service_agreement set end_date = ? where id = ? and end_date is null").params(s.endDate(), a.id()).update();
        ReadView read = s.read().map(moveReads::record).orElse(null);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("endDate", s.endDate().toString());
        putRead(after, read);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("endDate", null);
        audit.changed("service_agreement", a.id(), a.accountId(), "STOP_SERVICE", before, after);
        return new MoveResult(checks.agreement(a.id()).orElseThrow(), read, null);
    }

    private static void putRead(Map<String, Object> after, ReadView read) {
        if (read != null) {
            after.put("meter", read.meterNumber());
            after.put("reading", read.reading().toPlainString());
            after.put("readType", read.type().name());
        }
    }

    /** Two starts on one service point at once: the second waits here, then sees the first's agreement. */
    private void lockServicePoint(Long servicePointId) {
        if (servicePointId != null) {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('agreements.service_point'), hashtext(?))")
                    .param(Long.toString(servicePointId)).query(Object.class).single();
        }
    }

    private List<PremiseView> ordered(List<Long> ids) {
        Map<Long, PremiseView> byId = new LinkedHashMap<>();
        premises.premises(ids).forEach(p -> byId.put(p.id(), p));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private static ServiceStarted started(AgreementView a) {
        return new ServiceStarted(a.id(), a.accountId(), a.servicePointId(), a.rateScheduleCode(), a.startDate());
    }

    private static ServiceStopped stopped(AgreementView a) {
        return new ServiceStopped(a.id(), a.accountId(), a.servicePointId(), a.rateScheduleCode(), a.endDate());
    }
}

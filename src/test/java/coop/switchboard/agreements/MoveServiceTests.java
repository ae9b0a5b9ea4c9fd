package coop.switchboard.agreements;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.AccountChanged;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.AccountView.AccountStatus;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.ReadEstimates;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.Register;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.InvalidInputException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Move-in, move-out and transfer: each path, every refusal (the field named, nothing saved), the account's status
 * and the events billing and the ledger listen to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
@RecordApplicationEvents
class MoveServiceTests {
    @Autowired MoveService moves;
    @Autowired TariffService tariffs;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    @Autowired Clock clock;
    @Autowired ApplicationEvents events;
    @Autowired ReadEstimates estimates;
    MoveFixtures fx;
    LocalDate today;

    @BeforeEach
    void setUp() throws Exception {
        MoveFixtures.tariffs(tariffs);
        fx = new MoveFixtures(enrollment, jdbc, search, clock);
        today = fx.today();
    }

    private static String street(String name) {
        return TestCustomers.uniqueDigits(4).replaceFirst("^0+", "1") + " " + name;
    }

    // ---- start ------------------------------------------------------------------------------------------------------

    @Test
    void startsServiceWithTheEnteredInitialReadAndActivatesThePendingAccount() {
        AccountView account = fx.pendingAccount("Imogen", "Starling");
        MoveFixtures.Place place = fx.vacantPlace(street("Larch Loop"), "RESIDENTIAL", true);
        BigDecimal reading = fx.lastReading(place.electricMeter()).add(BigDecimal.valueOf(37));

        MoveResult started = moves.startService(account.id(), place.electricPointId(), " rs ", today,
                new MoveRead(reading, false, "Dale (field)", "gate code 1234"));

        assertThat(started.agreement().accountId()).isEqualTo(account.id());
        assertThat(started.agreement().rateScheduleCode()).isEqualTo("RS");
        assertThat(started.agreement().startDate()).isEqualTo(today);
        assertThat(started.agreement().active()).isTrue();
        assertThat(started.accountStatus()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(fx.status(account.id())).isEqualTo("ACTIVE");
        assertThat(started.read().type()).isEqualTo(ReadType.INITIAL);
        assertThat(started.read().source()).isEqualTo(ReadSource.MANUAL);
        assertThat(started.read().reading()).isEqualByComparingTo(reading);
        assertThat(started.read().readDate()).isEqualTo(today);
        assertThat(started.read().reader()).isEqualTo("Dale (field)");
        assertThat(started.read().reason()).isEqualTo("Move-in read. Note: gate code 1234");
        assertThat(started.read().status()).isEqualTo("VALID");
        assertThat(jdbc.sql("select string_agg(action, ',' order by id) from platform.audit_event where account_id = ? and action <> 'ENROLL'")
                .param(account.id()).query(String.class).single()).isEqualTo("START_SERVICE,STATUS");

        assertThat(events.stream(ServiceStarted.class)).containsExactly(new ServiceStarted(started.agreement().id(), account.id(),
                place.electricPointId(), "RS", today));
        assertThat(events.stream(AccountChanged.class)).contains(new AccountChanged(account.id()));
        assertThat(events.stream(ServiceStopped.class)).isEmpty();
    }

    @Test
    void estimatesTheInitialReadFromHistoryWhenTheMemberAsksAndMarksItEstimated() {
        AccountView account = fx.pendingAccount("Osric", "Vale");
        AccountView before = fx.pendingAccount("Nell", "Tansy");
        MoveFixtures.Place place = fx.vacantPlace(street("Larch Loop"), "RESIDENTIAL", true);
        long previous = fx.agreement(before.id(), place.waterPointId(), "W", today.minusYears(2));
        jdbc.sql("update agreements.service_agreement set end_date = ? where id = ?").params(today, previous).update();
        BigDecimal last = fx.lastReading(place.waterMeter());

        MoveResult started = moves.startService(account.id(), place.waterPointId(), "W", today, MoveRead.estimated());

        assertThat(started.read().type()).isEqualTo(ReadType.ESTIMATED);
        assertThat(started.read().source()).isEqualTo(ReadSource.ESTIMATE);
        assertThat(started.read().meterNumber()).isEqualTo(place.waterMeter());
        assertThat(started.read().reading()).isGreaterThan(last);
        assertThat(started.read().reason()).startsWith("Move-in read, estimated at the member's request. Estimated ");
        assertThat(fx.status(account.id())).isEqualTo("ACTIVE");
    }

    @Test
    void anEstimatedMoveInAfterAVacancyCountsNoUseWhileVacant() {
        AccountView account = fx.pendingAccount("Opal", "Sorrel");
        MoveFixtures.Place place = fx.vacantPlace(street("Larch Loop"), "RESIDENTIAL", true);
        BigDecimal last = fx.lastReading(place.electricMeter());

        MoveResult started = moves.startService(account.id(), place.electricPointId(), "RS", today, MoveRead.estimated());

        assertThat(started.read().type()).isEqualTo(ReadType.ESTIMATED);
        assertThat(started.read().reading()).isEqualByComparingTo(last);
        assertThat(started.read().reason()).startsWith("Move-in read, estimated at the member's request. Nobody was served here since the read of ");
        assertThat(started.read().status()).isEqualTo("VALID");
    }

    @Test
    void startsFiberWithoutAReadAndUpToSixtyDaysAhead() {
        AccountView account = fx.pendingAccount("Petra", "Quill");
        MoveFixtures.Place place = fx.vacantPlace(street("Larch Loop"), "RESIDENTIAL", false);

        MoveResult started = moves.startService(account.id(), place.fiberPointId(), "FB", today.plusDays(60), null);

        assertThat(started.read()).isNull();
        assertThat(started.agreement().startDate()).isEqualTo(today.plusDays(60));
        assertThat(events.stream(ServiceStarted.class)).hasSize(1);
    }

    @Test
    void refusesEachBadStartNamingTheFieldAndSavesNothing() {
        AccountView account = fx.pendingAccount("Quentin", "Rook");
        MoveFixtures.Place place = fx.vacantPlace(street("Larch Loop"), "RESIDENTIAL", true);
        MoveFixtures.Place bare = fx.vacantPlace(street("Larch Loop"), "RESIDENTIAL", false);
        AccountView neighbour = fx.pendingAccount("Ursula", "Vetch");
        MoveFixtures.Place taken = fx.vacantPlace(street("Larch Loop"), "RESIDENTIAL", false);
        fx.agreement(neighbour.id(), taken.electricPointId(), "RS", today.minusYears(1));
        AccountView closed = fx.pendingAccount("Walter", "Yew");
        jdbc.sql("update members.account set status = 'CLOSED' where id = ?").param(closed.id()).update();
        MoveRead read = MoveRead.entered(fx.lastReading(place.electricMeter()));
        long e = place.electricPointId();

        refusedStart(() -> moves.startService(-5, e, "RS", today, read), "accountId", "there is no account -5", account, place);
        refusedStart(() -> moves.startService(closed.id(), e, "RS", today, read), "accountId", "is closed", account, place);
        refusedStart(() -> moves.startService(account.id(), null, "RS", today, read), "servicePointId", "is required", account, place);
        refusedStart(() -> moves.startService(account.id(), -7L, "RS", today, read), "servicePointId", "there is no service point -7", account, place);
        refusedStart(() -> moves.startService(account.id(), e, "NOPE", today, read), "rateScheduleCode", "there is no rate schedule NOPE", account, place);
        refusedStart(() -> moves.startService(account.id(), e, "", today, read), "rateScheduleCode", "is required", account, place);
        refusedStart(() -> moves.startService(account.id(), e, "W", today, read), "rateScheduleCode",
                "W is a water rate schedule; this service point delivers electric", account, place);
        refusedStart(() -> moves.startService(account.id(), taken.electricPointId(), "RS", today, read), "servicePointId",
                "is served by account " + neighbour.accountNumber(), account, place);
        refusedStart(() -> moves.startService(account.id(), e, "RS", null, read), "startDate", "is required", account, place);
        refusedStart(() -> moves.startService(account.id(), place.fiberPointId(), "FB", today.plusDays(61), null), "startDate",
                "is more than 60 days ahead", account, place);
        refusedStart(() -> moves.startService(account.id(), e, "RS", today.plusDays(1), read), "startDate",
                "is after today: meter " + place.electricMeter(), account, place);
        refusedStart(() -> moves.startService(account.id(), e, "RS", today, null), "initialReading",
                "is required: meter " + place.electricMeter(), account, place);
        refusedStart(() -> moves.startService(account.id(), e, "RS", today, MoveRead.entered(new BigDecimal("100000"))), "initialReading",
                "does not fit on meter", account, place);
        refusedStart(() -> moves.startService(account.id(), e, "RS", today, MoveRead.entered(new BigDecimal("-1"))), "initialReading",
                "must not be negative", account, place);
        refusedStart(() -> moves.startService(account.id(), bare.electricPointId(), "RS", today, MoveRead.estimated()), "initialReading",
                "cannot be estimated: There is no earlier valid read", account, bare);
        refusedStart(() -> moves.startService(account.id(), place.fiberPointId(), "FB", today, MoveRead.entered(BigDecimal.ONE)), "initialReading",
                "no meter stands on this service point", account, place);

        InvalidInputException all = catchThrowableOfType(InvalidInputException.class,
                () -> moves.startService(account.id(), e, "NOPE", today.plusDays(90), null));
        assertThat(all.byField()).containsOnlyKeys("startDate", "rateScheduleCode");
        assertThat(events.stream(ServiceStarted.class)).isEmpty();
        assertThat(fx.agreementsAt(taken.electricPointId())).isEqualTo(1);
    }

    private void refusedStart(ThrowingCallable start, String field, String message, AccountView account, MoveFixtures.Place place) {
        long reads = fx.readsOf(place.electricMeter());
        long audits = fx.auditsOf(account.id());
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, start);
        assertThat(e).as("refused on " + field).isNotNull();
        assertThat(e.byField()).containsKey(field);
        assertThat(e.byField().get(field)).contains(message);
        assertThat(fx.agreementsAt(place.electricPointId()) + fx.agreementsAt(place.fiberPointId())).isZero();
        assertThat(fx.readsOf(place.electricMeter())).isEqualTo(reads);
        assertThat(fx.status(account.id())).isEqualTo("PENDING");
        assertThat(fx.auditsOf(account.id())).isEqualTo(audits);
    }

    // ---- stop -------------------------------------------------------------------------------------------------------

    @Test
    void stopsServiceWithTheFinalReadAndTheAccountGoesFinal() {
        AccountView account = fx.pendingAccount("Xavier", "Alder");
        MoveFixtures.Place place = fx.vacantPlace(street("Birch Bend"), "RESIDENTIAL", true);
        long agreement = fx.agreement(account.id(), place.electricPointId(), "RS", today.minusYears(2));
        BigDecimal reading = fx.ordinaryReading(place.electricMeter());

        MoveResult stopped = moves.stopService(agreement, today, MoveRead.entered(reading));

        assertThat(stopped.agreement().endDate()).isEqualTo(today);
        assertThat(stopped.read().type()).isEqualTo(ReadType.FINAL);
        assertThat(stopped.read().reading()).isEqualByComparingTo(reading);
        assertThat(stopped.read().reason()).isEqualTo("Final read.");
        assertThat(stopped.accountStatus()).isEqualTo(AccountStatus.FINAL);
        assertThat(fx.status(account.id())).isEqualTo("FINAL");
        assertThat(jdbc.sql("select string_agg(action, ',' order by id) from platform.audit_event where account_id = ? and action <> 'ENROLL'")
                .param(account.id()).query(String.class).single()).isEqualTo("STOP_SERVICE,STATUS");
        assertThat(events.stream(ServiceStopped.class)).containsExactly(new ServiceStopped(agreement, account.id(),
                place.electricPointId(), "RS", today));
    }

    @Test
    void stopsOneOfTwoServicesWithAnEstimateAndTheAccountStaysActive() {
        AccountView account = fx.pendingAccount("Yolanda", "Birch");
        MoveFixtures.Place place = fx.vacantPlace(street("Birch Bend"), "RESIDENTIAL", true);
        long electric = fx.agreement(account.id(), place.electricPointId(), "RS", today.minusYears(2));
        fx.agreement(account.id(), place.waterPointId(), "W", today.minusYears(2));

        MoveResult stopped = moves.stopService(electric, today, MoveRead.estimated());

        assertThat(stopped.read().type()).isEqualTo(ReadType.ESTIMATED);
        assertThat(stopped.read().reason()).startsWith("Final read, estimated at the member's request.");
        assertThat(stopped.read().reading()).isGreaterThan(fx.lastReadingBefore(place.electricMeter(), today));
        assertThat(stopped.accountStatus()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(fx.status(account.id())).isEqualTo("ACTIVE");
        assertThat(events.stream(ServiceStopped.class)).hasSize(1);
    }

    @Test
    void stopsFiberAheadOfTimeWithoutARead() {
        AccountView account = fx.pendingAccount("Zelda", "Cedar");
        MoveFixtures.Place place = fx.vacantPlace(street("Birch Bend"), "RESIDENTIAL", false);
        long fiber = fx.agreement(account.id(), place.fiberPointId(), "FB", today.minusMonths(3));

        MoveResult stopped = moves.stopService(fiber, today.plusDays(30), MoveRead.none());

        assertThat(stopped.read()).isNull();
        assertThat(fx.endDate(fiber)).isEqualTo(today.plusDays(30));
        assertThat(fx.status(account.id())).isEqualTo("FINAL");
    }

    @Test
    void refusesEachBadStopNamingTheFieldAndSavesNothing() {
        AccountView account = fx.pendingAccount("Abel", "Dogwood");
        MoveFixtures.Place place = fx.vacantPlace(street("Birch Bend"), "RESIDENTIAL", true);
        long agreement = fx.agreement(account.id(), place.electricPointId(), "RS", today.minusMonths(6));
        long ended = fx.agreement(account.id(), place.waterPointId(), "W", today.minusYears(3));
        jdbc.sql("update agreements.service_agreement set end_date = ? where id = ?").params(today.minusYears(1), ended).update();
        MoveRead read = MoveRead.entered(fx.ordinaryReading(place.electricMeter()));

        refusedStop(() -> moves.stopService(null, today, read), "agreementId", "is required", account, place, agreement);
        refusedStop(() -> moves.stopService(-3L, today, read), "agreementId", "there is no service agreement -3", account, place, agreement);
        refusedStop(() -> moves.stopService(ended, today, read), "agreementId", "ended on " + today.minusYears(1) + " already", account, place, agreement);
        refusedStop(() -> moves.stopService(agreement, null, read), "endDate", "is required", account, place, agreement);
        refusedStop(() -> moves.stopService(agreement, today.minusMonths(7), read), "endDate",
                "is before the service started (" + today.minusMonths(6) + ")", account, place, agreement);
        refusedStop(() -> moves.stopService(agreement, today.plusDays(61), read), "endDate", "is more than 60 days ahead", account, place, agreement);
        refusedStop(() -> moves.stopService(agreement, today.plusDays(2), read), "endDate", "is after today", account, place, agreement);
        refusedStop(() -> moves.stopService(agreement, today, MoveRead.none()), "finalReading", "is required: meter " + place.electricMeter(),
                account, place, agreement);
        refusedStop(() -> moves.stopService(agreement, today, MoveRead.entered(new BigDecimal("1.23456"))), "finalReading",
                "has more than 4 decimals", account, place, agreement);
        assertThat(events.stream(ServiceStopped.class)).isEmpty();
    }

    private void refusedStop(ThrowingCallable stop, String field, String message, AccountView account, MoveFixtures.Place place,
                             long agreement) {
        long reads = fx.readsOf(place.electricMeter());
        long audits = fx.auditsOf(account.id());
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, stop);
        assertThat(e).as("refused on " + field).isNotNull();
        assertThat(e.byField()).containsKey(field);
        assertThat(e.byField().get(field)).contains(message);
        assertThat(fx.endDate(agreement)).isNull();
        assertThat(fx.readsOf(place.electricMeter())).isEqualTo(reads);
        assertThat(fx.status(account.id())).isEqualTo("ACTIVE");
        assertThat(fx.auditsOf(account.id())).isEqualTo(audits);
    }

    // ---- transfer ---------------------------------------------------------------------------------------------------

    @Test
    void transfersServiceOnTheSameAccountInOneStep() {
        AccountView account = fx.pendingAccount("Beatrix", "Elm");
        MoveFixtures.Place from = fx.vacantPlace(street("Cottonwood Ct"), "RESIDENTIAL", true);
        MoveFixtures.Place to = fx.vacantPlace(street("Cottonwood Ct"), "RESIDENTIAL", true);
        long old = fx.agreement(account.id(), from.electricPointId(), "RS", today.minusYears(2));

        TransferResult done = moves.transfer(new TransferRequest(old, today, MoveRead.entered(fx.ordinaryReading(from.electricMeter())),
                to.electricPointId(), "RS", today, MoveRead.estimated(), null, false));

        assertThat(done.stopped().agreement().endDate()).isEqualTo(today);
        assertThat(done.stopped().read().type()).isEqualTo(ReadType.FINAL);
        assertThat(done.started().agreement().accountId()).isEqualTo(account.id());
        assertThat(done.started().agreement().servicePointId()).isEqualTo(to.electricPointId());
        assertThat(done.started().read().type()).isEqualTo(ReadType.ESTIMATED);
        assertThat(fx.status(account.id())).isEqualTo("ACTIVE");
        long started = done.started().agreement().id();
        assertThat(events.stream(ServiceStopped.class)).containsExactly(new ServiceStopped(old, account.id(), from.electricPointId(), "RS", today));
        assertThat(events.stream(ServiceStarted.class)).containsExactly(new ServiceStarted(started, account.id(), to.electricPointId(), "RS", today));
        assertThat(events.stream(ServiceTransferred.class)).containsExactly(new ServiceTransferred(account.id(), account.id(), false, old, started, today));
        assertThat(jdbc.sql("select count(*) from platform.audit_event where account_id = ? and action = 'STATUS'").param(account.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void transfersToAnotherAccountOfTheMemberMovingTheBalance() {
        AccountView account = fx.pendingAccount("Cyrus", "Fir");
        long second = fx.secondAccount(account.memberId());
        MoveFixtures.Place from = fx.vacantPlace(street("Cottonwood Ct"), "RESIDENTIAL", false);
        MoveFixtures.Place to = fx.vacantPlace(street("Cottonwood Ct"), "SMALL_COMMERCIAL", false);
        long old = fx.agreement(account.id(), from.fiberPointId(), "FB", today.minusYears(1));

        TransferResult done = moves.transfer(new TransferRequest(old, today, null, to.fiberPointId(), "FB-100", today.plusDays(3),
                null, second, true));

        assertThat(done.moveBalance()).isTrue();
        assertThat(done.stopped().accountStatus()).isEqualTo(AccountStatus.FINAL);
        assertThat(done.started().accountStatus()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(fx.status(account.id())).isEqualTo("FINAL");
        assertThat(fx.status(second)).isEqualTo("ACTIVE");
        assertThat(events.stream(ServiceTransferred.class)).containsExactly(new ServiceTransferred(account.id(), second, true, old,
                done.started().agreement().id(), today.plusDays(3)));
        assertThat(events.stream(AccountChanged.class)).contains(new AccountChanged(account.id()), new AccountChanged(second));
    }

    @Test
    void refusesABadTransferNamingEveryFieldOfBothHalvesAndSavesNothing() {
        AccountView account = fx.pendingAccount("Delia", "Gum");
        AccountView stranger = fx.pendingAccount("Edgar", "Hazel");
        MoveFixtures.Place from = fx.vacantPlace(street("Cottonwood Ct"), "RESIDENTIAL", true);
        MoveFixtures.Place to = fx.vacantPlace(street("Cottonwood Ct"), "RESIDENTIAL", true);
        long old = fx.agreement(account.id(), from.electricPointId(), "RS", today.minusYears(2));
        MoveRead fine = MoveRead.entered(fx.ordinaryReading(from.electricMeter()));
        long reads = fx.readsOf(from.electricMeter()) + fx.readsOf(to.electricMeter());

        InvalidInputException both = catchThrowableOfType(InvalidInputException.class, () -> moves.transfer(new TransferRequest(old, today,
                MoveRead.none(), to.electricPointId(), "NOPE", today, MoveRead.none(), null, false)));
        assertThat(both.byField()).containsOnlyKeys("finalReading", "rateScheduleCode", "initialReading");

        InvalidInputException sameAccount = catchThrowableOfType(InvalidInputException.class, () -> moves.transfer(new TransferRequest(old, today,
                fine, to.electricPointId(), "RS", today, MoveRead.estimated(), null, true)));
        assertThat(sameAccount.byField()).containsOnlyKeys("moveBalance");

        InvalidInputException otherMember = catchThrowableOfType(InvalidInputException.class, () -> moves.transfer(new TransferRequest(old, today,
                fine, to.electricPointId(), "RS", today, MoveRead.estimated(), stranger.id(), true)));
        assertThat(otherMember.byField()).containsOnlyKeys("toAccountId");
        assertThat(otherMember.byField().get("toAccountId")).startsWith("belongs to another member");

        InvalidInputException samePoint = catchThrowableOfType(InvalidInputException.class, () -> moves.transfer(new TransferRequest(old, today,
                fine, from.electricPointId(), "RS", today, MoveRead.estimated(), null, false)));
        assertThat(samePoint.byField()).containsKey("servicePointId");
        assertThat(samePoint.byField().get("servicePointId")).isEqualTo("is the service being stopped: choose the service point at the new premise");

        InvalidInputException noAgreement = catchThrowableOfType(InvalidInputException.class, () -> moves.transfer(new TransferRequest(null, today,
                fine, to.electricPointId(), "RS", today, MoveRead.estimated(), null, false)));
        assertThat(noAgreement.byField()).containsOnlyKeys("agreementId");

        assertThat(fx.endDate(old)).isNull();
        assertThat(fx.agreementsAt(to.electricPointId())).isZero();
        assertThat(fx.readsOf(from.electricMeter()) + fx.readsOf(to.electricMeter())).isEqualTo(reads);
        assertThat(fx.status(account.id())).isEqualTo("ACTIVE");
        assertThat(fx.status(stranger.id())).isEqualTo("PENDING");
        assertThat(events.stream(ServiceStopped.class)).isEmpty();
        assertThat(events.stream(ServiceTransferred.class)).isEmpty();
    }

    // ---- what the console offers ------------------------------------------------------------------------------------

    @Test
    void findsPremisesByAddressWordsAndSuggestsTheUsualSchedule() {
        String name = "Zinnia" + TestCustomers.uniqueDigits(5);
        MoveFixtures.Place place = fx.vacantPlace("77 " + name + " Way", "SMALL_COMMERCIAL", true);

        assertThat(moves.premisesMatching("77 " + name.toLowerCase(), 10)).extracting(p -> p.id()).containsExactly(place.premiseId());
        assertThat(moves.premisesMatching("78 " + name, 10)).isEmpty();
        assertThat(moves.premisesMatching("7 " + name, 10)).as("a house number is a whole number").isEmpty();
        assertThat(moves.premisesMatching(name.substring(0, 9) + ", Newport 77", 10)).extracting(p -> p.id()).contains(place.premiseId());
        assertThat(moves.premisesMatching("  ", 10)).isEmpty();
        assertThat(moves.defaultSchedule(coop.switchboard.premises.PremiseView.PremiseType.SMALL_COMMERCIAL,
                coop.switchboard.shared.ServiceType.ELECTRIC)).isEqualTo("GS");
        assertThat(moves.defaultSchedule(coop.switchboard.premises.PremiseView.PremiseType.RESIDENTIAL,
                coop.switchboard.shared.ServiceType.WATER)).isEqualTo("W");
        assertThat(moves.defaultSchedule(null, coop.switchboard.shared.ServiceType.FIBER)).isEqualTo("FB");

        MoveMeterView meter = moves.meterFor(place.electricPointId(), today).orElseThrow();
        assertThat(meter.meter().meterNumber()).isEqualTo(place.electricMeter());
        assertThat(meter.lastRead().reading()).isEqualByComparingTo(fx.lastReading(place.electricMeter()));
        assertThat(meter.estimate().possible()).isTrue();
        assertThat(moves.meterFor(place.fiberPointId(), today)).isEmpty();
    }

    @Test
    void anEstimateOnADayTheMeterWasReadIsThatRead() {
        AccountView account = fx.pendingAccount("Fiona", "Ivy");
        MoveFixtures.Place place = fx.vacantPlace(street("Cottonwood Ct"), "RESIDENTIAL", true);
        LocalDate readDay = jdbc.sql("""
                        select max(r.read_date) from metering.register_read r join metering.meter m on m.id = r.meter_id
                         where m.meter_number = ?""").param(place.electricMeter()).query(LocalDate.class).single();

        MoveResult started = moves.startService(account.id(), place.electricPointId(), "RS", readDay, MoveRead.estimated());

        assertThat(started.read().reading()).isEqualByComparingTo(fx.lastReading(place.electricMeter()));
        assertThat(started.read().type()).isEqualTo(ReadType.INITIAL);
        assertThat(started.read().reason()).startsWith("Move-in read. The meter was read on " + readDay);
        assertThat(List.of(started.read().status())).containsExactly("VALID");
        ReadEstimates.ReadEstimate that = estimates.estimateOn(started.read().meterId(), Register.KWH, readDay);
        assertThat(that.method()).isEqualTo("READ_THAT_DAY");
        assertThat(that.reading()).isEqualByComparingTo(started.read().reading());
        assertThat(that.explanation()).isEqualTo("The meter was read on " + readDay + " ("
                + started.read().reading().stripTrailingZeros().toPlainString() + "), so that reading is used.");
    }
}

package coop.switchboard.metering;

import coop.switchboard.TestCustomers;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class ReadExceptionServiceTests {
    /** A cycle of these tests' own, scheduled in 2023 only, so no other test's reads fall in its windows. */
    private static final int CYCLE = 93;

    @Autowired ReadExceptionService exceptions;
    @Autowired ReadService reads;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    @Autowired ScheduledTaskHolder scheduled;

    private String servedMeter() {
        String meter = "8" + TestCustomers.uniqueDigits(8);
        new TestCustomers(enrollment, jdbc, search).serve(
                TestCustomers.person("Philippa", "Thornbury", "509" + TestCustomers.uniqueDigits(7), null), "44 Larch Loop", meter);
        return meter;
    }

    private ReadView read(String meter, LocalDate date, long reading) {
        return reads.record(new NewRead(meter, Register.KWH, date, null, BigDecimal.valueOf(reading), ReadType.ACTUAL,
                ReadSource.HANDHELD, "route 7", null));
    }

    /** Thirteen months of 700 kWh read on the 15th from Jan 15, 2024 (ending at 19,100 on Feb 15, 2025), then 2,100 kWh. */
    private ReadView highRead(String meter) {
        long reading = 10000;
        LocalDate day = LocalDate.of(2024, 1, 15);
        read(meter, day, reading);
        for (int m = 1; m <= 13; m++) {
            day = day.plusMonths(1);
            reading += 700;
            read(meter, day, reading);
        }
        ReadView high = read(meter, LocalDate.of(2025, 3, 15), reading + 2100);
        assertThat(high.status()).isEqualTo("EXCEPTION");
        return high;
    }

    private List<ReadExceptionView> queueOf(String meter, boolean reread) {
        return exceptions.queue(new ReadExceptionService.Filter(null, null, null, meter, reread), 0, 50).items();
    }

    private ReadExceptionView firstOpen(String meter) {
        return queueOf(meter, false).getFirst();
    }

    @Test
    void aFailedReadIsListedWithItsUsageAndCountedByRule() {
        String meter = servedMeter();
        ReadView high = highRead(meter);
        List<ReadExceptionView> queue = queueOf(meter, false);
        assertThat(queue).isNotEmpty().allSatisfy(e -> {
            assertThat(e.readId()).isEqualTo(high.id());
            assertThat(e.usage()).isEqualByComparingTo("2100");
            assertThat(e.reading()).isEqualByComparingTo("21200");
            assertThat(e.servicePointId()).isNotNull();
        });
        assertThat(queue).extracting(ReadExceptionView::rule).contains("HIGH_VS_LAST_YEAR");
        ExceptionCounts counts = exceptions.counts(new ReadExceptionService.Filter(null, null, null, meter, false));
        assertThat(counts.open()).isEqualTo(queue.size());
        assertThat(counts.rules()).anySatisfy(r -> {
            assertThat(r.rule()).isEqualTo("HIGH_VS_LAST_YEAR");
            assertThat(r.label()).isEqualTo("High vs. last year");
            assertThat(r.open()).isEqualTo(1);
        });
        assertThat(exceptions.queue(new ReadExceptionService.Filter("LOW_VS_LAST_YEAR", null, null, meter, false), 0, 50).total()).isZero();
    }

    @Test
    void acceptingMakesTheReadValidAndResolvesEveryFindingOnIt() {
        String meter = servedMeter();
        ReadView high = highRead(meter);
        ReadExceptionView e = firstOpen(meter);
        exceptions.accept(e.id(), "new hot tub, member confirmed");
        assertThat(reads.view(high.id()).status()).isEqualTo("VALID");
        assertThat(queueOf(meter, false)).isEmpty();
        assertThat(jdbc.sql("select distinct status from metering.read_exception where read_id = ?").param(high.id())
                .query(String.class).list()).containsExactly("ACCEPTED");
        assertThat(exceptions.exception(e.id()).resolution()).isEqualTo("Accepted: new hot tub, member confirmed");
        assertThat(jdbc.sql("select count(*) from platform.audit_event where entity_type = 'read_exception' and entity_id = ?")
                .param(e.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aResolvedExceptionCannotBeResolvedAgain() {
        String meter = servedMeter();
        highRead(meter);
        ReadExceptionView e = firstOpen(meter);
        exceptions.accept(e.id(), null);
        assertThatThrownBy(() -> exceptions.estimate(e.id(), null))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.byField().get("action"))
                        .contains("already resolved", "accepted"));
        assertThatThrownBy(() -> exceptions.accept(e.id(), null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anEditNeedsAReasonAndStoresACorrectedReadThatReplacesTheOld() {
        String meter = servedMeter();
        ReadView high = highRead(meter);
        ReadExceptionView e = firstOpen(meter);
        assertThatThrownBy(() -> exceptions.edit(e.id(), new BigDecimal("19790"), "  "))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.byField()).containsOnlyKeys("reason"));
        assertThatThrownBy(() -> exceptions.edit(e.id(), null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.byField()).containsKeys("reason", "correctedReading"));
        assertThat(reads.view(high.id()).status()).isEqualTo("EXCEPTION");

        ReadView corrected = exceptions.edit(e.id(), new BigDecimal("19790"), "reader swapped two digits");
        assertThat(corrected.status()).isEqualTo("VALID");
        assertThat(corrected.usage()).isEqualByComparingTo("690");
        assertThat(corrected.source()).isEqualTo(ReadSource.MANUAL);
        assertThat(corrected.type()).isEqualTo(ReadType.ACTUAL);
        assertThat(corrected.readDate()).isEqualTo(high.readDate());
        assertThat(corrected.reason()).isEqualTo("reader swapped two digits");
        assertThat(jdbc.sql("select replaces_id from metering.register_read where id = ?").param(corrected.id()).query(Long.class).single())
                .isEqualTo(high.id());
        assertThat(reads.view(high.id()).status()).isEqualTo("REPLACED");
        assertThat(exceptions.exception(e.id()).status()).isEqualTo("EDITED");
        assertThat(queueOf(meter, false)).isEmpty();
    }

    @Test
    void aCorrectedReadThatStillFailsRaisesExceptionsOfItsOwn() {
        String meter = servedMeter();
        ReadView high = highRead(meter);
        ReadView corrected = exceptions.edit(firstOpen(meter).id(), new BigDecimal("21000"), "re-keyed from the handheld photo");
        assertThat(corrected.status()).isEqualTo("EXCEPTION");
        assertThat(queueOf(meter, false)).isNotEmpty().allSatisfy(x -> assertThat(x.readId()).isEqualTo(corrected.id()));
        assertThat(reads.view(high.id()).status()).isEqualTo("REPLACED");
    }

    @Test
    void aRereadRequestKeepsTheExceptionWaitingApart() {
        String meter = servedMeter();
        ReadView high = highRead(meter);
        ReadExceptionView e = firstOpen(meter);
        exceptions.requestReread(e.id(), "send route 7 back");
        assertThat(queueOf(meter, false)).isEmpty();
        assertThat(queueOf(meter, true)).isNotEmpty().allSatisfy(x -> assertThat(x.status()).isEqualTo("REREAD_REQUESTED"));
        assertThat(exceptions.counts(new ReadExceptionService.Filter(null, null, null, meter, false)).rereadRequested()).isPositive();
        assertThat(reads.view(high.id()).status()).isEqualTo("EXCEPTION");
        assertThatThrownBy(() -> exceptions.requestReread(e.id(), null)).isInstanceOf(InvalidInputException.class);
        exceptions.accept(e.id(), "re-read confirms it");
        assertThat(queueOf(meter, true)).isEmpty();
    }

    @Test
    void anEstimateComesFromTheSamePeriodLastYearAndReplacesTheFailedRead() {
        String meter = servedMeter();
        ReadView high = highRead(meter);
        ReadExceptionView e = firstOpen(meter);
        ReadExceptionDetail detail = exceptions.detail(e.id(), 13);
        assertThat(detail.history()).hasSize(13).first().satisfies(p -> {
            assertThat(p.from()).isEqualTo(LocalDate.of(2025, 1, 15));
            assertThat(p.usage()).isEqualByComparingTo("700");
            assertThat(p.perDay()).isEqualByComparingTo("22.58");
        });
        // By hand: the same period last year is Feb 15 - Mar 15, 2024, 700 kWh over 29 days (a leap year); this period
        // is 28 days: 700 × 28 ÷ 29 = 675.86. The trend (Jan 15 - Feb 15, 2025 against 2024: 700 over 31 days both) is
        // ×1, so 676 kWh, and the reading is 19,100 + 676 = 19,776.
        assertThat(detail.estimate().usage()).isEqualByComparingTo("676");
        assertThat(detail.estimate().reading()).isEqualByComparingTo("19776");
        assertThat(detail.consecutiveEstimates()).isZero();

        String explanation = exceptions.estimate(e.id(), "meter behind a locked gate");
        assertThat(explanation).startsWith("Estimated 676 kWh for 28 days.").contains("19100 (read on 2025-02-15) + 676 = 19776");
        ReadView estimated = reads.reads(high.meterId(), 1).getFirst();
        assertThat(estimated.type()).isEqualTo(ReadType.ESTIMATED);
        assertThat(estimated.source()).isEqualTo(ReadSource.ESTIMATE);
        assertThat(estimated.reading()).isEqualByComparingTo("19776");
        assertThat(estimated.usage()).isEqualByComparingTo("676");
        assertThat(estimated.status()).isEqualTo("VALID");
        assertThat(reads.view(high.id()).status()).isEqualTo("REPLACED");
        assertThat(exceptions.exception(e.id()).status()).isEqualTo("ESTIMATED");
    }

    @Test
    void consecutiveEstimatesAreCounted() {
        String meter = servedMeter();
        read(meter, LocalDate.of(2025, 1, 10), 500);
        read(meter, LocalDate.of(2025, 2, 10), 1100);
        for (String day : List.of("2025-03-10", "2025-04-10")) {
            reads.record(new NewRead(meter, Register.KWH, LocalDate.parse(day), null, BigDecimal.valueOf(day.endsWith("03-10") ? 1700 : 2300),
                    ReadType.ESTIMATED, ReadSource.ESTIMATE, null, "estimated"));
        }
        ReadView zero = read(meter, LocalDate.of(2025, 5, 10), 2300);
        assertThat(zero.status()).isEqualTo("EXCEPTION");
        ReadExceptionDetail detail = exceptions.detail(firstOpen(meter).id(), 13);
        assertThat(detail.consecutiveEstimates()).isEqualTo(2);
        assertThat(detail.warnEstimates()).isTrue();
    }

    private long meterInCycle(String meter) {
        jdbc.sql("insert into metering.billing_cycle (number, name, created_at) values (?, 'Test cycle 93', ?) on conflict do nothing")
                .params(CYCLE, Timestamp.from(Instant.now())).update();
        jdbc.sql("""
                        insert into metering.cycle_schedule (cycle_number, period, read_date, window_from, window_to, bill_date)
                        values (?, '2023-07', date '2023-07-20', date '2023-07-17', date '2023-07-23', date '2023-07-25')
                        on conflict do nothing""").param(CYCLE).update();
        long id = reads.meter(meter).orElseThrow().id();
        jdbc.sql("update metering.meter set cycle_number = ? where id = ?").params(CYCLE, id).update();
        return id;
    }

    @Test
    void aMissedCycleReadOpensOneMissingReadThatCanBeEstimated() {
        String missing = servedMeter();
        String readOnTime = servedMeter();
        long missingId = meterInCycle(missing);
        meterInCycle(readOnTime);
        read(missing, LocalDate.of(2023, 5, 20), 99000);
        read(missing, LocalDate.of(2023, 6, 20), 99600);
        read(readOnTime, LocalDate.of(2023, 7, 21), 4000);

        exceptions.findMissingReads(LocalDate.of(2023, 7, 23), 3);      // three days late: still within grace
        assertThat(queueOf(missing, false)).isEmpty();
        exceptions.findMissingReads(LocalDate.of(2023, 7, 24), 3);
        exceptions.findMissingReads(LocalDate.of(2023, 7, 25), 3);      // again: nothing new
        List<ReadExceptionView> queue = queueOf(missing, false);
        assertThat(queue).singleElement().satisfies(e -> {
            assertThat(e.missingRead()).isTrue();
            assertThat(e.rule()).isEqualTo("MISSING_READ");
            assertThat(e.expectedOn()).isEqualTo(LocalDate.of(2023, 7, 20));
            assertThat(e.message()).contains("No read 4 days after the expected read date 2023-07-20");
        });
        assertThat(queueOf(readOnTime, false)).isEmpty();
        assertThatThrownBy(() -> exceptions.accept(queue.getFirst().id(), null))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.byField()).containsKey("action"));

        // By hand: 600 kWh over the 31 days from May 20 to June 20 is 19.35/day × 30 days (June 20 - July 20) = 580.65,
        // so 581 kWh; 99,600 + 581 = 100,181 passes the top of the five dials: 181.
        String explanation = exceptions.estimate(queue.getFirst().id(), null);
        assertThat(explanation).startsWith("Estimated 581 kWh for 30 days.").contains("past the top of the 5 dials, so 181");
        ReadView estimated = reads.reads(missingId, 1).getFirst();
        assertThat(estimated.readDate()).isEqualTo(LocalDate.of(2023, 7, 20));
        assertThat(estimated.reading()).isEqualByComparingTo("181");
        assertThat(estimated.usage()).isEqualByComparingTo("581");
        assertThat(estimated.rolledOver()).isTrue();
        assertThat(estimated.type()).isEqualTo(ReadType.ESTIMATED);
        assertThat(queueOf(missing, false)).isEmpty();
        exceptions.findMissingReads(LocalDate.of(2023, 7, 26), 3);
        assertThat(queueOf(missing, false)).isEmpty();
    }

    @Test
    void theMissingReadSearchRunsEveryMorningOnItsOwn() {
        assertThat(scheduled.getScheduledTasks()).anySatisfy(t -> {
            assertThat(t.getTask()).isInstanceOfSatisfying(CronTask.class, c -> assertThat(c.getExpression()).isEqualTo("0 15 5 * * *"));
            assertThat(t.getTask().getRunnable().toString()).contains("MissingReadJob.findMissingReads");
        });
    }
}

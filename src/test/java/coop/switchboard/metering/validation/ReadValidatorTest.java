package coop.switchboard.metering.validation;

import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Quantity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadValidatorTest {
    private final ReadValidator validator = new ReadValidator(VeeSettings.standard());

    /** February 2026: 28 days, read on March 1. */
    private static final LocalDate FROM = d("2026-02-01");
    private static final LocalDate TO = d("2026-03-01");
    /** February 2025: 28 days at 20 kWh/day. */
    private static final PeriodUsage LAST_FEBRUARY = actual("2025-02-01", "2025-03-01", "560");
    /** Nov 2025 – Jan 2026: 2,760 kWh over 92 days = 30 kWh/day. */
    private static final List<PeriodUsage> LAST_THREE = List.of(
            actual("2026-01-01", "2026-02-01", "930"), actual("2025-12-01", "2026-01-01", "930"),
            actual("2025-11-01", "2025-12-01", "900"));

    // --- high / low against the same period last year -------------------------------------------------------------

    @Test
    void flagsUsageTwiceLastYearsAsHigh() {
        // 1,120 kWh / 28 days = 40/day = 200% of 20/day: at the residential limit, so flagged.
        assertThat(rules(read().usage("1120").history(LAST_FEBRUARY))).containsExactly(Rule.HIGH_VS_LAST_YEAR);
        assertThat(rules(read().usage("1119.9999").history(LAST_FEBRUARY))).isEmpty();
    }

    @Test
    void theHighMessageCarriesTheNumbers() {
        List<Finding> findings = validator.check(read().usage("1120").history(LAST_FEBRUARY).build());
        assertThat(findings).singleElement().extracting(Finding::message).isEqualTo(
                "1,120 kWh over 28 days is 200% of the same period last year (560 kWh over 28 days read on 2025-03-01), "
                        + "compared per day; the residential high limit is 200%");
    }

    @Test
    void flagsUsageAtFortyPercentOfLastYearAsLow() {
        // 224 / 28 = 8/day = 40% of 20/day.
        assertThat(rules(read().usage("224").history(LAST_FEBRUARY))).containsExactly(Rule.LOW_VS_LAST_YEAR);
        assertThat(rules(read().usage("224.0001").history(LAST_FEBRUARY))).isEmpty();
    }

    @Test
    void comparesPeriodsOfDifferentLengthsPerDay() {
        // Last year 800 kWh over 40 days = 20/day. This year 1,120 over 28 days is only 140% in total but 200% per day.
        PeriodUsage longLastYear = actual("2025-01-20", "2025-03-01", "800");
        assertThat(rules(read().usage("1120").history(longLastYear))).containsExactly(Rule.HIGH_VS_LAST_YEAR);
        // 700 kWh over 35 days is 125% of last year's 560 in total, but the same 20/day: nothing to flag.
        assertThat(rules(read().period("2026-01-25", "2026-03-01").usage("700").history(LAST_FEBRUARY))).isEmpty();
    }

    @Test
    void matchesLastYearOnlyWithinTwentyDays() {
        // This period's middle is 2026-02-15, so last year's is 2025-02-15. A 28-day period from 2025-02-21 has its
        // middle on 2025-03-07 (20 days off) and counts; one from 2025-02-22 (21 days off) does not.
        assertThat(rules(read().usage("1120").history(actual("2025-02-21", "2025-03-21", "560"))))
                .containsExactly(Rule.HIGH_VS_LAST_YEAR);
        assertThat(rules(read().usage("1120").history(actual("2025-02-22", "2025-03-22", "560")))).isEmpty();
    }

    @Test
    void ignoresEstimatedAndStubPeriodsAsComparisons() {
        assertThat(rules(read().usage("1120").history(estimated("2025-02-01", "2025-03-01", "560")))).isEmpty();
        // A 14-day stub (a move-in) is under the 15-day minimum history; 15 days is enough.
        assertThat(rules(read().usage("1120").history(actual("2025-02-08", "2025-02-22", "280")))).isEmpty();
        assertThat(rules(read().usage("1120").history(actual("2025-02-08", "2025-02-23", "300"))))
                .containsExactly(Rule.HIGH_VS_LAST_YEAR);
    }

    @Test
    void skipsHighBelowTheMinimumUsageAndLowWhenTheExpectedUsageIsBelowIt() {
        // A tiny load: 20 kWh last February; 50 kWh now is 250% and at the 50 kWh minimum, 49.9999 is below it.
        PeriodUsage tiny = actual("2025-02-01", "2025-03-01", "20");
        assertThat(rules(read().usage("50").history(tiny))).containsExactly(Rule.HIGH_VS_LAST_YEAR);
        assertThat(rules(read().usage("49.9999").history(tiny))).isEmpty();
        // 10 kWh against an expected 49.9999 is 20%, but the expectation is under the minimum; against 50 it is flagged.
        assertThat(rules(read().usage("10").history(actual("2025-02-01", "2025-03-01", "49.9999")))).isEmpty();
        assertThat(rules(read().usage("10").history(actual("2025-02-01", "2025-03-01", "50"))))
                .containsExactly(Rule.LOW_VS_LAST_YEAR);
    }

    // --- high / low against the recent average ----------------------------------------------------------------------

    @Test
    void flagsUsageTwiceTheRecentAverageAsHigh() {
        // 30/day × 200% = 60/day × 28 days = 1,680.
        assertThat(rules(read().usage("1680").history(LAST_THREE))).containsExactly(Rule.HIGH_VS_RECENT_AVERAGE);
        assertThat(rules(read().usage("1679.9999").history(LAST_THREE))).isEmpty();
        assertThat(validator.check(read().usage("1680").history(LAST_THREE).build()).getFirst().message())
                .contains("average of the last 3 actual reads (2,760 kWh over 92 days)");
    }

    @Test
    void flagsUsageAtFortyPercentOfTheRecentAverageAsLow() {
        // 30/day × 40% = 12/day × 28 days = 336.
        assertThat(rules(read().usage("336").history(LAST_THREE))).containsExactly(Rule.LOW_VS_RECENT_AVERAGE);
        assertThat(rules(read().usage("336.0001").history(LAST_THREE))).isEmpty();
    }

    @Test
    void needsTwoActualReadsForTheRecentAverage() {
        PeriodUsage january = actual("2026-01-01", "2026-02-01", "930");
        PeriodUsage decemberEstimated = estimated("2025-12-01", "2026-01-01", "930");
        PeriodUsage november = actual("2025-11-01", "2025-12-01", "900");
        assertThat(rules(read().usage("1680").history(january, decemberEstimated))).isEmpty();
        // The estimate is skipped: January and November are 1,830 kWh over 61 days = 30/day.
        assertThat(rules(read().usage("1680").history(january, decemberEstimated, november)))
                .containsExactly(Rule.HIGH_VS_RECENT_AVERAGE);
    }

    @Test
    void flagsBothComparisonsWhenBothAreHigh() {
        List<PeriodUsage> history = new ArrayList<>(LAST_THREE);
        history.add(LAST_FEBRUARY);
        assertThat(rules(read().usage("1680").history(history)))
                .containsExactly(Rule.HIGH_VS_LAST_YEAR, Rule.HIGH_VS_RECENT_AVERAGE);
    }

    @Test
    void appliesTheThresholdOfTheRateClass() {
        // 1,470 kWh / 28 = 52.5/day = 175% of 30/day: high for commercial (175%), not residential (200%) or irrigation (300%).
        assertThat(rules(read().rateClass("Commercial").usage("1470").history(LAST_THREE)))
                .containsExactly(Rule.HIGH_VS_RECENT_AVERAGE);
        assertThat(rules(read().rateClass("residential").usage("1470").history(LAST_THREE))).isEmpty();
        assertThat(rules(read().rateClass("irrigation").usage("1470").history(LAST_THREE))).isEmpty();
        // An unknown class gets the defaults (200%).
        assertThat(rules(read().rateClass("street-lights").usage("1680").history(LAST_THREE)))
                .containsExactly(Rule.HIGH_VS_RECENT_AVERAGE);
    }

    // --- the other rules ------------------------------------------------------------------------------------------

    @Test
    void flagsZeroUsageOnAnActiveServiceOnly() {
        assertThat(rules(read().usage("0").history(LAST_THREE))).containsExactly(Rule.ZERO_USAGE_ACTIVE);
        assertThat(rules(read().usage("0.0001"))).isEmpty();
        assertThat(rules(read().usage("0").serviceActive(false))).isEmpty();
        assertThat(rules(read().usage("0").vacant(true))).isEmpty();
    }

    @Test
    void flagsAnyUsageOnAVacantOrInactivePremise() {
        assertThat(rules(read().usage("0.0001").vacant(true))).containsExactly(Rule.USAGE_WHILE_INACTIVE);
        assertThat(rules(read().usage("12").serviceActive(false))).containsExactly(Rule.USAGE_WHILE_INACTIVE);
        assertThat(rules(read().usage("0").vacant(true).serviceActive(false))).isEmpty();
        assertThat(validator.check(read().usage("12").vacant(true).build()).getFirst().message())
                .isEqualTo("12 kWh used over 28 days although the premise is vacant or inactive");
    }

    @Test
    void flagsNegativeUsageWithoutAlsoCallingItLow() {
        assertThat(rules(read().usage("-0.0001").history(LAST_THREE))).containsExactly(Rule.NEGATIVE_USAGE);
        assertThat(rules(read().usage("-40").history(LAST_THREE))).containsExactly(Rule.NEGATIVE_USAGE);
        assertThat(rules(read().usage("0").history(LAST_THREE))).doesNotContain(Rule.NEGATIVE_USAGE);
    }

    @Test
    void flagsDemandOverTheMeterRating() {
        assertThat(rules(read().usage("900").demand("200.0001", "200"))).containsExactly(Rule.DEMAND_OVER_RATING);
        assertThat(rules(read().usage("900").demand("200", "200"))).isEmpty();
        assertThat(rules(read().usage("900").demand("450", null))).isEmpty();
        assertThat(rules(read().usage("900").demand(null, "200"))).isEmpty();
    }

    @Test
    void flagsAReadDateOutsideTheWindow() {
        assertThat(rules(read().usage("900").readOn("2026-03-01").window("2026-02-27", "2026-03-03"))).isEmpty();
        assertThat(rules(read().usage("900").readOn("2026-02-27").window("2026-02-27", "2026-03-03"))).isEmpty();
        assertThat(rules(read().usage("900").readOn("2026-03-03").window("2026-02-27", "2026-03-03"))).isEmpty();
        List<Finding> late = validator.check(read().usage("900").readOn("2026-03-04").window("2026-02-27", "2026-03-03").build());
        assertThat(late).singleElement().extracting(Finding::message)
                .isEqualTo("Read on 2026-03-04 is 1 day after the read window (2026-02-27 to 2026-03-03)");
        assertThat(rules(read().usage("900").readOn("2026-02-26").window("2026-02-27", "2026-03-03")))
                .containsExactly(Rule.OUT_OF_WINDOW);
        assertThat(rules(read().usage("900").readOn("2025-01-01").window(null, null))).isEmpty();
    }

    @Test
    void reportsAMissingReadOnlyAfterTheGraceDays() {
        assertThat(validator.missingRead(d("2026-03-02"), d("2026-03-05"), 3)).isNull();
        Finding missing = validator.missingRead(d("2026-03-02"), d("2026-03-06"), 3);
        assertThat(missing.rule()).isEqualTo(Rule.MISSING_READ);
        assertThat(missing.message()).isEqualTo("No read 4 days after the expected read date 2026-03-02 (grace 3 days)");
        assertThat(validator.missingRead(d("2026-03-02"), d("2026-03-02"), 0)).isNull();
        assertThat(validator.missingRead(d("2026-03-02"), d("2026-03-03"), 0)).isNotNull();
    }

    @Test
    void explainsEveryRuleInPlainWords() {
        for (Rule rule : Rule.values()) {
            assertThat(rule.label()).isNotBlank();
            assertThat(rule.explanation()).hasSizeGreaterThan(60);
        }
    }

    // --- settings ---------------------------------------------------------------------------------------------------

    @Test
    void shipsSensibleDefaultThresholds() {
        VeeSettings standard = VeeSettings.standard();
        assertThat(standard.thresholdsFor("residential")).isEqualTo(VeeSettings.Thresholds.of(200, 40, 50));
        assertThat(standard.thresholdsFor("COMMERCIAL")).isEqualTo(VeeSettings.Thresholds.of(175, 50, 100));
        assertThat(standard.thresholdsFor("irrigation")).isEqualTo(VeeSettings.Thresholds.of(300, 20, 100));
        assertThat(standard.thresholdsFor("water")).isEqualTo(VeeSettings.Thresholds.of(250, 30, 1000));
        assertThat(standard.thresholdsFor("lighting")).isEqualTo(standard.defaults());
        assertThat(standard.minimumHistoryDays()).isEqualTo(15);
    }

    @Test
    void readsSettingsFromProperties() {
        VeeSettings settings = VeeSettings.fromProperties(Map.of("residential.high-percent", "180%",
                "default.low-percent", "35", "large-power.highPercent", "150", "water.minimum-usage", "10",
                "minimum-history-days", "20"));
        assertThat(settings.thresholdsFor("residential"))
                .isEqualTo(new VeeSettings.Thresholds(new BigDecimal("180"), BigDecimal.valueOf(40), BigDecimal.valueOf(50)));
        // A new class starts from the (overridden) defaults.
        assertThat(settings.thresholdsFor("large-power"))
                .isEqualTo(new VeeSettings.Thresholds(BigDecimal.valueOf(150), BigDecimal.valueOf(35), BigDecimal.valueOf(50)));
        assertThat(settings.thresholdsFor("water").minimumUsage()).isEqualByComparingTo("10");
        assertThat(settings.thresholdsFor("commercial")).isEqualTo(VeeSettings.Thresholds.of(175, 50, 100));
        assertThat(settings.minimumHistoryDays()).isEqualTo(20);
        assertThat(VeeSettings.fromProperties(Map.of())).isEqualTo(VeeSettings.standard());
    }

    @Test
    void namesTheKeyOfEveryBadSetting() {
        assertThatThrownBy(() -> VeeSettings.fromProperties(Map.of("residential.high-percent", "lots",
                "commercial.low-percent", "120", "irrigation.high-percent", "90", "water.minimum-usage", "-1",
                "residential.hgih-percent", "200", "minimum-history-days", "0")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField())
                        .containsOnlyKeys("residential.high-percent", "commercial.low-percent", "irrigation.high-percent",
                                "water.minimum-usage", "residential.hgih-percent", "minimum-history-days")
                        .containsEntry("residential.high-percent", "must be a number (was 'lots')")
                        .hasEntrySatisfying("residential.hgih-percent", m -> assertThat(m).startsWith("is not a VEE setting")));
        assertThatThrownBy(() -> VeeSettings.fromProperties(Map.of("minimum-history-days", "a month")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.byField()).containsOnlyKeys("minimum-history-days"));
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private List<Rule> rules(Read read) {
        return validator.check(read.build()).stream().map(Finding::rule).toList();
    }

    private static Read read() {
        return new Read();
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static PeriodUsage actual(String from, String to, String usage) {
        return PeriodUsage.actual(d(from), d(to), Quantity.of(usage));
    }

    private static PeriodUsage estimated(String from, String to, String usage) {
        return PeriodUsage.estimate(d(from), d(to), Quantity.of(usage));
    }

    /** A residential read of February 2026 on an active, occupied service, with no window, demand or history. */
    private static final class Read {
        String rateClass = "residential";
        boolean active = true;
        boolean vacant;
        LocalDate from = FROM;
        LocalDate to = TO;
        LocalDate readDate = TO;
        LocalDate windowFrom;
        LocalDate windowTo;
        String usage = "600";
        Quantity demand;
        Quantity rating;
        List<PeriodUsage> history = List.of();

        Read rateClass(String value) { rateClass = value; return this; }
        Read serviceActive(boolean value) { active = value; return this; }
        Read vacant(boolean value) { vacant = value; return this; }
        Read period(String f, String t) { from = d(f); to = d(t); return this; }
        Read usage(String value) { usage = value; return this; }
        Read readOn(String value) { readDate = d(value); return this; }
        Read window(String f, String t) { windowFrom = f == null ? null : d(f); windowTo = t == null ? null : d(t); return this; }
        Read demand(String kw, String ratingKw) {
            demand = kw == null ? null : Quantity.of(kw);
            rating = ratingKw == null ? null : Quantity.of(ratingKw);
            return this;
        }
        Read history(PeriodUsage... periods) { history = List.of(periods); return this; }
        Read history(List<PeriodUsage> periods) { history = periods; return this; }

        ReadCheck build() {
            return new ReadCheck(rateClass, "kWh", active, vacant, readDate, windowFrom, windowTo,
                    PeriodUsage.actual(from, to, Quantity.of(usage)), demand, rating, history);
        }
    }
}

package coop.switchboard.metering.validation;

import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Quantity;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageEstimatorTest {
    private final UsageEstimator estimator = new UsageEstimator();

    /** The period to estimate: March 3 to the April 1 read, 29 days. */
    private static final LocalDate FROM = d("2026-03-03");
    private static final LocalDate TO = d("2026-04-01");

    @Test
    void estimatesFromTheSamePeriodLastYearScaledByTheRecentTrend() {
        // 24 months of actual reads, March 2024 – February 2026, 700 kWh a month except:
        //   March 2025 (31 days): 625 kWh                     -> the same period last year (middle 1 day off)
        //   Dec 2024 + Jan 2025 + Feb 2025: 900 + 1,000 + 800 = 2,700 kWh over 31 + 31 + 28 = 90 days
        //   Dec 2025 + Jan 2026 + Feb 2026: 990 + 1,100 + 880 = 2,970 kWh over 90 days
        // Trend: (2,970 / 90) / (2,700 / 90) = 1.1.
        // Base: 625 / 31 days × 29 days = 584.677...; × 1.1 = 19,937.5 / 31 = 643.145... -> 643 kWh.
        List<PeriodUsage> history = twoYears(Map.of("2025-03", "625",
                "2024-12", "900", "2025-01", "1000", "2025-02", "800",
                "2025-12", "990", "2026-01", "1100", "2026-02", "880"));
        Estimate estimate = estimator.estimate(FROM, TO, history, "kWh");
        assertThat(estimate.method()).isEqualTo(Estimate.Method.SAME_PERIOD_LAST_YEAR_SCALED);
        assertThat(estimate.usage()).isEqualTo(Quantity.of(643));
        assertThat(estimate.explanation()).isEqualTo("Estimated 643 kWh for 29 days. From the same period last year: "
                + "625 kWh over 31 days read on 2025-04-01 is 20.16 kWh/day × 29 days = 584.68 kWh; the last 3 actual reads "
                + "used 2,970 kWh over 90 days against 2,700 kWh over 90 days a year earlier, per day ×1.1; "
                + "584.68 × 1.1 = 643.15, rounded half-up to whole kWh.");
    }

    @Test
    void holdsTheTrendRatioToHalfAndDouble() {
        // Recent use three times a year earlier (8,100 vs 2,700 kWh over 90 days each): ×3 is held to ×2.0.
        // 625 × 29 / 31 × 2 = 36,250 / 31 = 1,169.35... -> 1,169.
        Estimate high = estimator.estimate(FROM, TO, twoYears(Map.of("2025-03", "625",
                "2024-12", "900", "2025-01", "1000", "2025-02", "800",
                "2025-12", "2700", "2026-01", "3000", "2026-02", "2400")), "kWh");
        assertThat(high.usage()).isEqualTo(Quantity.of(1169));
        assertThat(high.explanation()).contains("per day ×3.0, held to ×2.0 (the adjustment is kept between ×0.5 and ×2.0");
        // A quarter (675 vs 2,700): held to ×0.5. 625 × 29 / 31 × 0.5 = 9,062.5 / 31 = 292.33... -> 292.
        Estimate low = estimator.estimate(FROM, TO, twoYears(Map.of("2025-03", "625",
                "2024-12", "900", "2025-01", "1000", "2025-02", "800",
                "2025-12", "225", "2026-01", "250", "2026-02", "200")), "kWh");
        assertThat(low.usage()).isEqualTo(Quantity.of(292));
        assertThat(low.explanation()).contains("×0.25, held to ×0.5");
    }

    @Test
    void leavesLastYearUnscaledWhenRecentReadsHaveNothingAYearEarlierToCompareWith() {
        // 13 months of history: last March is there, but the recent months' year-earlier periods are not.
        // 625 × 29 / 31 = 584.677... -> 585.
        List<PeriodUsage> history = twoYears(Map.of("2025-03", "625")).subList(0, 12);
        Estimate estimate = estimator.estimate(FROM, TO, history, "kWh");
        assertThat(estimate.method()).isEqualTo(Estimate.Method.SAME_PERIOD_LAST_YEAR_SCALED);
        assertThat(estimate.usage()).isEqualTo(Quantity.of(585));
        assertThat(estimate.explanation()).contains("no recent actual read has a year-earlier period to compare with, so it is not scaled");
    }

    @Test
    void usesAnEstimatedPeriodLastYearOnlyWhenNoActualOneMatches() {
        List<PeriodUsage> history = List.of(PeriodUsage.estimate(d("2025-03-01"), d("2025-04-01"), Quantity.of(620)));
        // 620 / 31 × 29 = 580, not scaled.
        Estimate estimate = estimator.estimate(FROM, TO, history);
        assertThat(estimate.usage()).isEqualTo(Quantity.of(580));
        assertThat(estimate.explanation()).contains("(itself an estimate)").endsWith("rounded half-up to whole units.");
    }

    @Test
    void estimatesFromAverageDailyUseWithTwoMonthsOfHistory() {
        // January 620 kWh (31 days) + February 588 kWh (28 days) = 1,208 kWh over 59 days = 20.47/day.
        // March 1–31 is 30 days: 1,208 × 30 / 59 = 36,240 / 59 = 614.237... -> 614.
        List<PeriodUsage> history = List.of(actual("2026-02-01", "2026-03-01", "588"), actual("2026-01-01", "2026-02-01", "620"),
                // An earlier estimate is left out while there are actual reads.
                PeriodUsage.estimate(d("2025-12-01"), d("2026-01-01"), Quantity.of(5000)));
        Estimate estimate = estimator.estimate(d("2026-03-01"), d("2026-03-31"), history, "kWh");
        assertThat(estimate.method()).isEqualTo(Estimate.Method.AVERAGE_DAILY);
        assertThat(estimate.usage()).isEqualTo(Quantity.of(614));
        assertThat(estimate.explanation()).isEqualTo("Estimated 614 kWh for 30 days. From average daily use (there is no "
                + "same period last year): 1,208 kWh over 59 days in 2 actual reads is 20.47 kWh/day × 30 days = 614.24, "
                + "rounded half-up to whole kWh.");
    }

    @Test
    void averagesEstimatedPeriodsWhenThereIsNoActualRead() {
        List<PeriodUsage> history = List.of(PeriodUsage.estimate(d("2026-02-01"), d("2026-03-01"), Quantity.of(560)));
        Estimate estimate = estimator.estimate(d("2026-03-01"), d("2026-03-31"), history, "gal");
        assertThat(estimate.usage()).isEqualTo(Quantity.of(600));
        assertThat(estimate.explanation()).contains("in 1 estimated period (no actual read yet)");
    }

    @Test
    void roundsToWholeUnitsHalfUp() {
        // 105 kWh over 10 days = 10.5/day for a 1-day period -> 11; 104.9 -> 10.49 -> 10.
        assertThat(estimator.estimate(d("2026-02-11"), d("2026-02-12"), List.of(actual("2026-02-01", "2026-02-11", "105")))
                .usage()).isEqualTo(Quantity.of(11));
        assertThat(estimator.estimate(d("2026-02-11"), d("2026-02-12"), List.of(actual("2026-02-01", "2026-02-11", "104.9")))
                .usage()).isEqualTo(Quantity.of(10));
    }

    @Test
    void estimatesNothingWithoutHistory() {
        Estimate estimate = estimator.estimate(FROM, TO, List.of());
        assertThat(estimate.method()).isEqualTo(Estimate.Method.NONE);
        assertThat(estimate.usage()).isEqualTo(Quantity.ZERO);
        assertThat(estimate.explanation()).contains("No usage history before 2026-03-03");
        // History after the period does not count either.
        assertThat(estimator.estimate(FROM, TO, List.of(actual("2026-04-01", "2026-05-01", "700"))).method())
                .isEqualTo(Estimate.Method.NONE);
        assertThat(estimator.estimate(FROM, TO, null).method()).isEqualTo(Estimate.Method.NONE);
    }

    @Test
    void rejectsAPeriodThatDoesNotEndAfterItStarts() {
        assertThatThrownBy(() -> estimator.estimate(FROM, FROM, List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsOnlyKeys("to"));
    }

    @Test
    void countsConsecutiveEstimatesFromTheNewest() {
        PeriodUsage est = PeriodUsage.estimate(d("2026-01-01"), d("2026-02-01"), Quantity.of(1));
        PeriodUsage act = actual("2025-12-01", "2026-01-01", "1");
        assertThat(UsageEstimator.consecutiveEstimates(List.of(est, est, act, est))).isEqualTo(2);
        assertThat(UsageEstimator.consecutiveEstimates(List.of(act, est, est))).isZero();
        assertThat(UsageEstimator.consecutiveEstimates(List.of(est, est, est))).isEqualTo(3);
        assertThat(UsageEstimator.consecutiveEstimates(List.of())).isZero();
        assertThat(UsageEstimator.consecutiveEstimates(null)).isZero();
    }

    @Test
    void computesDaysAndTheDailyAverage() {
        PeriodUsage february = actual("2026-02-01", "2026-03-01", "590");
        assertThat(february.days()).isEqualTo(28);
        assertThat(february.dailyAverage()).isEqualByComparingTo("21.0714285714");
        assertThatThrownBy(() -> actual("2026-02-01", "2026-02-01", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Calendar months March 2024 – February 2026, newest first, 700 kWh each unless overridden ("2025-03" -> "625"). */
    private static List<PeriodUsage> twoYears(Map<String, String> usage) {
        List<PeriodUsage> months = new ArrayList<>();
        for (YearMonth month = YearMonth.of(2026, 2); !month.isBefore(YearMonth.of(2024, 3)); month = month.minusMonths(1)) {
            months.add(PeriodUsage.actual(month.atDay(1), month.plusMonths(1).atDay(1),
                    Quantity.of(usage.getOrDefault(month.toString(), "700"))));
        }
        assertThat(months).hasSize(24);
        return months;
    }

    private static PeriodUsage actual(String from, String to, String usage) {
        return PeriodUsage.actual(d(from), d(to), Quantity.of(usage));
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }
}

package coop.switchboard.metering.validation;

import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Quantity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Estimates a period's usage from the service's history. Pure and thread-safe.
 * <ol>
 * <li>{@link Estimate.Method#SAME_PERIOD_LAST_YEAR_SCALED}: the period whose middle is closest to a year before the
 * target's middle (within 20 days; an actual read preferred over an estimated one), per day × the target's days, ×
 * a trend ratio: the per-day usage of the most recent (up to 3) actual reads against the same periods a year earlier
 * (total usage ÷ total days on each side, over the periods that have a year-earlier match). The ratio is held to
 * 0.5–2.0 so one unusual season cannot run away with the estimate; with no
 * recent period that has a year-earlier match, the estimate is not scaled.</li>
 * <li>{@link Estimate.Method#AVERAGE_DAILY}: without a same period last year, total usage ÷ total days over the
 * history's actual reads (its estimated periods only when there is no actual read) × the target's days.</li>
 * <li>{@link Estimate.Method#NONE}: with no history at all, zero, and the console asks for a hand entry.</li>
 * </ol>
 * Only history that ends on or before the target period starts is used. The result is rounded once, at the end, to
 * whole units (kWh, gallons) half-up: 643.5 becomes 644, 643.49 becomes 643.
 */
public final class UsageEstimator {
    /** The band the trend ratio is held to. */
    public static final BigDecimal MIN_RATIO = new BigDecimal("0.5");
    public static final BigDecimal MAX_RATIO = new BigDecimal("2.0");
    /** How many recent actual reads set the trend. */
    public static final int TREND_PERIODS = 3;

    /** As {@link #estimate(LocalDate, LocalDate, List, String)} with no unit in the explanation. */
    public Estimate estimate(LocalDate from, LocalDate to, List<PeriodUsage> history) {
        return estimate(from, to, history, null);
    }

    /**
     * @param from    first day of the period to estimate
     * @param to      the day after its last day (the next read date)
     * @param history earlier periods, newest first
     * @param measure unit for the explanation (kWh, gal); null or blank for none
     */
    public Estimate estimate(LocalDate from, LocalDate to, List<PeriodUsage> history, String measure) {
        if (from == null) {
            throw new InvalidInputException("from", "is required");
        }
        if (to == null || !to.isAfter(from)) {
            throw new InvalidInputException("to", "must be after " + from);
        }
        String unit = measure == null ? "" : measure.trim();
        PeriodUsage target = new PeriodUsage(from, to, Quantity.ZERO, true);
        List<PeriodUsage> earlier = History.before(from, history == null ? List.of() : history);
        Optional<PeriodUsage> lastYear = History.sameTimeLastYearPreferActual(from, to, earlier);
        if (lastYear.isPresent()) {
            return scaled(target, lastYear.get(), earlier, unit);
        }
        if (!earlier.isEmpty()) {
            return averageDaily(target, earlier, unit);
        }
        return new Estimate(Quantity.ZERO, Estimate.Method.NONE, "No usage history before " + from
                + ", so there is nothing to estimate from: enter the usage by hand (with a reason) or request a re-read.");
    }

    /** How many periods in a row, from the newest, were estimated (0 when the newest is an actual read). */
    public static int consecutiveEstimates(List<PeriodUsage> newestFirst) {
        int count = 0;
        for (PeriodUsage p : newestFirst == null ? List.<PeriodUsage>of() : newestFirst) {
            if (!p.estimated()) {
                break;
            }
            count++;
        }
        return count;
    }

    private Estimate scaled(PeriodUsage target, PeriodUsage lastYear, List<PeriodUsage> earlier, String unit) {
        int days = target.days();
        BigDecimal base = lastYear.usage().value().multiply(BigDecimal.valueOf(days));
        BigDecimal baseDays = BigDecimal.valueOf(lastYear.days());
        BigDecimal unscaled = base.divide(baseDays, MathContext.DECIMAL64);
        StringBuilder text = new StringBuilder("From the same period last year: ")
                .append(History.amount(lastYear.usage().value(), unit)).append(" over ").append(History.days(lastYear.days()))
                .append(" read on ").append(lastYear.to()).append(lastYear.estimated() ? " (itself an estimate)" : "")
                .append(" is ").append(History.perDay(lastYear.dailyAverage(), unit)).append(" × ").append(History.days(days))
                .append(" = ").append(History.amount(unscaled, unit)).append("; ");

        BigDecimal recentUsage = BigDecimal.ZERO;
        BigDecimal yearAgoUsage = BigDecimal.ZERO;
        int recentDays = 0;
        int yearAgoDays = 0;
        int pairs = 0;
        for (PeriodUsage recent : earlier.stream().filter(p -> !p.estimated()).limit(TREND_PERIODS).toList()) {
            Optional<PeriodUsage> match = History.sameTimeLastYearPreferActual(recent.from(), recent.to(), earlier);
            if (match.isPresent()) {
                recentUsage = recentUsage.add(recent.usage().value());
                recentDays += recent.days();
                yearAgoUsage = yearAgoUsage.add(match.get().usage().value());
                yearAgoDays += match.get().days();
                pairs++;
            }
        }
        BigDecimal usage;
        if (pairs == 0 || recentUsage.signum() <= 0 || yearAgoUsage.signum() <= 0) {
            text.append(pairs == 0 ? "no recent actual read has a year-earlier period to compare with"
                            : "recent usage cannot be compared with a year earlier (no positive usage)")
                    .append(", so it is not scaled");
            usage = unscaled;
        } else {
            BigDecimal numerator = recentUsage.multiply(BigDecimal.valueOf(yearAgoDays));
            BigDecimal denominator = yearAgoUsage.multiply(BigDecimal.valueOf(recentDays));
            BigDecimal ratio = numerator.divide(denominator, MathContext.DECIMAL64);
            text.append("the last ").append(pairs == 1 ? "actual read" : pairs + " actual reads").append(" used ")
                    .append(History.amount(recentUsage, unit)).append(" over ").append(History.days(recentDays))
                    .append(" against ").append(History.amount(yearAgoUsage, unit)).append(" over ")
                    .append(History.days(yearAgoDays)).append(" a year earlier, per day ×").append(History.ratio(ratio));
            BigDecimal applied = ratio;
            if (ratio.compareTo(MIN_RATIO) < 0 || ratio.compareTo(MAX_RATIO) > 0) {
                applied = ratio.compareTo(MIN_RATIO) < 0 ? MIN_RATIO : MAX_RATIO;
                text.append(", held to ×").append(History.ratio(applied)).append(" (the adjustment is kept between ×")
                        .append(History.ratio(MIN_RATIO)).append(" and ×").append(History.ratio(MAX_RATIO))
                        .append(" so one unusual season cannot run away with the estimate)");
                usage = base.multiply(applied).divide(baseDays, MathContext.DECIMAL64);
            } else {
                usage = base.multiply(numerator).divide(baseDays.multiply(denominator), MathContext.DECIMAL64);
            }
            text.append("; ").append(History.number(unscaled)).append(" × ").append(History.ratio(applied))
                    .append(" = ").append(History.number(usage));
        }
        return finish(usage, days, Estimate.Method.SAME_PERIOD_LAST_YEAR_SCALED, text, unit);
    }

    private Estimate averageDaily(PeriodUsage target, List<PeriodUsage> earlier, String unit) {
        List<PeriodUsage> actual = earlier.stream().filter(p -> !p.estimated()).toList();
        List<PeriodUsage> pool = actual.isEmpty() ? earlier : actual;
        BigDecimal total = pool.stream().map(p -> p.usage().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
        int totalDays = pool.stream().mapToInt(PeriodUsage::days).sum();
        int days = target.days();
        BigDecimal usage = total.multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(totalDays), MathContext.DECIMAL64);
        BigDecimal daily = total.divide(BigDecimal.valueOf(totalDays), PeriodUsage.DAILY_SCALE, RoundingMode.HALF_UP);
        StringBuilder text = new StringBuilder("From average daily use (there is no same period last year): ")
                .append(History.amount(total, unit)).append(" over ").append(History.days(totalDays)).append(" in ")
                .append(pool.size()).append(actual.isEmpty() ? " estimated period" : " actual read")
                .append(pool.size() == 1 ? "" : "s").append(actual.isEmpty() ? " (no actual read yet)" : "")
                .append(" is ").append(History.perDay(daily, unit)).append(" × ").append(History.days(days))
                .append(" = ").append(History.number(usage));
        return finish(usage, days, Estimate.Method.AVERAGE_DAILY, text, unit);
    }

    private static Estimate finish(BigDecimal exact, int days, Estimate.Method method, StringBuilder text, String unit) {
        BigDecimal whole = exact.setScale(0, RoundingMode.HALF_UP);
        String prefix = "Estimated " + History.amount(whole, unit) + " for " + History.days(days) + ". ";
        text.append(", rounded half-up to whole ").append(unit.isEmpty() ? "units" : unit).append('.');
        return new Estimate(new Quantity(whole), method, prefix + text);
    }
}

package coop.switchboard.metering.validation;

import coop.switchboard.shared.Quantity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the validation rules on one incoming read; any {@link Finding} sends the read to the exceptions queue.
 * Pure and thread-safe: everything it needs is in the {@link ReadCheck} and the {@link VeeSettings}.
 *
 * <p>Usage is always compared per day (usage ÷ days), so a 35-day period is fair against a 28-day one; the
 * comparisons are done exactly (cross-multiplied), so a read at exactly the threshold is flagged. Only actual
 * (not estimated) history periods of at least {@link VeeSettings#minimumHistoryDays()} days are used as comparisons,
 * and only those that end on or before the current period starts.
 * <ul>
 * <li>Same period last year: the period whose middle is closest to one year before the current period's middle,
 * within 20 days; with none, the two last-year rules are skipped.</li>
 * <li>Recent average: total usage ÷ total days of the three most recent periods; with fewer than two, skipped.</li>
 * <li>The high/low rules run only on positive usage (zero and negative usage have their own rules). A high rule
 * skips a read below the rate class's minimum usage; a low rule skips one whose expected usage (the comparison's
 * per-day figure × this period's days) is below it.</li>
 * </ul>
 */
public final class ReadValidator {
    /** How many recent periods make the recent average, and how few still do. */
    public static final int RECENT_PERIODS = 3;
    public static final int MINIMUM_RECENT_PERIODS = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final VeeSettings settings;

    public ReadValidator(VeeSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required");
        }
        this.settings = settings;
    }

    /** With {@link VeeSettings#standard()}. */
    public ReadValidator() {
        this(VeeSettings.standard());
    }

    public VeeSettings settings() {
        return settings;
    }

    /** Every rule the read fails, in {@link Rule} order; empty when the read is clean. */
    public List<Finding> check(ReadCheck read) {
        PeriodUsage current = read.current();
        String unit = read.measure();
        int sign = current.usage().signum();
        List<Finding> findings = new ArrayList<>();
        if (sign > 0) {
            compare(read, findings);
        }
        if (sign == 0 && read.serviceActive() && !read.premiseVacantOrInactive()) {
            findings.add(new Finding(Rule.ZERO_USAGE_ACTIVE, History.amount(BigDecimal.ZERO, unit) + " used over "
                    + History.days(current.days()) + " although the service is active"));
        }
        if (sign > 0 && (read.premiseVacantOrInactive() || !read.serviceActive())) {
            String why = read.premiseVacantOrInactive() ? "the premise is vacant or inactive" : "the service is inactive";
            findings.add(new Finding(Rule.USAGE_WHILE_INACTIVE, History.amount(current.usage().value(), unit) + " used over "
                    + History.days(current.days()) + " although " + why));
        }
        if (sign < 0) {
            findings.add(new Finding(Rule.NEGATIVE_USAGE, "Usage is " + History.amount(current.usage().value(), unit) + " over "
                    + History.days(current.days()) + ": the reading is lower than the previous one"));
        }
        Quantity demand = read.demandKw();
        Quantity rating = read.meterRatingKw();
        if (demand != null && rating != null && demand.compareTo(rating) > 0) {
            findings.add(new Finding(Rule.DEMAND_OVER_RATING, "Demand of " + History.amount(demand.value(), "kW")
                    + " is over the meter's rating of " + History.amount(rating.value(), "kW")));
        }
        outOfWindow(read).ifPresent(findings::add);
        return List.copyOf(findings);
    }

    /**
     * {@link Rule#MISSING_READ} when no read has arrived and {@code today} is more than {@code graceDays} after the
     * expected read date; null while the read is not yet missing (on the last grace day it is not).
     */
    public Finding missingRead(LocalDate expectedReadDate, LocalDate today, int graceDays) {
        if (expectedReadDate == null || today == null) {
            throw new IllegalArgumentException("expectedReadDate and today are required");
        }
        if (graceDays < 0) {
            throw new IllegalArgumentException("graceDays must not be negative");
        }
        long late = ChronoUnit.DAYS.between(expectedReadDate, today);
        if (late <= graceDays) {
            return null;
        }
        return new Finding(Rule.MISSING_READ, "No read " + History.days(late) + " after the expected read date "
                + expectedReadDate + " (grace " + History.days(graceDays) + ")");
    }

    private void compare(ReadCheck read, List<Finding> findings) {
        PeriodUsage current = read.current();
        String rateClass = VeeSettings.normalize(read.rateClass());
        VeeSettings.Thresholds limits = settings.thresholdsFor(rateClass);
        String classLabel = rateClass.isEmpty() || !settings.byRateClass().containsKey(rateClass) ? "default" : rateClass;
        List<PeriodUsage> usable = History.before(current.from(), read.history()).stream()
                .filter(p -> !p.estimated() && p.days() >= settings.minimumHistoryDays()).toList();

        Optional<PeriodUsage> lastYear = History.sameTimeLastYear(current.from(), current.to(), usable, p -> true);
        lastYear.ifPresent(p -> highOrLow(read, limits, classLabel, p.usage().value(), p.days(),
                "the same period last year (" + History.amount(p.usage().value(), read.measure()) + " over "
                        + History.days(p.days()) + " read on " + p.to() + ")",
                Rule.HIGH_VS_LAST_YEAR, Rule.LOW_VS_LAST_YEAR).ifPresent(findings::add));

        List<PeriodUsage> recent = usable.stream().limit(RECENT_PERIODS).toList();
        if (recent.size() >= MINIMUM_RECENT_PERIODS) {
            BigDecimal total = recent.stream().map(p -> p.usage().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
            int days = recent.stream().mapToInt(PeriodUsage::days).sum();
            highOrLow(read, limits, classLabel, total, days,
                    "the average of the last " + recent.size() + " actual reads (" + History.amount(total, read.measure())
                            + " over " + History.days(days) + ")",
                    Rule.HIGH_VS_RECENT_AVERAGE, Rule.LOW_VS_RECENT_AVERAGE).ifPresent(findings::add);
        }
    }

    /**
     * Compares the current per-day usage with {@code referenceUsage ÷ referenceDays}: cross-multiplied so the boundary
     * is exact ({@code usage × refDays × 100 ≥ high% × refUsage × days}). Skipped when the reference is not positive.
     */
    private Optional<Finding> highOrLow(ReadCheck read, VeeSettings.Thresholds limits, String classLabel,
                                        BigDecimal referenceUsage, int referenceDays, String reference, Rule high, Rule low) {
        if (referenceUsage.signum() <= 0) {
            return Optional.empty();
        }
        PeriodUsage current = read.current();
        BigDecimal usage = current.usage().value();
        BigDecimal days = BigDecimal.valueOf(current.days());
        BigDecimal scaledUsage = usage.multiply(BigDecimal.valueOf(referenceDays)).multiply(HUNDRED);
        BigDecimal scaledReference = referenceUsage.multiply(days);
        BigDecimal percent = scaledUsage.divide(scaledReference, MathContext.DECIMAL64);
        String text = History.amount(usage, read.measure()) + " over " + History.days(current.days()) + " is "
                + History.percent(percent) + " of " + reference + ", compared per day; the " + classLabel + " ";
        if (usage.compareTo(limits.minimumUsage()) >= 0
                && scaledUsage.compareTo(limits.highPercent().multiply(scaledReference)) >= 0) {
            return Optional.of(new Finding(high, text + "high limit is " + History.percent(limits.highPercent())));
        }
        BigDecimal expected = referenceUsage.multiply(days).divide(BigDecimal.valueOf(referenceDays), MathContext.DECIMAL64);
        if (limits.lowPercent().signum() > 0 && expected.compareTo(limits.minimumUsage()) >= 0
                && scaledUsage.compareTo(limits.lowPercent().multiply(scaledReference)) <= 0) {
            return Optional.of(new Finding(low, text + "low limit is " + History.percent(limits.lowPercent())));
        }
        return Optional.empty();
    }

    private static Optional<Finding> outOfWindow(ReadCheck read) {
        LocalDate date = read.readDate();
        String window = "the read window (" + (read.windowFrom() == null ? "open" : read.windowFrom()) + " to "
                + (read.windowTo() == null ? "open" : read.windowTo()) + ")";
        if (read.windowFrom() != null && date.isBefore(read.windowFrom())) {
            return Optional.of(new Finding(Rule.OUT_OF_WINDOW, "Read on " + date + " is "
                    + History.days(ChronoUnit.DAYS.between(date, read.windowFrom())) + " before " + window));
        }
        if (read.windowTo() != null && date.isAfter(read.windowTo())) {
            return Optional.of(new Finding(Rule.OUT_OF_WINDOW, "Read on " + date + " is "
                    + History.days(ChronoUnit.DAYS.between(read.windowTo(), date)) + " after " + window));
        }
        return Optional.empty();
    }
}

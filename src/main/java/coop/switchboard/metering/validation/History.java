package coop.switchboard.metering.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** Matching periods across years, and the number formats the findings and explanations print. */
final class History {
    /** How far a period's middle may sit from "a year before" and still count as the same period last year. */
    static final int LAST_YEAR_TOLERANCE_DAYS = 20;

    private History() {
    }

    /** The periods that end on or before {@code from} (overlapping or later ones are ignored), newest first. */
    static List<PeriodUsage> before(LocalDate from, List<PeriodUsage> history) {
        return history.stream().filter(p -> !p.to().isAfter(from))
                .sorted(Comparator.comparing(PeriodUsage::to).reversed()).toList();
    }

    /**
     * The period among {@code candidates} (newest first) whose middle is closest to one year before the middle of
     * {@code [from, to)}, within {@value #LAST_YEAR_TOLERANCE_DAYS} days; on a tie the newer one.
     */
    static Optional<PeriodUsage> sameTimeLastYear(LocalDate from, LocalDate to, List<PeriodUsage> candidates,
                                                  Predicate<PeriodUsage> eligible) {
        long days = ChronoUnit.DAYS.between(from, to);
        LocalDate middle = from.plusDays(days / 2);
        long yearLength = ChronoUnit.DAYS.between(middle.minusYears(1), middle);
        long target = from.toEpochDay() + to.toEpochDay() - 2 * yearLength;
        PeriodUsage best = null;
        long bestDistance = Long.MAX_VALUE;
        for (PeriodUsage p : candidates) {
            long distance = Math.abs(p.doubledMiddle() - target);
            if (eligible.test(p) && distance <= 2L * LAST_YEAR_TOLERANCE_DAYS && distance < bestDistance) {
                best = p;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Same as above, preferring actual reads and falling back to an estimated period only when no actual one matches. */
    static Optional<PeriodUsage> sameTimeLastYearPreferActual(LocalDate from, LocalDate to, List<PeriodUsage> candidates) {
        return sameTimeLastYear(from, to, candidates, p -> !p.estimated())
                .or(() -> sameTimeLastYear(from, to, candidates, PeriodUsage::estimated));
    }

    static String number(BigDecimal value) {
        return format("#,##0.##", value);
    }

    static String amount(BigDecimal value, String measure) {
        return number(value) + (measure == null || measure.isBlank() ? "" : " " + measure);
    }

    static String percent(BigDecimal value) {
        return format("#,##0.#", value) + "%";
    }

    static String ratio(BigDecimal value) {
        return format("0.0##", value);
    }

    static String days(long days) {
        return days == 1 ? "1 day" : days + " days";
    }

    static String perDay(BigDecimal value, String measure) {
        return (measure == null || measure.isBlank() ? number(value) : amount(value, measure)) + "/day";
    }

    private static String format(String pattern, BigDecimal value) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }
}

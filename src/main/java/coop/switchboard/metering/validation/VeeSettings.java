package coop.switchboard.metering.validation;

import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The high/low thresholds per rate class and how much history a comparison needs.
 *
 * @param byRateClass        thresholds by rate class (keys are trimmed and lower-cased)
 * @param defaults           for rate classes not in {@code byRateClass}
 * @param minimumHistoryDays a history period shorter than this (a move-in or meter-change stub) is not used as a
 *                           comparison, because its per-day figure is unreliable
 */
public record VeeSettings(Map<String, Thresholds> byRateClass, Thresholds defaults, int minimumHistoryDays) {
    /** The key prefix that sets {@link #defaults()} in {@link #fromProperties(Map)}. */
    public static final String DEFAULT_CLASS = "default";
    public static final String MINIMUM_HISTORY_DAYS = "minimum-history-days";
    static final String HIGH_PERCENT = "high-percent";
    static final String LOW_PERCENT = "low-percent";
    static final String MINIMUM_USAGE = "minimum-usage";

    public VeeSettings {
        if (defaults == null) {
            throw new IllegalArgumentException("default thresholds are required");
        }
        if (minimumHistoryDays < 1) {
            throw new InvalidInputException("minimumHistoryDays", "must be at least 1");
        }
        Map<String, Thresholds> normalized = new TreeMap<>();
        (byRateClass == null ? Map.<String, Thresholds>of() : byRateClass)
                .forEach((rateClass, thresholds) -> normalized.put(normalize(rateClass), thresholds));
        byRateClass = Map.copyOf(normalized);
    }

    /**
     * High/low limits as a percent of the comparison's per-day usage: a read is high at or above {@code highPercent}
     * and low at or below {@code lowPercent} ({@code 0} turns the low checks off). All three are held at four decimals.
     *
     * @param minimumUsage the high checks skip a read below this usage, and the low checks skip one whose expected
     *                     usage (the comparison's per-day figure times this period's days) is below it, so tiny
     *                     loads don't flood the queue
     */
    public record Thresholds(BigDecimal highPercent, BigDecimal lowPercent, BigDecimal minimumUsage) {
        public Thresholds {
            InputChecks checks = new InputChecks();
            checks.required("highPercent", highPercent).required("lowPercent", lowPercent).required("minimumUsage", minimumUsage);
            checks.throwIfAny();
            String high = highProblem(highPercent);
            String low = lowProblem(lowPercent);
            String minimum = minimumProblem(minimumUsage);
            checks.check(high == null, "highPercent", high).check(low == null, "lowPercent", low)
                    .check(minimum == null, "minimumUsage", minimum).throwIfAny();
            highPercent = highPercent.setScale(Quantity.SCALE, RoundingMode.HALF_UP);
            lowPercent = lowPercent.setScale(Quantity.SCALE, RoundingMode.HALF_UP);
            minimumUsage = minimumUsage.setScale(Quantity.SCALE, RoundingMode.HALF_UP);
        }

        public static Thresholds of(int highPercent, int lowPercent, int minimumUsage) {
            return new Thresholds(BigDecimal.valueOf(highPercent), BigDecimal.valueOf(lowPercent), BigDecimal.valueOf(minimumUsage));
        }

        static String highProblem(BigDecimal value) {
            return value.compareTo(BigDecimal.valueOf(100)) > 0 ? null : "must be more than 100 (percent of the comparison)";
        }

        static String lowProblem(BigDecimal value) {
            return value.signum() >= 0 && value.compareTo(BigDecimal.valueOf(100)) < 0 ? null
                    : "must be at least 0 and less than 100 (percent of the comparison; 0 turns the low checks off)";
        }

        static String minimumProblem(BigDecimal value) {
            return value.signum() >= 0 ? null : "must not be negative";
        }
    }

    /**
     * The shipped defaults. Residential 200% / 40%, minimum 50 (kWh); commercial 175% / 50%, minimum 100; irrigation
     * 300% / 20%, minimum 100 (pumping swings with the weather); water 250% / 30%, minimum 1,000 (gallons; lower it if
     * water is read in ccf); any other class 200% / 40%, minimum 50. Stub periods under 15 days are not compared.
     */
    public static VeeSettings standard() {
        Map<String, Thresholds> byClass = new LinkedHashMap<>();
        byClass.put("residential", Thresholds.of(200, 40, 50));
        byClass.put("commercial", Thresholds.of(175, 50, 100));
        byClass.put("irrigation", Thresholds.of(300, 20, 100));
        byClass.put("water", Thresholds.of(250, 30, 1000));
        return new VeeSettings(byClass, Thresholds.of(200, 40, 50), 15);
    }

    /** The thresholds for a rate class (case-insensitive), else {@link #defaults()}. */
    public Thresholds thresholdsFor(String rateClass) {
        return rateClass == null ? defaults : byRateClass.getOrDefault(normalize(rateClass), defaults);
    }

    /**
     * {@link #standard()} with overrides from Spring-style properties (the prefix, e.g. {@code switchboard.vee.},
     * already removed): {@code <class>.high-percent}, {@code <class>.low-percent}, {@code <class>.minimum-usage}
     * (class {@value #DEFAULT_CLASS} sets the defaults; a new class starts from the defaults) and
     * {@value #MINIMUM_HISTORY_DAYS}. Keys are case-insensitive and also accepted in camelCase; a percent may end in
     * {@code %}. Every bad key or value is reported together, each naming its key.
     *
     * @throws InvalidInputException naming each offending key
     */
    public static VeeSettings fromProperties(Map<String, String> properties) {
        VeeSettings standard = standard();
        InputChecks checks = new InputChecks();
        Map<String, Map<String, BigDecimal>> overrides = new TreeMap<>();
        int minimumHistoryDays = standard.minimumHistoryDays();
        for (Map.Entry<String, String> entry : new TreeMap<>(properties == null ? Map.<String, String>of() : properties).entrySet()) {
            String key = entry.getKey() == null ? "" : entry.getKey().trim();
            String value = entry.getValue() == null ? "" : entry.getValue().trim();
            if (field(key).equals(field(MINIMUM_HISTORY_DAYS))) {
                try {
                    minimumHistoryDays = Integer.parseInt(value);
                    checks.check(minimumHistoryDays >= 1, key, "must be a whole number of days, at least 1");
                } catch (NumberFormatException e) {
                    checks.add(key, "must be a whole number of days, at least 1 (was '" + value + "')");
                }
                continue;
            }
            int dot = key.lastIndexOf('.');
            String field = dot < 0 ? "" : field(key.substring(dot + 1));
            String rateClass = dot < 0 ? "" : normalize(key.substring(0, dot));
            if (rateClass.isEmpty() || !(field.equals(field(HIGH_PERCENT)) || field.equals(field(LOW_PERCENT))
                    || field.equals(field(MINIMUM_USAGE)))) {
                checks.add(key, "is not a VEE setting; expected <rate class>." + HIGH_PERCENT + ", <rate class>."
                        + LOW_PERCENT + ", <rate class>." + MINIMUM_USAGE + " or " + MINIMUM_HISTORY_DAYS);
                continue;
            }
            BigDecimal number = parse(field.equals(field(MINIMUM_USAGE)) ? value : stripPercent(value));
            String problem = number == null ? "must be a number (was '" + value + "')"
                    : field.equals(field(HIGH_PERCENT)) ? Thresholds.highProblem(number)
                    : field.equals(field(LOW_PERCENT)) ? Thresholds.lowProblem(number) : Thresholds.minimumProblem(number);
            if (problem != null) {
                checks.add(key, problem);
            } else {
                overrides.computeIfAbsent(rateClass, c -> new TreeMap<>()).put(field, number);
            }
        }
        checks.throwIfAny();
        Thresholds defaults = apply(standard.defaults(), overrides.remove(DEFAULT_CLASS));
        Map<String, Thresholds> byClass = new TreeMap<>(standard.byRateClass());
        overrides.forEach((rateClass, fields) -> byClass.put(rateClass, apply(byClass.getOrDefault(rateClass, defaults), fields)));
        return new VeeSettings(byClass, defaults, minimumHistoryDays);
    }

    private static Thresholds apply(Thresholds base, Map<String, BigDecimal> fields) {
        if (fields == null) {
            return base;
        }
        return new Thresholds(fields.getOrDefault(field(HIGH_PERCENT), base.highPercent()),
                fields.getOrDefault(field(LOW_PERCENT), base.lowPercent()),
                fields.getOrDefault(field(MINIMUM_USAGE), base.minimumUsage()));
    }

    /** {@code high-percent}, {@code highPercent} and {@code high_percent} are the same field. */
    private static String field(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT).trim();
    }

    private static String stripPercent(String value) {
        return value.endsWith("%") ? value.substring(0, value.length() - 1).trim() : value;
    }

    private static BigDecimal parse(String value) {
        try {
            return value.isEmpty() ? null : new BigDecimal(value.replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String normalize(String rateClass) {
        return rateClass == null ? "" : rateClass.trim().toLowerCase(Locale.ROOT);
    }
}

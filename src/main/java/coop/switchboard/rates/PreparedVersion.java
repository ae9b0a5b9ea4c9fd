package coop.switchboard.rates;

import coop.switchboard.shared.UnitPrice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** A tariff version with what rating needs worked out once: block limits in ten-thousandths, labels, season changes. */
final class PreparedVersion {
    final TariffVersion version;
    final Component[] components;
    /** For usage and demand components: per period, per block, the limit in ten-thousandths (Long.MAX_VALUE: none). */
    final long[][][] limits;
    /** Per period, per block: the line description when no proration changes the limits. */
    final String[][][] labels;
    /** For usage components: whether every period has the same block limits (URDB tiers then sum exactly per tier). */
    final boolean[] sharedTiers;
    /** For taxes and percent riders: the rate as a unit price and the line's description. */
    final UnitPrice[] percentRate;
    final String[] percentLabel;
    /** changesInto[m]: a season or schedule change starts on the first of month m (1..12). */
    final boolean[] changesInto = new boolean[13];

    PreparedVersion(TariffVersion version) {
        this.version = version;
        this.components = version.components().toArray(Component[]::new);
        this.limits = new long[components.length][][];
        this.labels = new String[components.length][][];
        this.percentRate = new UnitPrice[components.length];
        this.percentLabel = new String[components.length];
        for (int c = 0; c < components.length; c++) {
            BigDecimal percent = components[c] instanceof Tax t ? t.percent() : components[c] instanceof Rider r && r.isPercent() ? r.percent() : null;
            if (percent != null) {
                percentRate[c] = new UnitPrice(percent.divide(BigDecimal.valueOf(100), UnitPrice.SCALE, RoundingMode.HALF_UP));
                percentLabel[c] = components[c].description() + " (" + percent.stripTrailingZeros().toPlainString() + "%)";
            }
        }
        this.sharedTiers = new boolean[components.length];
        for (int c = 0; c < components.length; c++) {
            java.util.List<RatePeriod> periods = switch (components[c]) {
                case UsageCharge u -> u.periods();
                case DemandCharge d -> d.periods();
                default -> null;
            };
            if (periods == null) {
                continue;
            }
            HourSchedule schedule = components[c] instanceof UsageCharge u ? u.schedule() : ((DemandCharge) components[c]).schedule();
            for (int m = 1; m <= 12; m++) {
                if (!schedule.sameMonths(m == 1 ? 12 : m - 1, m)) {
                    changesInto[m] = true;
                }
            }
            String unit = components[c] instanceof UsageCharge u ? u.measure().unit() : "kW";
            boolean daily = components[c] instanceof UsageCharge u && u.basis() == BlockBasis.DAILY;
            boolean perKw = components[c] instanceof UsageCharge u && u.basis() == BlockBasis.PER_KW;
            limits[c] = new long[periods.size()][];
            labels[c] = new String[periods.size()][];
            for (int p = 0; p < periods.size(); p++) {
                RatePeriod period = periods.get(p);
                limits[c][p] = new long[period.blocks().size()];
                labels[c][p] = new String[period.blocks().size()];
                for (int b = 0; b < period.blocks().size(); b++) {
                    BigDecimal upTo = period.blocks().get(b).upTo();
                    limits[c][p][b] = upTo == null ? Long.MAX_VALUE : upTo.movePointRight(4).setScale(0, RoundingMode.HALF_UP).longValueExact();
                    String unitText = daily ? unit + " a day" : perKw ? unit + " per kW" : unit;
                    labels[c][p][b] = label(components[c].description(), periods.size() > 1 ? period.name() : null,
                            period.blocks(), b, unitText, null);
                }
            }
            sharedTiers[c] = true;
            for (int p = 1; p < periods.size(); p++) {
                sharedTiers[c] &= java.util.Arrays.equals(limits[c][p], limits[c][0]);
            }
        }
    }

    int indexOf(Component c) {
        for (int i = 0; i < components.length; i++) {
            if (components[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a component of this version: " + c.code());
    }

    /** "Energy (Summer), next 1,000 kWh": the description, the period when there are several, and the block. */
    static String label(String description, String periodName, java.util.List<Block> blocks, int b, String unit, long[] scaledLimits) {
        StringBuilder s = new StringBuilder(description);
        if (periodName != null) {
            s.append(" (").append(periodName).append(')');
        }
        if (blocks.size() > 1) {
            BigDecimal prev = b == 0 ? BigDecimal.ZERO : limitAt(blocks, b - 1, scaledLimits);
            if (b == blocks.size() - 1 || blocks.get(b).upTo() == null) {
                s.append(", over ").append(number(prev)).append(' ').append(unit);
            } else if (b == 0) {
                s.append(", first ").append(number(limitAt(blocks, 0, scaledLimits))).append(' ').append(unit);
            } else {
                s.append(", next ").append(number(limitAt(blocks, b, scaledLimits).subtract(prev))).append(' ').append(unit);
            }
        }
        return s.toString();
    }

    private static BigDecimal limitAt(java.util.List<Block> blocks, int b, long[] scaledLimits) {
        return scaledLimits == null ? blocks.get(b).upTo() : BigDecimal.valueOf(scaledLimits[b], 4);
    }

    static String number(BigDecimal value) {
        DecimalFormat f = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.US));
        return f.format(value);
    }
}

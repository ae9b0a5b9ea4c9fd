package coop.switchboard.billing.document;

import coop.switchboard.metering.UsageHistory.MonthUsage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Thirteen months of a service's usage as bars of plain boxes (a spacer above, the bar below, both a whole number of
 * pixels high), so a browser and the PDF renderer draw the same graph without scripts or images.
 */
record UsageGraph(String title, String subtitle, List<Bar> bars, boolean empty) {
    static final int HEIGHT = 72;

    /** One month: its label, its usage as printed, and the spacer and bar heights that add up to the graph's height. */
    record Bar(String label, String year, String value, int spacer, int height, boolean current, boolean estimated) {
        public String css() {
            return current ? "bar current" : estimated ? "bar estimated" : "bar";
        }
    }

    /** A bar's label fits its narrow column: 12,100 prints as 12.1k. */
    static String compact(BigDecimal usage, BillText text) {
        if (usage.abs().compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            return text.number(usage.divide(BigDecimal.valueOf(1000), 1, RoundingMode.HALF_UP)) + "k";
        }
        return text.number(usage.setScale(0, RoundingMode.HALF_UP));
    }

    /** Whether any month other than the bill's own ended in an estimated read (the legend explains those bars). */
    public boolean anyEstimated() {
        return bars.stream().anyMatch(b -> b.estimated() && !b.current());
    }

    /** The graph of {@code months} (oldest first), the bill's month marked; null usage is an empty month. */
    static UsageGraph of(List<MonthUsage> months, YearMonth billMonth, String meterNumber, String unit, BillText text) {
        BigDecimal max = BigDecimal.ZERO;
        for (MonthUsage m : months) {
            if (m.hasUsage() && m.usage().compareTo(max) > 0) {
                max = m.usage();
            }
        }
        List<Bar> bars = new ArrayList<>(months.size());
        YearMonth first = months.isEmpty() ? billMonth : months.getFirst().month();
        for (MonthUsage m : months) {
            int height = 0;
            String value = "";
            if (m.hasUsage() && max.signum() > 0) {
                BigDecimal used = m.usage().max(BigDecimal.ZERO);
                height = used.multiply(BigDecimal.valueOf(HEIGHT)).divide(max, 0, RoundingMode.HALF_UP).intValue();
                // A month with some use shows at least a sliver, so it does not read as a missing month.
                height = used.signum() > 0 ? Math.max(1, height) : 0;
                value = compact(m.usage(), text);
            }
            boolean labelYear = m.month().equals(first) || m.month().getMonthValue() == 1;
            bars.add(new Bar(text.monthShort(m.month()), labelYear ? Integer.toString(m.month().getYear()) : "",
                    value, HEIGHT - height, height, m.month().equals(billMonth), m.estimated()));
        }
        boolean empty = max.signum() == 0;
        return new UsageGraph(text.msg("usage.title"), text.msg("usage.subtitle", meterNumber, unit), List.copyOf(bars), empty);
    }
}

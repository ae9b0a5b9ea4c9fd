package coop.switchboard.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart laid out for an inline SVG: categories along the bottom, one or two series side by side (this year and
 * the same month last year), a value axis with round ticks. Every bar carries a tooltip with its figure, and the chart
 * a one-sentence summary for screen readers; the templates draw it without any script.
 */
record BarChart(int width, int height, int plotLeft, int plotTop, int plotBottom, List<Bar> bars, List<Tick> ticks,
                List<Label> labels, List<String> seriesNames, String summary) {

    /** One bar: where it is drawn, its series (0 or 1, for its colour), its tooltip, and where it leads (or null). */
    record Bar(double x, double y, double w, double h, int series, String title, boolean flagged, String href) {
    }

    /** A value-axis line and its label. */
    record Tick(double y, String label) {
    }

    /** A category label under the bars. */
    record Label(double x, String text) {
    }

    /**
     * A category: its axis label (blank to skip), its name in tooltips, a value per series (null: no data), whether
     * the first series' figure is flagged (estimated or incomplete), and the link its bars lead to (or null).
     */
    record Category(String label, String name, List<BigDecimal> values, boolean flagged, String href) {
        Category(String label, String name, List<BigDecimal> values, boolean flagged) {
            this(label, name, values, flagged, null);
        }
    }

    private static final int AXIS_WIDTH = 52;
    private static final int LABEL_HEIGHT = 20;
    private static final int TOP = 8;

    /** Lays out a chart {@code width} by {@code height} pixels; {@code axis} false draws a bare sparkline. */
    static BarChart of(int width, int height, boolean axis, String unit, List<String> seriesNames, List<Category> categories) {
        int left = axis ? AXIS_WIDTH : 0;
        int bottom = axis ? height - LABEL_HEIGHT : height;
        int top = axis ? TOP : 2;
        BigDecimal max = categories.stream().flatMap(c -> c.values().stream()).filter(v -> v != null && v.signum() > 0)
                .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        double step = niceStep(max.doubleValue() / 4);
        double top4 = Math.max(step * Math.ceil(max.doubleValue() / step), step);
        double scale = (bottom - top) / top4;

        List<Tick> ticks = new ArrayList<>();
        if (axis) {
            for (double v = 0; v <= top4 + step / 2; v += step) {
                ticks.add(new Tick(bottom - v * scale, format(BigDecimal.valueOf(v))));
            }
        }
        int series = Math.max(1, seriesNames.size());
        double slot = categories.isEmpty() ? 0 : (double) (width - left) / categories.size();
        double gap = Math.max(1, slot * 0.18);
        double barWidth = (slot - gap) / series;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            double x0 = left + i * slot + gap / 2;
            // The older series (last year) is drawn first, on the left of its pair.
            for (int s = series - 1, pos = 0; s >= 0; s--, pos++) {
                BigDecimal v = s < c.values().size() ? c.values().get(s) : null;
                if (v == null) {
                    continue;
                }
                double h = Math.max(v.signum() > 0 ? 1 : 0, Math.max(0, v.doubleValue()) * scale);
                String name = seriesNames.size() > 1 ? seriesNames.get(s) + ", " : "";
                bars.add(new Bar(round(x0 + pos * barWidth), round(bottom - h), round(Math.max(1, barWidth - (series > 1 ? 1 : 0))), round(h), s,
                        name + c.name() + ": " + format(v) + " " + unit + (c.flagged() && s == 0 ? " (estimated)" : ""), c.flagged() && s == 0, c.href()));
            }
            if (axis && !c.label().isEmpty()) {
                labels.add(new Label(round(x0 + (slot - gap) / 2), c.label()));
            }
        }
        return new BarChart(width, height, left, top, bottom, List.copyOf(bars), List.copyOf(ticks), List.copyOf(labels),
                List.copyOf(seriesNames), summary(categories, unit));
    }

    /** "Highest: July 2026, 1,204 kWh. Lowest: ..." for the chart's accessible name. */
    private static String summary(List<Category> categories, String unit) {
        Category high = null;
        Category low = null;
        for (Category c : categories) {
            BigDecimal v = c.values().isEmpty() ? null : c.values().getFirst();
            if (v == null) {
                continue;
            }
            if (high == null || v.compareTo(high.values().getFirst()) > 0) {
                high = c;
            }
            if (low == null || v.compareTo(low.values().getFirst()) < 0) {
                low = c;
            }
        }
        if (high == null) {
            return "No usage recorded.";
        }
        return "Highest " + high.name() + ", " + format(high.values().getFirst()) + " " + unit + "; lowest " + low.name() + ", "
                + format(low.values().getFirst()) + " " + unit + ".";
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** A figure as people read it: thousands separated, no decimals from 100 up, one below 100, two below 1. */
    static String format(BigDecimal v) {
        BigDecimal abs = v.abs();
        int decimals = abs.compareTo(BigDecimal.valueOf(100)) >= 0 ? 0 : abs.compareTo(BigDecimal.ONE) >= 0 ? 1 : 2;
        NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
        f.setMinimumFractionDigits(0);
        f.setMaximumFractionDigits(decimals);
        return f.format(v.setScale(decimals, RoundingMode.HALF_UP));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

package coop.switchboard.console;

import coop.switchboard.rates.Block;
import coop.switchboard.rates.BlockBasis;
import coop.switchboard.rates.Component;
import coop.switchboard.rates.DemandCharge;
import coop.switchboard.rates.FixedCharge;
import coop.switchboard.rates.HourSchedule;
import coop.switchboard.rates.Measure;
import coop.switchboard.rates.MinimumCharge;
import coop.switchboard.rates.Per;
import coop.switchboard.rates.Proration;
import coop.switchboard.rates.ProrationRules;
import coop.switchboard.rates.RatePeriod;
import coop.switchboard.rates.Rider;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.rates.Tax;
import coop.switchboard.rates.UnmeteredCharge;
import coop.switchboard.rates.UsageCharge;
import coop.switchboard.rates.VersionRecord;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.UnitPrice;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the rate pages show of a tariff version: each component in words and tables, time-of-use grids, PCA factors. */
final class TariffPages {
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

    private TariffPages() {
    }

    // ---- a version, readably ----------------------------------------------------------------------------------------

    record Fact(String label, String value) {
    }

    record BlockRow(String label, String range, String price) {
    }

    /** A season or time-of-use period: when it applies (seasons) and its blocks. */
    record PeriodView(String name, int index, String when, List<BlockRow> blocks, List<String> hours) {
        /** One price for all of the period's usage (no blocks). */
        public boolean flat() {
            return blocks.size() == 1;
        }
    }

    record GridRow(String month, List<Integer> cells) {
    }

    record GridTable(String caption, List<GridRow> rows) {
    }

    record Grid(List<GridTable> tables, List<PeriodView> legend) {
    }

    record MonthlyRow(int year, List<String> factors, int highlight) {
    }

    record ComponentView(String code, String kind, String kindLabel, String description, String summary, List<String> notes,
                         List<PeriodView> periods, boolean periodNames, Grid grid, List<Fact> prices, String pricesCaption,
                         List<MonthlyRow> monthly, String monthlyCaption) {
    }

    record VersionView(LocalDate effective, String effectiveText, String untilText, String notes, String status, boolean frozen,
                       String firstBilledAt, String createdBy, java.time.Instant createdAt, String updatedBy,
                       java.time.Instant updatedAt, List<String> versionNotes, List<ComponentView> components, String yaml) {
    }

    static VersionView version(TariffVersion v, VersionRecord r, String status, LocalDate until, LocalDate today, String yaml) {
        Map<String, String> names = new LinkedHashMap<>();
        v.components().forEach(c -> names.put(c.code(), c.description()));
        List<ComponentView> components = new ArrayList<>();
        for (Component c : v.components()) {
            components.add(componentView(c, v, names, today));
        }
        List<String> versionNotes = new ArrayList<>();
        if (v.holidays().nerc() || !v.holidays().dates().isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (v.holidays().nerc()) {
                parts.add("the six NERC holidays (New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving, Christmas)");
            }
            if (!v.holidays().dates().isEmpty()) {
                parts.add(String.join(", ", new TreeSet<>(v.holidays().dates()).stream().map(TariffPages::shortDate).toList()));
            }
            versionNotes.add("Holidays are rated as weekend days: " + String.join(" and ", parts) + ".");
        }
        if (!v.proration().equals(ProrationRules.STANDARD)) {
            versionNotes.add("A billing month is " + v.proration().regularMinDays() + " to " + v.proration().regularMaxDays()
                    + " days; prorating divides by " + v.proration().standardDays() + " days.");
        }
        return new VersionView(v.effective(), longDate(v.effective()), until == null ? null : longDate(until.minusDays(1)), v.notes(),
                status, r != null && r.frozen(), r == null || r.firstBilledAt() == null ? null : r.firstBilledAt().toString(),
                r == null ? null : r.createdBy(), r == null ? null : r.createdAt(), r == null ? null : r.updatedBy(),
                r == null ? null : r.updatedAt(), versionNotes, components, yaml);
    }

    private static ComponentView componentView(Component c, TariffVersion v, Map<String, String> names, LocalDate today) {
        List<String> notes = new ArrayList<>();
        List<PeriodView> periods = List.of();
        boolean periodNames = false;
        Grid grid = null;
        List<Fact> prices = List.of();
        String pricesCaption = null;
        List<MonthlyRow> monthly = List.of();
        String monthlyCaption = null;
        String summary;
        String kindLabel;
        switch (c) {
            case FixedCharge f -> {
                kindLabel = "Fixed charge";
                String per = f.per() == Per.DAY ? "day" : "month";
                if (f.bySize().isEmpty()) {
                    summary = (f.per() == Per.DAY ? Formats.price(f.amount()) : Formats.money(new Money(f.amount().value().setScale(2, java.math.RoundingMode.HALF_UP)))) + " per " + per;
                } else {
                    summary = "By meter size, per " + per;
                    prices = f.bySize().entrySet().stream()
                            .sorted(Comparator.comparing((Map.Entry<String, Money> e) -> sizeValue(e.getKey())).thenComparing(Map.Entry::getKey))
                            .map(e -> new Fact(e.getKey() + "\u2033 meter", Formats.money(e.getValue()))).toList();
                    pricesCaption = "Charge by meter size, per " + per;
                }
                if (f.per() == Per.MONTH) {
                    notes.add(proration(f.proration(), v.proration(), "the charge"));
                }
            }
            case UsageCharge u -> {
                kindLabel = "Usage charge";
                String unit = unitName(u.measure());
                String limits = blockUnit(u.basis(), unit);
                periods = periodViews(u.periods(), u.schedule(), limits, unit);
                periodNames = u.periods().size() > 1;
                boolean hourly = !u.schedule().seasonalOnly();
                boolean blocks = u.periods().stream().anyMatch(p -> p.blocks().size() > 1);
                if (!periodNames && !blocks) {
                    summary = Formats.price(u.periods().getFirst().blocks().getFirst().price()) + " per " + unit;
                    periods = List.of();
                } else if (hourly) {
                    summary = "Time-of-use" + (blocks ? " with blocks" : "") + ", per " + unit;
                } else if (periodNames) {
                    summary = "Seasonal" + (blocks ? " blocks" : " prices") + ", per " + unit;
                } else {
                    summary = (blocks && isDeclining(u.periods().getFirst()) ? "Declining" : "Inclining") + " blocks, per " + unit;
                }
                if (hourly) {
                    grid = grid(u.periods(), u.schedule(), v);
                }
                if (blocks) {
                    notes.add(switch (u.basis()) {
                        case TOTAL -> hourly ? "Block limits count the month's total usage; each period's usage is spread across the blocks in proportion."
                                : "Block limits count the period's total " + limits + ".";
                        case PERIOD -> "Each time-of-use period's usage is priced against its own blocks.";
                        case DAILY -> "Block limits are per day: the limit times the days in the period.";
                        case PER_KW -> "Block limits are per kW of billing demand (hours-use blocks): e.g. the first block is "
                                + Formats.number(u.periods().getFirst().blocks().getFirst().upTo()) + " " + unit + " times the billing kW.";
                    });
                    if (u.basis() != BlockBasis.DAILY && u.basis() != BlockBasis.PER_KW) {
                        notes.add(proration(u.blockProration(), v.proration(), "block limits"));
                    }
                }
            }
            case DemandCharge d -> {
                kindLabel = "Demand charge";
                periods = periodViews(d.periods(), d.schedule(), "kW", "kW");
                periodNames = d.periods().size() > 1;
                boolean blocks = d.periods().stream().anyMatch(p -> p.blocks().size() > 1);
                if (!periodNames && !blocks) {
                    summary = Formats.price(d.periods().getFirst().blocks().getFirst().price()) + " per kW";
                    periods = List.of();
                } else {
                    summary = (d.timeOfUse() ? "Time-of-use" : periodNames ? "Seasonal" : "Tiered") + " demand, per kW";
                }
                notes.add(d.timeOfUse() ? "Each period's own maximum demand within its hours is billed."
                        : "The month's maximum demand (kW) is billed.");
                if (d.timeOfUse()) {
                    grid = grid(d.periods(), d.schedule(), v);
                }
                if (d.powerFactorTarget() != null) {
                    notes.add("Power factor: when the power factor (from kWh and kvarh) is below "
                            + Formats.number(d.powerFactorTarget().movePointRight(2)) + "%, billed kW = kW × "
                            + Formats.number(d.powerFactorTarget()) + " ÷ the actual power factor.");
                }
                if (d.ratchet() != null) {
                    String r = "Ratchet: billing demand is at least ";
                    List<String> parts = new ArrayList<>();
                    if (d.ratchet().percent().signum() > 0 && d.ratchet().months() > 0) {
                        parts.add(Formats.number(d.ratchet().percent()) + "% of the highest demand of the past " + d.ratchet().months()
                                + " month" + (d.ratchet().months() == 1 ? "" : "s")
                                + (d.ratchet().fromMonths().isEmpty() ? "" : " (counting only " + months(d.ratchet().fromMonths()) + ")"));
                    }
                    if (d.ratchet().minimumKw().signum() > 0) {
                        parts.add(Formats.number(d.ratchet().minimumKw()) + " kW");
                    }
                    if (!parts.isEmpty()) {
                        notes.add(r + String.join(", and at least ", parts) + ".");
                    }
                }
                notes.add(proration(d.proration(), v.proration(), "the demand charge"));
            }
            case UnmeteredCharge u -> {
                kindLabel = "Unmetered";
                summary = "Per fixture, per month";
                prices = u.perFixture().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> new Fact(e.getKey(), Formats.money(e.getValue()))).toList();
                pricesCaption = "Monthly charge by fixture type";
                notes.add(proration(u.proration(), v.proration(), "the charge"));
            }
            case MinimumCharge m -> {
                kindLabel = "Minimum";
                List<String> parts = new ArrayList<>();
                if (m.amount() != null) {
                    parts.add("at least " + Formats.money(m.amount()) + " per " + (m.per() == Per.DAY ? "day" : "month"));
                }
                if (m.annual() != null) {
                    parts.add("an annual minimum of " + Formats.money(m.annual()));
                }
                summary = capitalize(String.join("; ", parts));
                notes.add("Charges before it, except riders and taxes, count towards the minimum; a line makes up any difference.");
                if (m.annual() != null) {
                    notes.add("The annual minimum is checked on the " + Month.of(m.annualMonth()).getDisplayName(TextStyle.FULL, Locale.US)
                            + " bill against the twelve months' charges.");
                }
                if (m.amount() != null && m.per() == Per.MONTH) {
                    notes.add(proration(m.proration(), v.proration(), "the monthly minimum"));
                }
            }
            case Rider r -> {
                kindLabel = "Rider";
                if (r.isPercent()) {
                    summary = Formats.number(r.percent()) + "% of " + appliesTo(r.appliesTo(), names, "every charge before it");
                } else {
                    String unit = unitName(r.measure());
                    if (r.monthly().isEmpty()) {
                        summary = Formats.price(r.price()) + " per " + unit;
                    } else {
                        summary = "A factor per " + unit + " that changes monthly";
                        notes.add("A bill uses the factor for its billing month (the month of its last day of service), or the latest one before it.");
                        if (r.price() != null) {
                            notes.add("Before the first monthly factor: " + Formats.price(r.price()) + " per " + unit + ".");
                        }
                        monthly = monthlyRows(r, today);
                        monthlyCaption = "Factors per " + unit + " by billing month";
                    }
                }
            }
            case Tax t -> {
                kindLabel = "Tax or fee";
                summary = Formats.number(t.percent()) + "% of " + appliesTo(t.appliesTo(), names, "every charge before it except taxes");
                notes.add("Accounts holding exemption " + t.exemption() + " are not charged.");
            }
        }
        notes.removeIf(n -> n == null || n.isEmpty());
        return new ComponentView(c.code(), c.kind(), kindLabel, c.description(), summary, notes, periods, periodNames, grid, prices,
                pricesCaption, monthly, monthlyCaption);
    }

    private static boolean isDeclining(RatePeriod p) {
        return p.blocks().getLast().price().compareTo(p.blocks().getFirst().price()) < 0;
    }

    private static String appliesTo(List<String> codes, Map<String, String> names, String all) {
        if (codes.isEmpty()) {
            return all;
        }
        return String.join(", ", codes.stream().map(code -> names.containsKey(code) ? names.get(code) + " (" + code + ")" : code).toList());
    }

    private static String proration(Proration p, ProrationRules rules, String what) {
        String is = what.endsWith("limits") ? " are" : " is";
        return switch (p) {
            case NONE -> capitalize(what) + is + " never prorated: a full month's worth whatever the period's length.";
            case PARTIAL -> capitalize(what) + is + " prorated by days when a period is shorter than " + rules.regularMinDays()
                    + " or longer than " + rules.regularMaxDays() + " days (move-in, move-out): days ÷ " + rules.standardDays() + ".";
            case DAYS -> capitalize(what) + is + " always prorated by days: days ÷ " + rules.standardDays() + ".";
        };
    }

    private static String unitName(Measure m) {
        return switch (m) {
            case GALLONS -> "gallon";
            default -> m.unit();
        };
    }

    private static String blockUnit(BlockBasis basis, String unit) {
        String units = unit.equals("gallon") ? "gallons" : unit;
        return switch (basis) {
            case TOTAL, PERIOD -> units;
            case DAILY -> units + " a day";
            case PER_KW -> units + " per kW";
        };
    }

    private static List<PeriodView> periodViews(List<RatePeriod> periods, HourSchedule schedule, String limitUnit, String priceUnit) {
        boolean seasonal = schedule.seasonalOnly();
        List<PeriodView> list = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            RatePeriod p = periods.get(i);
            String when = null;
            if (seasonal && periods.size() > 1) {
                Set<Integer> months = new TreeSet<>();
                for (int m = 1; m <= 12; m++) {
                    if (schedule.monthPeriod(m) == i) {
                        months.add(m);
                    }
                }
                when = months.isEmpty() ? "no months" : months(months);
            }
            list.add(new PeriodView(p.name(), i, when, blockRows(p.blocks(), limitUnit, priceUnit),
                    seasonal ? List.of() : hours(schedule, i)));
        }
        return list;
    }

    private static List<BlockRow> blockRows(List<Block> blocks, String unit, String priceUnit) {
        List<BlockRow> rows = new ArrayList<>();
        BigDecimal previous = BigDecimal.ZERO;
        for (Block b : blocks) {
            String label;
            String range;
            if (b.upTo() == null) {
                label = previous.signum() == 0 ? "all " + unit : "over " + Formats.number(previous) + " " + unit;
                range = previous.signum() == 0 ? "" : "above " + Formats.number(previous);
            } else {
                label = previous.signum() == 0 ? "first " + Formats.number(b.upTo()) + " " + unit
                        : "next " + Formats.number(b.upTo().subtract(previous)) + " " + unit;
                range = Formats.number(previous) + "–" + Formats.number(b.upTo());
                previous = b.upTo();
            }
            rows.add(new BlockRow(label, range, Formats.price(b.price()) + " per " + priceUnit));
        }
        return rows;
    }

    private static Grid grid(List<RatePeriod> periods, HourSchedule schedule, TariffVersion v) {
        boolean same = true;
        for (int m = 1; m <= 12 && same; m++) {
            same = java.util.Arrays.equals(schedule.weekdayRow(m), schedule.weekendRow(m));
        }
        List<GridTable> tables = new ArrayList<>();
        tables.add(new GridTable(same ? "Every day" : "Weekdays", gridRows(schedule, false)));
        if (!same) {
            boolean holidays = v.holidays().nerc() || !v.holidays().dates().isEmpty();
            tables.add(new GridTable(holidays ? "Weekends and holidays" : "Weekends", gridRows(schedule, true)));
        }
        List<PeriodView> legend = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            legend.add(new PeriodView(periods.get(i).name(), i, null, List.of(), List.of()));
        }
        return new Grid(tables, legend);
    }

    private static List<GridRow> gridRows(HourSchedule schedule, boolean weekend) {
        List<GridRow> rows = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            int[] row = weekend ? schedule.weekendRow(m) : schedule.weekdayRow(m);
            rows.add(new GridRow(Month.of(m).getDisplayName(TextStyle.SHORT, Locale.US), java.util.Arrays.stream(row).boxed().toList()));
        }
        return rows;
    }

    /** When a time-of-use period applies, in words: "weekdays 4 p.m.–9 p.m., October–May". */
    private static List<String> hours(HourSchedule schedule, int period) {
        Map<String, Set<Integer>> byText = new LinkedHashMap<>();
        for (int m = 1; m <= 12; m++) {
            String weekday = hourRanges(schedule.weekdayRow(m), period);
            String weekend = hourRanges(schedule.weekendRow(m), period);
            String text;
            if (weekday.isEmpty() && weekend.isEmpty()) {
                continue;
            } else if (weekday.equals(weekend)) {
                text = weekday.equals("all day") ? "all day, every day" : "every day " + weekday;
            } else if (weekend.isEmpty()) {
                text = "weekdays " + weekday;
            } else if (weekday.isEmpty()) {
                text = "weekends and holidays " + weekend;
            } else {
                text = "weekdays " + weekday + "; weekends and holidays " + weekend;
            }
            byText.computeIfAbsent(text, k -> new TreeSet<>()).add(m);
        }
        List<String> list = new ArrayList<>();
        byText.forEach((text, months) -> list.add(months.size() == 12 ? text + ", all year" : text + ", " + months(months)));
        return list;
    }

    private static String hourRanges(int[] row, int period) {
        List<String> ranges = new ArrayList<>();
        int h = 0;
        while (h < 24) {
            if (row[h] != period) {
                h++;
                continue;
            }
            int start = h;
            while (h < 24 && row[h] == period) {
                h++;
            }
            ranges.add(start == 0 && h == 24 ? "all day" : hour(start) + "–" + hour(h));
        }
        return String.join(", ", ranges);
    }

    private static String hour(int h) {
        return switch (h) {
            case 0, 24 -> "midnight";
            case 12 -> "noon";
            default -> (h % 12) + (h < 12 ? " a.m." : " p.m.");
        };
    }

    /** Months in words, runs joined across the new year: [1..5, 10..12] is "October–May". */
    static String months(Set<Integer> months) {
        if (months.size() == 12) {
            return "all year";
        }
        List<String> runs = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            int previous = m == 1 ? 12 : m - 1;
            if (!months.contains(m) || months.contains(previous)) {
                continue;
            }
            int end = m;
            while (months.contains(end % 12 + 1)) {
                end = end % 12 + 1;
            }
            runs.add(end == m ? monthName(m) : monthName(m) + "–" + monthName(end));
        }
        return String.join(", ", runs);
    }

    private static String monthName(int m) {
        return Month.of(m).getDisplayName(TextStyle.FULL, Locale.US);
    }

    private static List<MonthlyRow> monthlyRows(Rider r, LocalDate today) {
        Map<Integer, String[]> years = new TreeMap<>(Comparator.reverseOrder());
        r.monthly().forEach((month, price) -> years.computeIfAbsent(month.getYear(), y -> new String[12])[month.getMonthValue() - 1]
                = Formats.price(price));
        YearMonth now = YearMonth.from(today);
        YearMonth inForce = null;
        for (YearMonth month : r.monthly().keySet()) {
            if (!month.isAfter(now)) {
                inForce = month;
            }
        }
        List<MonthlyRow> rows = new ArrayList<>();
        for (Map.Entry<Integer, String[]> e : years.entrySet()) {
            List<String> cells = new ArrayList<>();
            for (String s : e.getValue()) {
                cells.add(s == null ? "" : s);
            }
            rows.add(new MonthlyRow(e.getKey(), cells, inForce != null && inForce.getYear() == e.getKey() ? inForce.getMonthValue() - 1 : -1));
        }
        return rows;
    }

    /** A meter size such as 5/8, 3/4, 1 or 1-1/2 as inches, to sort sizes smallest first. */
    static double sizeValue(String size) {
        Matcher m = Pattern.compile("^(?:(\\d+)[- ])?(\\d+)/(\\d+)|^(\\d+(?:\\.\\d+)?)").matcher(size.trim());
        if (!m.find()) {
            return Double.MAX_VALUE;
        }
        if (m.group(4) != null) {
            return Double.parseDouble(m.group(4));
        }
        double whole = m.group(1) == null ? 0 : Double.parseDouble(m.group(1));
        return whole + Double.parseDouble(m.group(2)) / Double.parseDouble(m.group(3));
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String longDate(LocalDate d) {
        return d == null ? "" : LONG_DATE.format(d);
    }

    static String shortDate(LocalDate d) {
        return d == null ? "" : SHORT_DATE.format(d);
    }

    /** Number formats for rate pages: $32.00, $0.0950 per kWh, 1,500 kWh. */
    static final class Formats {
        private Formats() {
        }

        static String money(Money m) {
            BigDecimal v = m.amount();
            return (v.signum() < 0 ? "\u2212$" : "$") + grouped(v.abs(), 2);
        }

        /** A unit price: at least 4 decimals below a dollar ($0.0950), 2 otherwise ($7.50), more when the price has them. */
        static String price(UnitPrice p) {
            BigDecimal v = p.value().stripTrailingZeros();
            BigDecimal abs = v.abs();
            int scale = Math.max(v.scale(), abs.signum() == 0 ? 2 : abs.compareTo(BigDecimal.ONE) < 0 ? 4 : 2);
            return (v.signum() < 0 ? "\u2212$" : "$") + grouped(abs, scale);
        }

        static String number(BigDecimal v) {
            if (v == null) {
                return "";
            }
            BigDecimal s = v.stripTrailingZeros();
            return grouped(s, Math.max(0, s.scale()));
        }

        static String number(Quantity q) {
            return number(q.value());
        }

        private static String grouped(BigDecimal v, int scale) {
            NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
            f.setMinimumFractionDigits(scale);
            f.setMaximumFractionDigits(scale);
            f.setGroupingUsed(true);
            return f.format(v.setScale(scale, java.math.RoundingMode.HALF_UP));
        }
    }
}

package coop.switchboard.rates.file;

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
import coop.switchboard.rates.RatePeriod;
import coop.switchboard.rates.Ratchet;
import coop.switchboard.rates.Rider;
import coop.switchboard.rates.Tax;
import coop.switchboard.rates.UnmeteredCharge;
import coop.switchboard.rates.UsageCharge;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.UnitPrice;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the components of a tariff version (fixed, usage, demand, unmetered, minimum, rider, tax) and their prices,
 * blocks, seasons and time-of-use schedules, naming every bad field by its path. Part of {@link TariffYaml}.
 */
final class ComponentFields {
    private static final Set<String> PERIOD_FIELDS = Set.of("price", "blocks", "seasons", "periods", "weekday", "weekend");

    private ComponentFields() {
    }

    static Component component(Fields f, JsonNode node, String path, Set<String> earlierCodes) {
        if (!node.isObject()) {
            f.fail(path, "must be a component with type, code and description");
            return null;
        }
        int before = f.count();
        String type = f.text(node, path, "type", true);
        String code = f.text(node, path, "code", true);
        if (code != null && !TariffYaml.CODE.matcher(code).matches()) {
            f.fail(Fields.at(path, "code"), "must be 1 to 16 capital letters, digits, '-' or '_' (e.g. ENERGY, PCA)");
        }
        String description = f.text(node, path, "description", true);
        if (type == null) {
            return null;
        }
        Component c = switch (type.toLowerCase(Locale.ROOT)) {
            case "fixed" -> fixed(f, node, path, code, description);
            case "usage" -> usage(f, node, path, code, description);
            case "demand" -> demand(f, node, path, code, description);
            case "unmetered" -> unmetered(f, node, path, code, description);
            case "minimum" -> minimum(f, node, path, code, description);
            case "rider" -> rider(f, node, path, code, description, earlierCodes);
            case "tax" -> tax(f, node, path, code, description, earlierCodes);
            default -> {
                f.fail(Fields.at(path, "type"), "must be fixed, usage, demand, unmetered, minimum, rider or tax");
                yield null;
            }
        };
        return f.count() > before ? null : c;
    }

    private static Set<String> known(String... names) {
        Set<String> s = new HashSet<>(Set.of("type", "code", "description"));
        s.addAll(List.of(names));
        return s;
    }

    private static FixedCharge fixed(Fields f, JsonNode node, String path, String code, String description) {
        f.onlyKnown(node, path, known("amount", "per", "bySize", "proration"));
        Map<String, Money> bySize = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.map(node, path, "bySize")) {
            BigDecimal d = f.decimal(e.getValue(), Fields.at(Fields.at(path, "bySize"), e.getKey()), 2, false);
            if (d != null) {
                bySize.put(e.getKey(), new Money(d.setScale(2)));
            }
        }
        Per per = f.choice(node, path, "per", Per.MONTH, Per::parse);
        BigDecimal amount = f.decimal(node, path, "amount", bySize.isEmpty(), 6, true);
        if (amount != null && per == Per.MONTH && amount.scale() > 2) {
            f.fail(Fields.at(path, "amount"), "a monthly amount is in cents (2 decimals); only a per-day amount may have up to 6");
        }
        Proration proration = f.choice(node, path, "proration", Proration.PARTIAL, Proration::parse);
        return new FixedCharge(code, description, amount == null ? UnitPrice.ZERO : new UnitPrice(amount), per, bySize, proration);
    }

    private static UsageCharge usage(Fields f, JsonNode node, String path, String code, String description) {
        Set<String> known = known("measure", "basis", "proration");
        known.addAll(PERIOD_FIELDS);
        f.onlyKnown(node, path, known);
        Measure measure = f.choice(node, path, "measure", Measure.KWH, Measure::parse);
        BlockBasis basis = f.choice(node, path, "basis", BlockBasis.TOTAL, BlockBasis::parse);
        Proration proration = f.choice(node, path, "proration", Proration.PARTIAL, Proration::parse);
        Periods periods = periods(f, node, path, 6);
        if (periods == null) {
            return null;
        }
        return new UsageCharge(code, description, measure, periods.periods, periods.schedule, basis, proration);
    }

    private static DemandCharge demand(Fields f, JsonNode node, String path, String code, String description) {
        Set<String> known = known("timeOfUse", "ratchet", "powerFactor", "proration");
        known.addAll(PERIOD_FIELDS);
        f.onlyKnown(node, path, known);
        boolean tou = node.has("timeOfUse") && node.get("timeOfUse").asBoolean();
        Proration proration = f.choice(node, path, "proration", Proration.PARTIAL, Proration::parse);
        BigDecimal pf = f.decimal(node, path, "powerFactor", false, 4, false);
        if (pf != null && (pf.signum() <= 0 || pf.compareTo(BigDecimal.ONE) > 0)) {
            f.fail(Fields.at(path, "powerFactor"), "must be a target power factor above 0 and at most 1 (e.g. 0.95)");
        }
        Ratchet ratchet = null;
        if (Fields.present(node, "ratchet")) {
            JsonNode r = node.get("ratchet");
            String rp = Fields.at(path, "ratchet");
            f.onlyKnown(r, rp, Set.of("percent", "months", "minimumKw", "fromMonths"));
            BigDecimal percent = f.decimal(r, rp, "percent", false, 4, false);
            if (percent != null && percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                f.fail(Fields.at(rp, "percent"), "must be at most 100");
            }
            int months = f.integer(r, rp, "months", 11, 0, 36);
            BigDecimal minimum = f.decimal(r, rp, "minimumKw", false, 4, false);
            Set<Integer> from = new TreeSet<>();
            List<JsonNode> list = f.list(r, rp, "fromMonths", false);
            for (int i = 0; i < list.size(); i++) {
                int m = list.get(i).asInt(0);
                if (m < 1 || m > 12) {
                    f.fail(Fields.at(Fields.at(rp, "fromMonths"), i), "must be a month 1 to 12");
                }
                from.add(m);
            }
            if (tou) {
                f.fail(rp, "applies to monthly (not time-of-use) demand");
            }
            ratchet = new Ratchet(percent, months, minimum, from);
        }
        Periods periods = periods(f, node, path, 6);
        if (periods == null) {
            return null;
        }
        if (!tou && !periods.schedule.seasonalOnly()) {
            f.fail(Fields.at(path, "weekday"), "monthly demand is priced by season; use timeOfUse: true for hourly periods");
        }
        return new DemandCharge(code, description, tou, periods.periods, periods.schedule, ratchet, pf, proration);
    }

    private static UnmeteredCharge unmetered(Fields f, JsonNode node, String path, String code, String description) {
        f.onlyKnown(node, path, known("perFixture", "proration"));
        Map<String, Money> prices = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.map(node, path, "perFixture")) {
            BigDecimal d = f.decimal(e.getValue(), Fields.at(Fields.at(path, "perFixture"), e.getKey()), 2, false);
            if (d != null) {
                prices.put(e.getKey(), new Money(d.setScale(2)));
            }
        }
        if (prices.isEmpty()) {
            f.fail(Fields.at(path, "perFixture"), "needs at least one fixture type and its monthly price");
        }
        Proration proration = f.choice(node, path, "proration", Proration.PARTIAL, Proration::parse);
        return new UnmeteredCharge(code, description, prices, proration);
    }

    private static MinimumCharge minimum(Fields f, JsonNode node, String path, String code, String description) {
        f.onlyKnown(node, path, known("amount", "per", "annual", "annualMonth", "proration"));
        BigDecimal amount = f.decimal(node, path, "amount", false, 2, false);
        BigDecimal annual = f.decimal(node, path, "annual", false, 2, false);
        if (amount == null && annual == null && !f.failed()) {
            f.fail(Fields.at(path, "amount"), "a minimum needs an amount, an annual amount, or both");
        }
        Per per = f.choice(node, path, "per", Per.MONTH, Per::parse);
        int month = f.integer(node, path, "annualMonth", 12, 1, 12);
        Proration proration = f.choice(node, path, "proration", Proration.PARTIAL, Proration::parse);
        return new MinimumCharge(code, description, amount == null ? null : new Money(amount.setScale(2)), per,
                annual == null ? null : new Money(annual.setScale(2)), month, proration);
    }

    private static Rider rider(Fields f, JsonNode node, String path, String code, String description, Set<String> earlier) {
        f.onlyKnown(node, path, known("measure", "price", "monthly", "percent", "appliesTo"));
        BigDecimal percent = f.decimal(node, path, "percent", false, 4, true);
        if (percent != null) {
            if (Fields.present(node, "price") || Fields.present(node, "monthly")) {
                f.fail(Fields.at(path, "percent"), "a rider is either a percent or a price per unit, not both");
            }
            return new Rider(code, description, null, null, null, percent, appliesTo(f, node, path, earlier));
        }
        Measure measure = f.choice(node, path, "measure", Measure.KWH, Measure::parse);
        BigDecimal price = f.decimal(node, path, "price", false, 6, true);
        Map<YearMonth, UnitPrice> monthly = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.map(node, path, "monthly")) {
            String mp = Fields.at(Fields.at(path, "monthly"), e.getKey());
            YearMonth month;
            try {
                month = YearMonth.parse(e.getKey().trim());
            } catch (DateTimeParseException ex) {
                f.fail(mp, "must be a month YYYY-MM");
                continue;
            }
            BigDecimal d = f.decimal(e.getValue(), mp, 6, true);
            if (d != null) {
                monthly.put(month, new UnitPrice(d));
            }
        }
        if (price == null && monthly.isEmpty()) {
            f.fail(Fields.at(path, "price"), "a rider needs a price per unit, monthly factors, or a percent");
        }
        if (Fields.present(node, "appliesTo")) {
            f.fail(Fields.at(path, "appliesTo"), "is only for percent riders");
        }
        return new Rider(code, description, measure, price == null ? null : new UnitPrice(price), monthly, null, List.of());
    }

    private static Tax tax(Fields f, JsonNode node, String path, String code, String description, Set<String> earlier) {
        f.onlyKnown(node, path, known("percent", "appliesTo", "exemption"));
        BigDecimal percent = f.decimal(node, path, "percent", true, 4, false);
        if (percent != null && percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            f.fail(Fields.at(path, "percent"), "must be at most 100");
        }
        String exemption = f.text(node, path, "exemption", false);
        return new Tax(code, description, percent, appliesTo(f, node, path, earlier), exemption);
    }

    private static List<String> appliesTo(Fields f, JsonNode node, String path, Set<String> earlier) {
        List<JsonNode> list = f.list(node, path, "appliesTo", false);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String c = list.get(i).asString().trim();
            if (!earlier.contains(c)) {
                f.fail(Fields.at(Fields.at(path, "appliesTo"), i), "'" + c + "' is not a component listed before this one ("
                        + (earlier.isEmpty() ? "none" : String.join(", ", new TreeSet<>(earlier))) + ")");
            }
            codes.add(c);
        }
        return codes;
    }

    private record Periods(List<RatePeriod> periods, HourSchedule schedule) {
    }

    /** price | blocks | seasons | periods + weekday + weekend. */
    private static Periods periods(Fields f, JsonNode node, String path, int priceScale) {
        int before = f.count();
        int forms = (Fields.present(node, "price") ? 1 : 0) + (Fields.present(node, "blocks") ? 1 : 0)
                + (Fields.present(node, "seasons") ? 1 : 0) + (Fields.present(node, "periods") ? 1 : 0);
        if (forms != 1) {
            f.fail(Fields.at(path, "price"), forms == 0 ? "give a price, blocks, seasons, or periods with weekday/weekend schedules"
                    : "give only one of price, blocks, seasons or periods");
            return null;
        }
        if (Fields.present(node, "price")) {
            BigDecimal price = f.decimal(node, path, "price", true, priceScale, true);
            return price == null ? null : new Periods(List.of(new RatePeriod("All", List.of(new Block(null, new UnitPrice(price))))), HourSchedule.single());
        }
        if (Fields.present(node, "blocks")) {
            List<Block> blocks = blocks(f, node, path, priceScale);
            return f.count() > before ? null : new Periods(List.of(new RatePeriod("All", blocks)), HourSchedule.single());
        }
        if (Fields.present(node, "seasons")) {
            List<JsonNode> seasons = f.list(node, path, "seasons", true);
            List<RatePeriod> periods = new ArrayList<>();
            int[] byMonth = new int[12];
            java.util.Arrays.fill(byMonth, -1);
            for (int i = 0; i < seasons.size(); i++) {
                JsonNode s = seasons.get(i);
                String sp = Fields.at(Fields.at(path, "seasons"), i);
                f.onlyKnown(s, sp, Set.of("name", "months", "price", "blocks"));
                String name = f.text(s, sp, "name", true);
                List<JsonNode> months = f.list(s, sp, "months", true);
                for (int m = 0; m < months.size(); m++) {
                    int month = months.get(m).asInt(0);
                    if (month < 1 || month > 12) {
                        f.fail(Fields.at(Fields.at(sp, "months"), m), "must be a month 1 to 12");
                    } else if (byMonth[month - 1] >= 0) {
                        f.fail(Fields.at(Fields.at(sp, "months"), m), "month " + month + " is already in another season");
                    } else {
                        byMonth[month - 1] = i;
                    }
                }
                List<Block> blocks = seasonBlocks(f, s, sp, priceScale);
                if (name != null && blocks != null) {
                    periods.add(new RatePeriod(name, blocks));
                }
            }
            for (int m = 0; m < 12; m++) {
                if (byMonth[m] < 0) {
                    f.fail(Fields.at(path, "seasons"), "month " + (m + 1) + " is in no season; the seasons must cover all 12 months");
                    break;
                }
            }
            return f.count() > before ? null : new Periods(periods, HourSchedule.seasonal(byMonth));
        }
        List<JsonNode> list = f.list(node, path, "periods", true);
        List<RatePeriod> periods = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String pp = Fields.at(Fields.at(path, "periods"), i);
            f.onlyKnown(p, pp, Set.of("name", "price", "blocks"));
            String name = f.text(p, pp, "name", true);
            List<Block> blocks = seasonBlocks(f, p, pp, priceScale);
            if (name != null && blocks != null) {
                periods.add(new RatePeriod(name, blocks));
            }
        }
        int[][] weekday = schedule(f, node, path, "weekday", list.size());
        int[][] weekend = Fields.present(node, "weekend") ? schedule(f, node, path, "weekend", list.size()) : weekday;
        if (f.count() > before || weekday == null || weekend == null) {
            return null;
        }
        return new Periods(periods, new HourSchedule(weekday, weekend));
    }

    private static List<Block> seasonBlocks(Fields f, JsonNode node, String path, int priceScale) {
        if (Fields.present(node, "price") == Fields.present(node, "blocks")) {
            f.fail(Fields.at(path, "price"), "give a price or blocks");
            return null;
        }
        if (Fields.present(node, "price")) {
            BigDecimal price = f.decimal(node, path, "price", true, priceScale, true);
            return price == null ? null : List.of(new Block(null, new UnitPrice(price)));
        }
        return blocks(f, node, path, priceScale);
    }

    private static List<Block> blocks(Fields f, JsonNode node, String path, int priceScale) {
        List<JsonNode> list = f.list(node, path, "blocks", true);
        List<Block> blocks = new ArrayList<>();
        BigDecimal previous = BigDecimal.ZERO;
        for (int i = 0; i < list.size(); i++) {
            JsonNode b = list.get(i);
            String bp = Fields.at(Fields.at(path, "blocks"), i);
            f.onlyKnown(b, bp, Set.of("upTo", "price"));
            BigDecimal upTo = f.decimal(b, bp, "upTo", false, 4, false);
            BigDecimal price = f.decimal(b, bp, "price", true, priceScale, true);
            boolean last = i == list.size() - 1;
            if (last && upTo != null) {
                f.fail(Fields.at(bp, "upTo"), "the last block has no upper limit (leave upTo out) so all usage is priced");
            } else if (!last && upTo == null) {
                f.fail(Fields.at(bp, "upTo"), "is required on every block but the last");
            } else if (upTo != null && upTo.compareTo(previous) <= 0) {
                f.fail(Fields.at(bp, "upTo"), "must be above the previous block's limit (" + previous.toPlainString() + ")");
            }
            if (upTo != null) {
                previous = upTo;
            }
            if (price != null) {
                blocks.add(new Block(last ? null : upTo, new UnitPrice(price)));
            }
        }
        if (list.isEmpty() && Fields.present(node, "blocks")) {
            f.fail(Fields.at(path, "blocks"), "needs at least one block");
        }
        return blocks;
    }

    private static int[][] schedule(Fields f, JsonNode node, String path, String field, int periods) {
        List<JsonNode> rows = f.list(node, path, field, true);
        String sp = Fields.at(path, field);
        if (rows.size() != 12) {
            if (!rows.isEmpty() || Fields.present(node, field)) {
                f.fail(sp, "needs 12 months of 24 hours (a list of 12 rows), not " + rows.size());
            }
            return null;
        }
        int[][] schedule = new int[12][24];
        for (int m = 0; m < 12; m++) {
            JsonNode row = rows.get(m);
            String rp = Fields.at(sp, m);
            int[] hours = new int[24];
            if (row.isArray()) {
                if (row.size() != 24) {
                    f.fail(rp, "needs 24 hours, not " + row.size());
                    continue;
                }
                for (int h = 0; h < 24; h++) {
                    hours[h] = row.get(h).asInt(-1);
                }
            } else {
                String s = row.asString().replace(" ", "");
                if (s.length() != 24) {
                    f.fail(rp, "needs 24 hour digits (period numbers), not " + s.length());
                    continue;
                }
                for (int h = 0; h < 24; h++) {
                    hours[h] = Character.isDigit(s.charAt(h)) ? s.charAt(h) - '0' : -1;
                }
            }
            for (int h = 0; h < 24; h++) {
                if (hours[h] < 0 || hours[h] >= periods) {
                    f.fail(rp, "hour " + h + " names period " + hours[h] + " but periods are numbered 0 to " + (periods - 1));
                    break;
                }
            }
            schedule[m] = hours;
        }
        return schedule;
    }
}

package coop.switchboard.rates.file;

import coop.switchboard.rates.Block;
import coop.switchboard.rates.BlockBasis;
import coop.switchboard.rates.Component;
import coop.switchboard.rates.DemandCharge;
import coop.switchboard.rates.FixedCharge;
import coop.switchboard.rates.Holidays;
import coop.switchboard.rates.HourSchedule;
import coop.switchboard.rates.Measure;
import coop.switchboard.rates.MinimumCharge;
import coop.switchboard.rates.Per;
import coop.switchboard.rates.Proration;
import coop.switchboard.rates.ProrationRules;
import coop.switchboard.rates.RatePeriod;
import coop.switchboard.rates.Ratchet;
import coop.switchboard.rates.Rider;
import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.rates.Tax;
import coop.switchboard.rates.UnmeteredCharge;
import coop.switchboard.rates.UsageCharge;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.ServiceType;
import coop.switchboard.shared.UnitPrice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
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
import java.util.regex.Pattern;

/**
 * The readable tariff file (YAML; JSON is accepted too): one rate schedule, or several under {@code tariffs:}.
 * Reading checks everything and reports every bad field by its path; writing produces the same format, so an exported
 * file imports to the same tariff. The format is documented in docs/tariff-files.md.
 */
public final class TariffYaml {
    static final YAMLMapper MAPPER = YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,15}");
    private static final Set<String> TARIFF_FIELDS = Set.of("code", "name", "service", "rateClass", "description", "versions");
    private static final Set<String> VERSION_FIELDS = Set.of("effective", "notes", "holidays", "proration", "components");
    private static final Set<String> PERIOD_FIELDS = Set.of("price", "blocks", "seasons", "periods", "weekday", "weekend");

    private TariffYaml() {
    }

    /** Reads one or more tariffs; throws {@link InvalidInputException} naming every bad field. */
    public static List<Tariff> read(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInputException("file", "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("file", "must be a tariff (code, name, versions) or a list under 'tariffs'");
        }
        Fields f = new Fields();
        List<Tariff> tariffs = new ArrayList<>();
        if (root.has("tariffs")) {
            List<JsonNode> items = f.list(root, "", "tariffs", true);
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Tariff t = tariff(f, items.get(i), Fields.at("tariffs", i));
                if (t != null && !codes.add(t.code())) {
                    f.fail(Fields.at(Fields.at("tariffs", i), "code"), "repeats " + t.code());
                }
                tariffs.add(t);
            }
        } else {
            tariffs.add(tariff(f, root, ""));
        }
        f.throwIfFailed();
        return tariffs;
    }

    /** Reads a single version's YAML (what the console's version editor holds), at the path prefix given. */
    public static TariffVersion readVersion(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInputException("version", "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("version", "must have effective and components");
        }
        Fields f = new Fields();
        TariffVersion v = version(f, root, "");
        f.throwIfFailed();
        return v;
    }

    private static Tariff tariff(Fields f, JsonNode node, String path) {
        if (!node.isObject()) {
            f.fail(path.isEmpty() ? "file" : path, "must be a tariff with code, name and versions");
            return null;
        }
        int before = f.count();
        f.onlyKnown(node, path, TARIFF_FIELDS);
        String code = f.text(node, path, "code", true);
        if (code != null && !CODE.matcher(code).matches()) {
            f.fail(Fields.at(path, "code"), "must be 1 to 16 capital letters, digits, '-' or '_' (e.g. RS, GS-TOU)");
        }
        String name = f.text(node, path, "name", true);
        ServiceType service = f.choice(node, path, "service", ServiceType.ELECTRIC, s -> {
            try {
                return ServiceType.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be electric, water or fiber");
            }
        });
        String rateClass = f.text(node, path, "rateClass", false);
        String description = f.text(node, path, "description", false);
        List<JsonNode> versionNodes = f.list(node, path, "versions", true);
        if (versionNodes.isEmpty() && Fields.present(node, "versions")) {
            f.fail(Fields.at(path, "versions"), "needs at least one version");
        }
        List<TariffVersion> versions = new ArrayList<>();
        Set<LocalDate> dates = new HashSet<>();
        for (int i = 0; i < versionNodes.size(); i++) {
            String vp = Fields.at(Fields.at(path, "versions"), i);
            TariffVersion v = version(f, versionNodes.get(i), vp);
            if (v != null) {
                if (!dates.add(v.effective())) {
                    f.fail(Fields.at(vp, "effective"), "repeats " + v.effective() + "; each version needs its own date");
                }
                versions.add(v);
            }
        }
        if (f.count() > before) {
            return null;
        }
        return new Tariff(code, name, service, rateClass, description, versions);
    }

    static TariffVersion version(Fields f, JsonNode node, String path) {
        if (!node.isObject()) {
            f.fail(path, "must have effective and components");
            return null;
        }
        int before = f.count();
        f.onlyKnown(node, path, VERSION_FIELDS);
        LocalDate effective = date(f, node, path, "effective");
        String notes = f.text(node, path, "notes", false);
        Holidays holidays = Holidays.NONE;
        if (Fields.present(node, "holidays")) {
            JsonNode h = node.get("holidays");
            String hp = Fields.at(path, "holidays");
            f.onlyKnown(h, hp, Set.of("nerc", "dates"));
            boolean nerc = h.has("nerc") && h.get("nerc").asBoolean();
            Set<LocalDate> dates = new TreeSet<>();
            List<JsonNode> list = f.list(h, hp, "dates", false);
            for (int i = 0; i < list.size(); i++) {
                try {
                    dates.add(LocalDate.parse(list.get(i).asString().trim()));
                } catch (DateTimeParseException e) {
                    f.fail(Fields.at(Fields.at(hp, "dates"), i), "must be a date YYYY-MM-DD");
                }
            }
            holidays = new Holidays(nerc, dates);
        }
        ProrationRules rules = ProrationRules.STANDARD;
        if (Fields.present(node, "proration")) {
            JsonNode p = node.get("proration");
            String pp = Fields.at(path, "proration");
            f.onlyKnown(p, pp, Set.of("standardDays", "regularMinDays", "regularMaxDays"));
            int standard = f.integer(p, pp, "standardDays", 30, 28, 31);
            int min = f.integer(p, pp, "regularMinDays", 27, 1, 62);
            int max = f.integer(p, pp, "regularMaxDays", 35, 1, 62);
            if (min > max) {
                f.fail(Fields.at(pp, "regularMinDays"), "must not be above regularMaxDays");
            } else {
                rules = new ProrationRules(standard, min, max);
            }
        }
        List<JsonNode> componentNodes = f.list(node, path, "components", true);
        if (componentNodes.isEmpty() && Fields.present(node, "components")) {
            f.fail(Fields.at(path, "components"), "needs at least one component");
        }
        List<Component> components = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < componentNodes.size(); i++) {
            String cp = Fields.at(Fields.at(path, "components"), i);
            Component c = component(f, componentNodes.get(i), cp, codes);
            if (c != null) {
                if (!codes.add(c.code())) {
                    f.fail(Fields.at(cp, "code"), "repeats " + c.code() + " in this version");
                }
                components.add(c);
            }
        }
        if (f.count() > before) {
            return null;
        }
        return new TariffVersion(effective, notes, components, holidays, rules);
    }

    private static LocalDate date(Fields f, JsonNode node, String path, String field) {
        String s = f.text(node, path, field, true);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            f.fail(Fields.at(path, field), "must be a date YYYY-MM-DD, not '" + s + "'");
            return null;
        }
    }

    private static Component component(Fields f, JsonNode node, String path, Set<String> earlierCodes) {
        if (!node.isObject()) {
            f.fail(path, "must be a component with type, code and description");
            return null;
        }
        int before = f.count();
        String type = f.text(node, path, "type", true);
        String code = f.text(node, path, "code", true);
        if (code != null && !CODE.matcher(code).matches()) {
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

    // ---- writing ----------------------------------------------------------------------------------------------------

    /** Writes tariffs in the same format {@link #read} takes. */
    public static String write(List<Tariff> tariffs) {
        Object doc = tariffs.size() == 1 ? tariffMap(tariffs.getFirst()) : Map.of("tariffs", tariffs.stream().map(TariffYaml::tariffMap).toList());
        return ReadableYaml.write(doc);
    }

    /** The line each field path of a tariff text starts on (1-based), so an error named by path can point at its line. */
    public static Map<String, Integer> fieldLines(String text) {
        return ReadableYaml.lines(text);
    }

    /** Writes one version (for the console's editor). */
    public static String writeVersion(TariffVersion version) {
        return ReadableYaml.write(versionMap(version));
    }

    private static Map<String, Object> tariffMap(Tariff t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", t.code());
        m.put("name", t.name());
        m.put("service", t.service().name().toLowerCase(Locale.ROOT));
        if (!t.rateClass().isEmpty()) {
            m.put("rateClass", t.rateClass());
        }
        if (!t.description().isEmpty()) {
            m.put("description", t.description());
        }
        m.put("versions", t.versions().stream().map(TariffYaml::versionMap).toList());
        return m;
    }

    /** A version as the file writes it: maps and lists (for JSON renderings). */
    public static Map<String, Object> versionMap(TariffVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("effective", v.effective() == null ? null : v.effective().toString());
        if (!v.notes().isEmpty()) {
            m.put("notes", v.notes());
        }
        if (v.holidays().nerc() || !v.holidays().dates().isEmpty()) {
            Map<String, Object> h = new LinkedHashMap<>();
            if (v.holidays().nerc()) {
                h.put("nerc", true);
            }
            if (!v.holidays().dates().isEmpty()) {
                h.put("dates", new TreeSet<>(v.holidays().dates()).stream().map(LocalDate::toString).toList());
            }
            m.put("holidays", h);
        }
        if (!v.proration().equals(ProrationRules.STANDARD)) {
            m.put("proration", Map.of("standardDays", v.proration().standardDays(), "regularMinDays", v.proration().regularMinDays(),
                    "regularMaxDays", v.proration().regularMaxDays()));
        }
        m.put("components", v.components().stream().map(TariffYaml::componentMap).toList());
        return m;
    }

    private static Map<String, Object> componentMap(Component c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.kind());
        m.put("code", c.code());
        m.put("description", c.description());
        switch (c) {
            case FixedCharge f -> {
                if (f.bySize().isEmpty()) {
                    m.put("amount", f.per() == Per.MONTH ? f.amount().value().setScale(2, java.math.RoundingMode.HALF_UP) : plain(f.amount()));
                } else {
                    Map<String, Object> sizes = new LinkedHashMap<>();
                    f.bySize().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sizes.put(e.getKey(), e.getValue().amount()));
                    m.put("bySize", sizes);
                }
                if (f.per() != Per.MONTH) {
                    m.put("per", f.per().text());
                }
                proration(m, f.proration());
            }
            case UsageCharge u -> {
                if (u.measure() != Measure.KWH) {
                    m.put("measure", u.measure().unit().equals("gal") ? "gallons" : u.measure().unit());
                }
                if (u.basis() != BlockBasis.TOTAL) {
                    m.put("basis", u.basis().text());
                }
                proration(m, u.blockProration());
                periodsMap(m, u.periods(), u.schedule());
            }
            case DemandCharge d -> {
                if (d.timeOfUse()) {
                    m.put("timeOfUse", true);
                }
                periodsMap(m, d.periods(), d.schedule());
                if (d.ratchet() != null) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("percent", d.ratchet().percent());
                    r.put("months", d.ratchet().months());
                    if (d.ratchet().minimumKw().signum() != 0) {
                        r.put("minimumKw", d.ratchet().minimumKw());
                    }
                    if (!d.ratchet().fromMonths().isEmpty()) {
                        r.put("fromMonths", new TreeSet<>(d.ratchet().fromMonths()));
                    }
                    m.put("ratchet", r);
                }
                if (d.powerFactorTarget() != null) {
                    m.put("powerFactor", d.powerFactorTarget());
                }
                proration(m, d.proration());
            }
            case UnmeteredCharge u -> {
                Map<String, Object> prices = new LinkedHashMap<>();
                u.perFixture().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> prices.put(e.getKey(), e.getValue().amount()));
                m.put("perFixture", prices);
                proration(m, u.proration());
            }
            case MinimumCharge n -> {
                if (n.amount() != null) {
                    m.put("amount", n.amount().amount());
                    if (n.per() != Per.MONTH) {
                        m.put("per", n.per().text());
                    }
                }
                if (n.annual() != null) {
                    m.put("annual", n.annual().amount());
                    if (n.annualMonth() != 12) {
                        m.put("annualMonth", n.annualMonth());
                    }
                }
                proration(m, n.proration());
            }
            case Rider r -> {
                if (r.isPercent()) {
                    m.put("percent", r.percent());
                    if (!r.appliesTo().isEmpty()) {
                        m.put("appliesTo", r.appliesTo());
                    }
                } else {
                    if (r.measure() != Measure.KWH) {
                        m.put("measure", r.measure().unit().equals("gal") ? "gallons" : r.measure().unit());
                    }
                    if (r.price() != null) {
                        m.put("price", plain(r.price()));
                    }
                    if (!r.monthly().isEmpty()) {
                        Map<String, Object> monthly = new LinkedHashMap<>();
                        r.monthly().forEach((k, v) -> monthly.put(k.toString(), plain(v)));
                        m.put("monthly", monthly);
                    }
                }
            }
            case Tax t -> {
                m.put("percent", t.percent());
                if (!t.appliesTo().isEmpty()) {
                    m.put("appliesTo", t.appliesTo());
                }
                if (!t.exemption().equals(t.code())) {
                    m.put("exemption", t.exemption());
                }
            }
        }
        return m;
    }

    private static void proration(Map<String, Object> m, Proration p) {
        if (p != Proration.PARTIAL) {
            m.put("proration", p.text());
        }
    }

    private static BigDecimal plain(UnitPrice p) {
        BigDecimal v = p.value().stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private static void periodsMap(Map<String, Object> m, List<RatePeriod> periods, HourSchedule schedule) {
        if (periods.size() == 1 && schedule.equals(HourSchedule.single())) {
            blocksMap(m, periods.getFirst().blocks());
            return;
        }
        if (schedule.seasonalOnly()) {
            List<Object> seasons = new ArrayList<>();
            for (int p = 0; p < periods.size(); p++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("name", periods.get(p).name());
                List<Integer> months = new ArrayList<>();
                for (int month = 1; month <= 12; month++) {
                    if (schedule.monthPeriod(month) == p) {
                        months.add(month);
                    }
                }
                s.put("months", months);
                blocksMap(s, periods.get(p).blocks());
                seasons.add(s);
            }
            m.put("seasons", seasons);
            return;
        }
        List<Object> list = new ArrayList<>();
        for (RatePeriod p : periods) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", p.name());
            blocksMap(s, p.blocks());
            list.add(s);
        }
        m.put("periods", list);
        m.put("weekday", rows(schedule, false, periods.size()));
        m.put("weekend", rows(schedule, true, periods.size()));
    }

    private static List<Object> rows(HourSchedule schedule, boolean weekend, int periods) {
        List<Object> rows = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            int[] row = weekend ? schedule.weekendRow(month) : schedule.weekdayRow(month);
            if (periods <= 10) {
                StringBuilder s = new StringBuilder();
                for (int h : row) {
                    s.append(h);
                }
                rows.add(s.toString());
            } else {
                rows.add(java.util.Arrays.stream(row).boxed().toList());
            }
        }
        return rows;
    }

    private static void blocksMap(Map<String, Object> m, List<Block> blocks) {
        if (blocks.size() == 1) {
            m.put("price", plain(blocks.getFirst().price()));
            return;
        }
        List<Object> list = new ArrayList<>();
        for (Block b : blocks) {
            Map<String, Object> bm = new LinkedHashMap<>();
            if (b.upTo() != null) {
                bm.put("upTo", b.upTo().stripTrailingZeros().scale() < 0 ? b.upTo().setScale(0) : b.upTo().stripTrailingZeros());
            }
            bm.put("price", plain(b.price()));
            list.add(bm);
        }
        m.put("blocks", list);
    }
}

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
import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.rates.UsageCharge;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.ServiceType;
import coop.switchboard.shared.UnitPrice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Imports one rate from the OpenEI U.S. Utility Rate Database (URDB): a single record, or an API response
 * {@code {"items": [record, ...]}} (the first item). Charges are mapped with URDB's meaning as NREL SAM applies it: tier
 * limits count the month's total kWh, a tier's price is {@code rate + adj}, a last tier's {@code max} does not cap usage,
 * demand tiers apply to each period's peak, and bills are calendar months (no proration).
 *
 * <p>Every field of the record comes back with a {@link Note} saying whether it was {@code imported} into the tariff,
 * {@code kept} as information (the tariff's name, description and version notes; nothing it bills), or is
 * {@code not represented} — a charge-affecting field Switchboard cannot express (net metering sell rates, free-text
 * adjustments, coincident demand ...), which a rate analyst has to review. Bad input throws
 * {@link InvalidInputException} naming each bad field by its path in the record, e.g. {@code energyratestructure[1][0].rate}.
 */
public final class UrdbTariff {
    public static final String IMPORTED = "imported";
    public static final String KEPT = "kept";
    public static final String NOT_REPRESENTED = "not represented";

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** URDB and SAM write "no limit" as a max of 1e38 (or leave max out on the last tier). */
    private static final BigDecimal NO_LIMIT = new BigDecimal("1E+38");
    private static final LocalDate FALLBACK_EFFECTIVE = LocalDate.of(2000, 1, 1);
    private static final int CODE_LENGTH = 16;

    /** Informational fields: kept (in the notes, and the version's notes where useful), never billed. */
    private static final Map<String, String> KEPT_FIELDS = Map.ofEntries(
            Map.entry("utility", "utility"),
            Map.entry("eiaid", "EIA utility id"),
            Map.entry("uri", "OpenEI page"),
            Map.entry("source", "tariff source"),
            Map.entry("sourceparent", "utility's tariff index"),
            Map.entry("country", "country"),
            Map.entry("servicetype", "service type"),
            Map.entry("approved", "URDB review flag"),
            Map.entry("is_default", "URDB default-rate flag"),
            Map.entry("revisions", "URDB revision times"),
            Map.entry("supersedes", "URDB label of the record this one replaces"),
            Map.entry("supercedes", "URDB label of the record this one replaces"),
            Map.entry("latest_update", "last URDB update"),
            Map.entry("enddate", "end date; a Switchboard version runs until the next version takes effect, so add the successor by hand"),
            Map.entry("voltageminimum", "applicability; not checked when rating"),
            Map.entry("voltagemaximum", "applicability; not checked when rating"),
            Map.entry("voltagecategory", "applicability; not checked when rating"),
            Map.entry("phasewiring", "applicability; not checked when rating"),
            Map.entry("peakkwcapacitymin", "applicability; not checked when rating"),
            Map.entry("peakkwcapacitymax", "applicability; not checked when rating"),
            Map.entry("peakkwcapacityhistory", "applicability; not checked when rating"),
            Map.entry("peakkwhusagemin", "applicability; not checked when rating"),
            Map.entry("peakkwhusagemax", "applicability; not checked when rating"),
            Map.entry("peakkwhusagehistory", "applicability; not checked when rating"),
            Map.entry("basicinformationcomments", "comments"),
            Map.entry("energycomments", "comments"),
            Map.entry("demandcomments", "comments"),
            Map.entry("fixedchargecomments", "comments"),
            Map.entry("id", "URDB id"),
            Map.entry("utility_id", "URDB utility id"));

    /** Charge-affecting fields Switchboard's rate model cannot express. */
    private static final Map<String, String> NOT_REPRESENTED_FIELDS = Map.ofEntries(
            Map.entry("dgrules", "distributed generation rules (net metering / net billing): Switchboard bills consumption and does not credit exports"),
            Map.entry("usenetmetering", "net metering: Switchboard bills consumption and does not net exports against it"),
            Map.entry("demandwindow", "demand averaging window: Switchboard takes demand from the interval data's own interval length"),
            Map.entry("coincidentrateunit", "coincident (system peak) demand is not modelled"),
            Map.entry("coincidentratestructure", "coincident (system peak) demand charges are not modelled"),
            Map.entry("coincidentrateschedule", "coincident (system peak) demand charges are not modelled"),
            Map.entry("coincidentschedule", "coincident (system peak) demand charges are not modelled"),
            Map.entry("fueladjustmentsmonthly", "fuel adjustments by month of year: add a rider with monthly factors by hand"),
            Map.entry("energyattrs", "free-text energy adjustments: not applied; review them and add riders by hand"),
            Map.entry("demandattrs", "free-text demand adjustments: not applied; review them and add riders by hand"),
            Map.entry("fixedattrs", "free-text fixed-charge adjustments: not applied; review them by hand"),
            Map.entry("demandreactivepowercharge", "reactive power ($/kVAR) charge is not modelled"),
            Map.entry("demandratchetpercentage", "monthly ratchet percentages (older field) are not applied; Switchboard reads lookbackpercent"),
            Map.entry("fixedchargeeaaddl", "charge for each additional meter: Switchboard bills one meter per service"));

    private UrdbTariff() {
    }

    /** One field of the URDB record and what became of it. */
    public record Note(String field, String disposition, String message) {
    }

    /** The imported tariff and a note for every field of the record. */
    public record Imported(Tariff tariff, List<Note> notes) {
        public Imported {
            notes = List.copyOf(notes);
        }

        /** The notes for a field (a top-level field or a sub-field path such as {@code energyratestructure[1][0].sell}). */
        public List<Note> notesFor(String field) {
            return notes.stream().filter(n -> n.field().equals(field)).toList();
        }
    }

    /** Reads a URDB record (or an OpenEI API response); throws {@link InvalidInputException} naming every bad field. */
    public static Imported read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? "" : json);
        } catch (JacksonException e) {
            throw new InvalidInputException("file", "is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("file", "must be a URDB rate record (a JSON object) or an OpenEI response {\"items\": [record]}");
        }
        List<Note> wrapper = new ArrayList<>();
        JsonNode record = root;
        if (root.has("items")) {
            JsonNode items = root.get("items");
            if (!items.isArray() || items.isEmpty()) {
                throw new InvalidInputException("items", "must be a list holding at least one URDB rate record");
            }
            record = items.get(0);
            if (!record.isObject()) {
                throw new InvalidInputException("items[0]", "must be a URDB rate record (a JSON object)");
            }
            if (items.size() > 1) {
                wrapper.add(new Note("items", NOT_REPRESENTED, (items.size() - 1) + " more record" + (items.size() > 2 ? "s" : "")
                        + " in the response not imported; only the first (items[0]) was; import each rate on its own"));
            }
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (!e.getKey().equals("items")) {
                    wrapper.add(new Note(e.getKey(), KEPT, "API response field outside the rate record: " + summary(e.getValue())));
                }
            }
        }
        Reader reader = new Reader(record);
        Tariff tariff = reader.read();
        List<Note> notes = new ArrayList<>(wrapper);
        notes.addAll(reader.orderedNotes());
        return new Imported(tariff, notes);
    }

    /** A report for people: one line per note, grouped as imported, kept, and not represented. */
    public static String describe(List<Note> notes) {
        Map<String, List<Note>> groups = new LinkedHashMap<>();
        groups.put(IMPORTED, new ArrayList<>());
        groups.put(KEPT, new ArrayList<>());
        groups.put(NOT_REPRESENTED, new ArrayList<>());
        for (Note n : notes) {
            groups.computeIfAbsent(n.disposition(), k -> new ArrayList<>()).add(n);
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, List<Note>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) {
                continue;
            }
            String heading = switch (g.getKey()) {
                case IMPORTED -> "Imported into the tariff";
                case KEPT -> "Kept as information (not billed)";
                case NOT_REPRESENTED -> "Not represented: Switchboard will not bill these; review them";
                default -> g.getKey();
            };
            s.append(heading).append(" (").append(g.getValue().size()).append("):\n");
            for (Note n : g.getValue()) {
                s.append("  ").append(n.field()).append(": ").append(n.message().replaceAll("\\s*[\\r\\n]+\\s*", " ")).append('\n');
            }
        }
        return s.toString();
    }

    // ---- the reader -------------------------------------------------------------------------------------------------

    private static final class Reader {
        private final JsonNode rec;
        private final Fields f = new Fields();
        /** Notes by top-level field, so they can be listed in the record's own field order. */
        private final Map<String, List<Note>> byField = new LinkedHashMap<>();

        Reader(JsonNode rec) {
            this.rec = rec;
        }

        Tariff read() {
            String label = text("label");
            String code = code(label);
            if (label == null) {
                note("label", KEPT, "absent; the tariff code is " + code);
            } else {
                note("label", KEPT, "URDB label " + label + "; the tariff code is " + code);
            }
            String name = text("name");
            if (name == null || name.isBlank()) {
                name = "URDB tariff";
                note("name", KEPT, "absent; the tariff is named '" + name + "'");
            } else {
                note("name", KEPT, "the tariff's name");
            }
            String sector = text("sector");
            String rateClass = sector == null ? "" : sector.trim().toLowerCase(Locale.ROOT);
            if (sector != null) {
                note("sector", KEPT, "rate class '" + rateClass + "'");
            }
            String description = text("description");
            if (description != null) {
                note("description", KEPT, "the tariff's description (" + description.length() + " characters)");
            }
            LocalDate effective = effective();

            List<Component> components = new ArrayList<>();
            FixedCharge fixed = fixed();
            if (fixed != null) {
                components.add(fixed);
            }
            UsageCharge energy = energy();
            if (energy != null) {
                components.add(energy);
            }
            Ratchet ratchet = ratchet();
            DemandCharge flat = flatDemand(ratchet);
            if (ratchet != null) {
                ratchetNotes(ratchet, flat != null);
            }
            if (flat != null) {
                components.add(flat);
            }
            DemandCharge tou = touDemand();
            if (tou != null) {
                components.add(tou);
            }
            MinimumCharge minimum = minimum();
            if (minimum != null) {
                components.add(minimum);
            }
            if (components.isEmpty() && !f.failed()) {
                f.fail("energyratestructure", "the record has no charge Switchboard can import (no energy, demand, fixed or minimum charge)");
            }
            f.throwIfFailed();
            TariffVersion version = new TariffVersion(effective, versionNotes(label), components, Holidays.NONE, ProrationRules.STANDARD);
            return new Tariff(code, name.trim(), ServiceType.ELECTRIC, rateClass, description, List.of(version));
        }

        /** Notes in the record's field order; each top-level field has at least one. */
        List<Note> orderedNotes() {
            for (Map.Entry<String, JsonNode> e : rec.properties()) {
                String field = e.getKey();
                if (byField.containsKey(field)) {
                    continue;
                }
                JsonNode v = e.getValue();
                if (KEPT_FIELDS.containsKey(field)) {
                    note(field, KEPT, summary(v) + " (" + KEPT_FIELDS.get(field) + ")");
                } else if (empty(v)) {
                    note(field, IMPORTED, (v.isNull() ? "null" : summary(v)) + ": empty, nothing to bill"
                            + (NOT_REPRESENTED_FIELDS.containsKey(field) || field.endsWith("comments") ? "" : " (field unknown to the importer)"));
                } else if (NOT_REPRESENTED_FIELDS.containsKey(field)) {
                    note(field, NOT_REPRESENTED, summary(v) + ": " + NOT_REPRESENTED_FIELDS.get(field));
                } else if (field.endsWith("comments")) {
                    note(field, KEPT, summary(v) + " (comments)");
                } else {
                    note(field, NOT_REPRESENTED, summary(v) + ": a field the importer does not know; not imported, review it");
                }
            }
            List<Note> ordered = new ArrayList<>();
            for (String field : rec.propertyNames()) {
                ordered.addAll(byField.remove(field));
            }
            byField.values().forEach(ordered::addAll);
            return ordered;
        }

        // ---- tariff ---------------------------------------------------------------------------------------------------

        private static String code(String label) {
            if (label == null) {
                return "URDB";
            }
            String c = label.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_-]", "").replaceFirst("^[_-]+", "");
            if (c.length() > CODE_LENGTH) {
                c = c.substring(0, CODE_LENGTH);
            }
            return c.isEmpty() ? "URDB" : c;
        }

        private LocalDate effective() {
            JsonNode v = rec.get("startdate");
            if (v == null || v.isNull()) {
                note("startdate", KEPT, "absent; the version takes effect " + FALLBACK_EFFECTIVE + " (change it if the rate is newer)");
                return FALLBACK_EFFECTIVE;
            }
            LocalDate date = null;
            if (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0
                    && v.decimalValue().abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
                date = Instant.ofEpochSecond(v.decimalValue().longValue()).atZone(ZoneOffset.UTC).toLocalDate();
            } else if (v.isString()) {
                String s = v.asString().trim();
                try {
                    if (s.matches("\\d{9,11}")) {
                        date = Instant.ofEpochSecond(Long.parseLong(s)).atZone(ZoneOffset.UTC).toLocalDate();
                    } else if (s.matches("\\d{4}-\\d{2}-\\d{2}([ T].*)?")) {
                        date = LocalDate.parse(s.substring(0, 10));
                    }
                } catch (DateTimeParseException e) {
                    date = null;
                }
            }
            if (date == null) {
                f.fail("startdate", "must be epoch seconds or a date 'YYYY-MM-DD hh:mm:ss', not " + summary(v));
                return FALLBACK_EFFECTIVE;
            }
            note("startdate", KEPT, summary(v) + ": used as the version's effective date " + date);
            return date;
        }

        private String versionNotes(String label) {
            StringBuilder s = new StringBuilder("Imported from the OpenEI U.S. Utility Rate Database");
            if (label != null) {
                s.append(", record ").append(label);
            }
            s.append('.');
            for (String field : List.of("utility", "eiaid", "uri", "source", "enddate")) {
                JsonNode v = rec.get(field);
                if (v != null && !v.isNull() && !(v.isString() && v.asString().isBlank())) {
                    String value = field.equals("enddate") && v.isIntegralNumber()
                            ? Instant.ofEpochSecond(v.longValue()).atZone(ZoneOffset.UTC).toLocalDate().toString()
                            : v.asString().trim().replaceAll("\\s*[\\r\\n|]+\\s*", " ");
                    s.append(' ').append(switch (field) {
                        case "utility" -> "Utility: ";
                        case "eiaid" -> "EIA id: ";
                        case "uri" -> "URDB page: ";
                        case "source" -> "Source: ";
                        default -> "URDB end date: ";
                    }).append(value).append('.');
                }
            }
            return s.toString();
        }

        // ---- fixed and minimum charges --------------------------------------------------------------------------------

        private FixedCharge fixed() {
            BigDecimal amount;
            Per per = Per.MONTH;
            String field;
            if (present("fixedchargefirstmeter")) {
                field = "fixedchargefirstmeter";
                amount = number(rec.get(field), field, false);
                String units = text("fixedchargeunits");
                if (units == null) {
                    units = "$/month";
                    note("fixedchargeunits", IMPORTED, "absent; fixedchargefirstmeter is taken as $/month");
                }
                switch (units.trim().toLowerCase(Locale.ROOT)) {
                    case "$/month" -> note("fixedchargeunits", IMPORTED, units + ": the customer charge is per month");
                    case "$/day" -> {
                        per = Per.DAY;
                        note("fixedchargeunits", IMPORTED, units + ": the customer charge is per day of service");
                    }
                    case "$/year" -> {
                        note("fixedchargeunits", NOT_REPRESENTED, units + ": Switchboard has no yearly fixed charge");
                        if (amount != null) {
                            note(field, NOT_REPRESENTED, "$" + plain(amount) + " a year is not billed: Switchboard has no yearly fixed charge;"
                                    + " add a monthly customer charge of a twelfth by hand if that fits the tariff");
                        }
                        if (present("fixedmonthlycharge")) {
                            note("fixedmonthlycharge", KEPT, summary(rec.get("fixedmonthlycharge"))
                                    + " (older field; fixedchargefirstmeter and fixedchargeunits are read instead)");
                        }
                        return null;
                    }
                    default -> {
                        f.fail("fixedchargeunits", "must be $/month, $/day or $/year, not '" + units + "'");
                        return null;
                    }
                }
                if (present("fixedmonthlycharge")) {
                    note("fixedmonthlycharge", KEPT, summary(rec.get("fixedmonthlycharge"))
                            + " (older field; fixedchargefirstmeter and fixedchargeunits are read instead)");
                }
            } else if (present("fixedmonthlycharge")) {
                field = "fixedmonthlycharge";
                amount = number(rec.get(field), field, false);
                if (present("fixedchargeunits")) {
                    note("fixedchargeunits", KEPT, summary(rec.get("fixedchargeunits")) + " (units of fixedchargefirstmeter, which is absent;"
                            + " fixedmonthlycharge is $/month)");
                }
            } else {
                if (present("fixedchargeunits")) {
                    note("fixedchargeunits", KEPT, summary(rec.get("fixedchargeunits")) + " (units of an absent fixed charge)");
                }
                return null;
            }
            if (amount == null) {
                return null;
            }
            String unit = per == Per.DAY ? "/day" : "/month";
            if (amount.signum() == 0) {
                note(field, IMPORTED, "0: no customer charge");
                return null;
            }
            if (per == Per.DAY) {
                // A daily charge keeps its fractions of a cent (up to 6 decimals); the month's line rounds once.
                if (amount.stripTrailingZeros().scale() > UnitPrice.SCALE) {
                    note(field, NOT_REPRESENTED, amount.toPlainString() + " has more than 6 decimals; rated at "
                            + amount.setScale(UnitPrice.SCALE, RoundingMode.HALF_UP).toPlainString());
                }
                UnitPrice daily = new UnitPrice(amount);
                note(field, IMPORTED, "customer charge (CUSTOMER) $" + daily + unit + ", times the days of service");
                return new FixedCharge("CUSTOMER", "Customer charge", daily, per, null, Proration.NONE);
            }
            Money money = cents(field, amount, unit);
            note(field, IMPORTED, "customer charge (CUSTOMER) $" + money + unit + ", not prorated (URDB bills calendar months)");
            return new FixedCharge("CUSTOMER", "Customer charge", money, per, null, Proration.NONE);
        }

        /** Money to the cent; a fraction of a cent is rounded half-up, with a note saying so. */
        private Money cents(String field, BigDecimal amount, String unit) {
            BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
            if (rounded.compareTo(amount) != 0) {
                note(field, NOT_REPRESENTED, "$" + plain(amount) + unit + " has a fraction of a cent; Switchboard amounts are whole cents,"
                        + " so $" + rounded.toPlainString() + unit + " is billed ($" + plain(rounded.subtract(amount).abs()) + unit
                        + (rounded.compareTo(amount) > 0 ? " more" : " less") + ")");
            }
            return new Money(rounded);
        }

        private MinimumCharge minimum() {
            BigDecimal monthly = null;
            Per per = Per.MONTH;
            String monthlyField = null;
            BigDecimal annual = null;
            String annualField = null;
            if (present("minmonthlycharge")) {
                BigDecimal v = number(rec.get("minmonthlycharge"), "minmonthlycharge", false);
                if (v != null && v.signum() == 0) {
                    note("minmonthlycharge", IMPORTED, "0: no monthly minimum");
                } else if (v != null) {
                    monthly = v;
                    monthlyField = "minmonthlycharge";
                }
            }
            if (present("annualmincharge")) {
                BigDecimal v = number(rec.get("annualmincharge"), "annualmincharge", false);
                if (v != null && v.signum() == 0) {
                    note("annualmincharge", IMPORTED, "0: no annual minimum");
                } else if (v != null) {
                    annual = v;
                    annualField = "annualmincharge";
                }
            }
            if (present("mincharge")) {
                BigDecimal v = number(rec.get("mincharge"), "mincharge", false);
                String units = text("minchargeunits");
                if (units == null) {
                    units = "$/month";
                    note("minchargeunits", IMPORTED, "absent; mincharge is taken as $/month");
                }
                String u = units.trim().toLowerCase(Locale.ROOT);
                if (!u.equals("$/month") && !u.equals("$/day") && !u.equals("$/year")) {
                    f.fail("minchargeunits", "must be $/month, $/day or $/year, not '" + units + "'");
                } else {
                    if (present("minchargeunits")) {
                        note("minchargeunits", IMPORTED, units + (u.equals("$/year") ? ": an annual minimum, checked on December bills"
                                : u.equals("$/day") ? ": a minimum per day of service" : ": a monthly minimum"));
                    }
                    if (v != null && v.signum() == 0) {
                        note("mincharge", IMPORTED, "0: no minimum bill");
                    } else if (v != null) {
                        String older = u.equals("$/year") ? annualField : monthlyField;
                        if (older != null) {
                            note(older, KEPT, summary(rec.get(older)) + " (older field; mincharge is read instead)");
                        }
                        if (u.equals("$/year")) {
                            annual = v;
                            annualField = "mincharge";
                        } else {
                            monthly = v;
                            monthlyField = "mincharge";
                            per = u.equals("$/day") ? Per.DAY : Per.MONTH;
                        }
                    }
                }
            } else if (present("minchargeunits")) {
                note("minchargeunits", KEPT, summary(rec.get("minchargeunits")) + " (units of mincharge, which is absent)");
            }
            if (monthly == null && annual == null) {
                return null;
            }
            String unit = per == Per.DAY ? "/day" : "/month";
            Money monthlyMoney = monthly == null ? null : cents(monthlyField, monthly, unit);
            Money annualMoney = annual == null ? null : cents(annualField, annual, "/year");
            if (monthlyMoney != null) {
                note(monthlyField, IMPORTED, "minimum bill (MINIMUM) $" + monthlyMoney + unit
                        + ": when energy, demand and customer charges come to less, a line makes up the difference");
            }
            if (annualMoney != null) {
                note(annualField, IMPORTED, "annual minimum (MINIMUM) $" + annualMoney
                        + ": checked on the December bill against the twelve months' charges");
            }
            return new MinimumCharge("MINIMUM", "Minimum bill", monthlyMoney, per, annualMoney, 12, Proration.NONE);
        }

        // ---- energy -------------------------------------------------------------------------------------------------

        private UsageCharge energy() {
            String field = "energyratestructure";
            if (!present(field)) {
                for (String s : List.of("energyweekdayschedule", "energyweekendschedule")) {
                    if (present(s)) {
                        note(s, KEPT, "a schedule without energyratestructure; nothing to bill");
                    }
                }
                return null;
            }
            Structure s = structure(field, true);
            int[][] weekday = schedule("energyweekdayschedule", field);
            int[][] weekend = schedule("energyweekendschedule", field);
            if (s == null || weekday == null || weekend == null) {
                return null;
            }
            String basis = switch (s.basis) {
                case DAILY -> "tier limits are kWh a day, times the days in the month (URDB 'kWh daily')";
                case PER_KW -> "tier limits are kWh per kW of billing demand (URDB 'kWh/kW')";
                default -> "tier limits count the month's total kWh, each period's kWh spread across the tiers in proportion (URDB 'kWh', as SAM bills it)";
            };
            note(field, IMPORTED, "energy charge (ENERGY): " + s.periods.size() + " period" + (s.periods.size() == 1 ? "" : "s")
                    + " (Period 1 = URDB period 0), up to " + s.maxTiers + " tier" + (s.maxTiers == 1 ? "" : "s") + "; " + basis);
            return new UsageCharge("ENERGY", "Energy", Measure.KWH, s.periods, new HourSchedule(weekday, weekend), s.basis, Proration.NONE);
        }

        // ---- demand ---------------------------------------------------------------------------------------------------

        private DemandCharge touDemand() {
            String field = "demandratestructure";
            boolean unitOk = demandUnit("demandrateunit", field);
            if (!present(field)) {
                for (String s : List.of("demandweekdayschedule", "demandweekendschedule")) {
                    if (present(s)) {
                        note(s, KEPT, "a schedule without demandratestructure; nothing to bill");
                    }
                }
                return null;
            }
            Structure s = structure(field, false);
            int[][] weekday = schedule("demandweekdayschedule", field);
            int[][] weekend = schedule("demandweekendschedule", field);
            if (s == null || weekday == null || weekend == null) {
                return null;
            }
            if (!unitOk || !s.kw) {
                note(field, NOT_REPRESENTED, "time-of-use demand in units other than kW is not billed; review the tariff");
                return null;
            }
            if (s.allZero) {
                note(field, IMPORTED, "every rate is 0: no time-of-use demand charge");
                return null;
            }
            note(field, IMPORTED, "time-of-use demand charge (DEMAND-TOU): " + s.periods.size() + " period" + (s.periods.size() == 1 ? "" : "s")
                    + " (Period 1 = URDB period 0), each period's own peak kW in its hours, up to " + s.maxTiers + " tier"
                    + (s.maxTiers == 1 ? "" : "s"));
            return new DemandCharge("DEMAND-TOU", "Demand (time of use)", true, s.periods, new HourSchedule(weekday, weekend),
                    null, null, Proration.NONE);
        }

        private DemandCharge flatDemand(Ratchet ratchet) {
            String field = "flatdemandstructure";
            boolean unitOk = demandUnit("flatdemandunit", field);
            if (!present(field)) {
                if (present("flatdemandmonths")) {
                    note("flatdemandmonths", KEPT, "months without flatdemandstructure; nothing to bill");
                }
                return null;
            }
            Structure s = structure(field, false);
            int[] months = months(field, s == null ? sizeOf(field) : s.periods.size());
            if (s == null || months == null) {
                return null;
            }
            if (!unitOk || !s.kw) {
                note(field, NOT_REPRESENTED, "monthly demand in units other than kW is not billed; review the tariff");
                return null;
            }
            if (s.allZero) {
                note(field, IMPORTED, "every rate is 0: no monthly demand charge");
                return null;
            }
            note(field, IMPORTED, "monthly demand charge (DEMAND) on the month's peak kW: " + s.periods.size() + " season"
                    + (s.periods.size() == 1 ? "" : "s") + " (Period 1 = URDB period 0), up to " + s.maxTiers + " tier" + (s.maxTiers == 1 ? "" : "s"));
            return new DemandCharge("DEMAND", "Demand", false, s.periods, HourSchedule.seasonal(months), ratchet, null, Proration.NONE);
        }

        /** Notes a demand unit field; false when it is not kW (the structure is then not billed). */
        private boolean demandUnit(String unitField, String structureField) {
            if (!present(unitField)) {
                return true;
            }
            String unit = text(unitField);
            if (unit == null) {
                f.fail(unitField, "must be text such as kW");
                return false;
            }
            if (!present(structureField)) {
                note(unitField, KEPT, unit + ": the unit of " + structureField + ", which this record does not have");
                return true;
            }
            if (unit.trim().equalsIgnoreCase("kW")) {
                note(unitField, IMPORTED, unit + ": " + structureField + " is priced per kW");
                return true;
            }
            note(unitField, NOT_REPRESENTED, "'" + unit + "': Switchboard bills demand in kW only, so " + structureField + " is not billed");
            return false;
        }

        private int[] months(String structureField, int periods) {
            String field = "flatdemandmonths";
            JsonNode v = rec.get(field);
            if (v == null || v.isNull()) {
                if (periods == 1) {
                    note(field, IMPORTED, "absent; the single period of " + structureField + " applies in every month");
                    return new int[12];
                }
                f.fail(field, "is required with " + structureField + " (12 period indexes, one per month)");
                return null;
            }
            if (!v.isArray() || v.size() != 12) {
                f.fail(field, "must be 12 period indexes, one per month");
                return null;
            }
            int[] months = new int[12];
            boolean ok = true;
            for (int m = 0; m < 12; m++) {
                String mp = Fields.at(field, m);
                Integer p = index(v.get(m), mp);
                if (p == null) {
                    ok = false;
                } else if (p < 0 || p >= periods) {
                    f.fail(mp, "names period " + p + " but " + structureField + " has " + range(periods));
                    ok = false;
                } else {
                    months[m] = p;
                }
            }
            if (!ok) {
                return null;
            }
            note(field, IMPORTED, "season of each month for " + structureField);
            return months;
        }

        private Ratchet ratchet() {
            boolean any = present("lookbackpercent") || present("lookbackrange") || present("lookbackmonths");
            if (!any) {
                return null;
            }
            BigDecimal percent = present("lookbackpercent") ? number(rec.get("lookbackpercent"), "lookbackpercent", false) : null;
            if (percent != null && percent.compareTo(BigDecimal.ONE) > 0) {
                f.fail("lookbackpercent", "must be a fraction from 0 to 1 (0.8 for 80%), not " + plain(percent));
                return null;
            }
            Integer range = null;
            if (present("lookbackrange")) {
                range = index(rec.get("lookbackrange"), "lookbackrange");
                if (range != null && (range < 0 || range > 36)) {
                    f.fail("lookbackrange", "must be a number of months from 0 to 36");
                    range = null;
                }
            }
            Set<Integer> from = new TreeSet<>();
            boolean monthsOk = true;
            if (present("lookbackmonths")) {
                JsonNode v = rec.get("lookbackmonths");
                if (!v.isArray() || v.size() != 12) {
                    f.fail("lookbackmonths", "must be 12 flags (1: the month's demand counts, 0: it does not)");
                    monthsOk = false;
                } else {
                    for (int m = 0; m < 12; m++) {
                        JsonNode flag = v.get(m);
                        String mp = Fields.at("lookbackmonths", m);
                        if (flag.isBoolean()) {
                            if (flag.booleanValue()) {
                                from.add(m + 1);
                            }
                        } else {
                            Integer i = index(flag, mp);
                            if (i == null || (i != 0 && i != 1)) {
                                if (i != null) {
                                    f.fail(mp, "must be 0 or 1");
                                }
                                monthsOk = false;
                            } else if (i == 1) {
                                from.add(m + 1);
                            }
                        }
                    }
                }
            }
            if (f.failed() || !monthsOk) {
                return null;
            }
            if (percent == null || percent.signum() == 0) {
                String why = percent == null ? "without lookbackpercent there is no ratchet" : "lookbackpercent is 0: no ratchet";
                note("lookbackpercent", IMPORTED, percent == null ? why : "0: no demand ratchet");
                if (present("lookbackrange")) {
                    note("lookbackrange", IMPORTED, summary(rec.get("lookbackrange")) + ": " + why);
                }
                if (present("lookbackmonths")) {
                    note("lookbackmonths", IMPORTED, (from.isEmpty() ? "no month flagged" : "months " + from) + ": " + why);
                }
                return null;
            }
            int months = range != null && range > 0 ? range : 12;
            return new Ratchet(percent.movePointRight(2), months, BigDecimal.ZERO, from);
        }

        /** Notes for a ratchet read from lookbackpercent, lookbackrange and lookbackmonths. */
        private void ratchetNotes(Ratchet ratchet, boolean attached) {
            if (!attached) {
                String why = "a demand ratchet needs a monthly (flat) demand charge, and this record has none that Switchboard bills";
                for (String field : List.of("lookbackpercent", "lookbackrange", "lookbackmonths")) {
                    if (present(field)) {
                        note(field, NOT_REPRESENTED, summary(rec.get(field)) + ": " + why);
                    }
                }
                return;
            }
            Set<Integer> from = ratchet.fromMonths();
            note("lookbackpercent", IMPORTED, "ratchet on the monthly demand (DEMAND): billing demand is at least "
                    + plain(ratchet.percent()) + "% of the highest demand of the previous " + ratchet.months() + " months"
                    + (from.isEmpty() ? "" : " (counting only months " + new TreeSet<>(from) + ")"));
            if (present("lookbackrange")) {
                note("lookbackrange", IMPORTED, summary(rec.get("lookbackrange")) + ": the ratchet looks back " + ratchet.months() + " months");
            }
            if (present("lookbackmonths")) {
                note("lookbackmonths", IMPORTED, from.isEmpty() ? "no month flagged: every earlier month in the look-back counts"
                        : "only the demand of months " + new TreeSet<>(from) + " counts toward the ratchet");
            }
        }

        // ---- rate structures and schedules ---------------------------------------------------------------------------

        private record Structure(List<RatePeriod> periods, int maxTiers, boolean allZero, BlockBasis basis, boolean kw) {
        }

        private int sizeOf(String field) {
            JsonNode v = rec.get(field);
            return v != null && v.isArray() ? v.size() : 0;
        }

        /** A URDB rate structure: periods, each a list of tiers {max, rate, adj, unit}; null after reporting problems. */
        private Structure structure(String field, boolean energy) {
            JsonNode s = rec.get(field);
            if (!s.isArray() || s.isEmpty()) {
                f.fail(field, "must be a list of periods, each a list of tiers {max, rate, adj, unit}");
                return null;
            }
            int before = f.count();
            List<RatePeriod> periods = new ArrayList<>();
            int maxTiers = 0;
            boolean allZero = true;
            boolean kw = true;
            BlockBasis basis = null;
            String basisUnit = null;
            String basisPath = null;
            for (int p = 0; p < s.size(); p++) {
                String pp = Fields.at(field, p);
                JsonNode period = s.get(p);
                if (!period.isArray() || period.isEmpty()) {
                    f.fail(pp, "must be a list of one or more tiers {max, rate, adj, unit}");
                    continue;
                }
                maxTiers = Math.max(maxTiers, period.size());
                List<Block> blocks = new ArrayList<>();
                BigDecimal previous = null;
                for (int t = 0; t < period.size(); t++) {
                    String tp = Fields.at(pp, t);
                    JsonNode tier = period.get(t);
                    if (!tier.isObject()) {
                        f.fail(tp, "must be a tier {max, rate, adj, unit}");
                        continue;
                    }
                    int tierBefore = f.count();
                    for (Map.Entry<String, JsonNode> e : tier.properties()) {
                        String key = e.getKey();
                        if (Set.of("max", "rate", "adj", "unit").contains(key)) {
                            continue;
                        }
                        String sub = Fields.at(tp, key);
                        if (key.equals("sell")) {
                            note(sub, NOT_REPRESENTED, "sell rate " + summary(e.getValue()) + " for exported energy: Switchboard"
                                    + " does not credit exports (net metering / net billing)");
                        } else {
                            note(sub, NOT_REPRESENTED, summary(e.getValue()) + ": a tier field the importer does not know; not imported");
                        }
                    }
                    boolean hasRate = tier.has("rate") && !tier.get("rate").isNull();
                    boolean hasAdj = tier.has("adj") && !tier.get("adj").isNull();
                    BigDecimal rate = hasRate ? number(tier.get("rate"), Fields.at(tp, "rate"), false) : BigDecimal.ZERO;
                    BigDecimal adj = hasAdj ? number(tier.get("adj"), Fields.at(tp, "adj"), true) : BigDecimal.ZERO;
                    if (!hasRate && !hasAdj) {
                        f.fail(Fields.at(tp, "rate"), "is required");
                    }
                    BigDecimal price = null;
                    if (rate != null && adj != null) {
                        price = rate.add(adj);
                        if (price.signum() < 0) {
                            f.fail(Fields.at(tp, hasAdj ? "adj" : "rate"), "makes the price negative (rate " + plain(rate) + " + adj "
                                    + plain(adj) + "); Switchboard does not import credits as tiers");
                        } else if (hasAdj) {
                            note(Fields.at(tp, "adj"), IMPORTED, "added to the rate: price " + plain(price) + " = rate " + plain(rate)
                                    + " + adj " + plain(adj));
                        }
                        if (price.signum() != 0) {
                            allZero = false;
                        }
                        if (price.stripTrailingZeros().scale() > UnitPrice.SCALE) {
                            note(Fields.at(tp, hasRate ? "rate" : "adj"), IMPORTED, "price " + plain(price) + " is rounded to "
                                    + UnitPrice.SCALE + " decimals: " + plain(price.setScale(UnitPrice.SCALE, RoundingMode.HALF_UP)));
                        }
                    }
                    // Units: one basis for the whole energy structure; demand tiers must be kW.
                    String up = Fields.at(tp, "unit");
                    if (tier.has("unit") && !tier.get("unit").isNull()) {
                        JsonNode u = tier.get("unit");
                        String unit = u.isValueNode() ? u.asString().trim() : null;
                        if (unit == null) {
                            f.fail(up, "must be text");
                        } else if (energy) {
                            BlockBasis b = switch (unit.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")) {
                                case "kwh" -> BlockBasis.TOTAL;
                                case "kwh daily" -> BlockBasis.DAILY;
                                case "kwh/kw" -> BlockBasis.PER_KW;
                                default -> null;
                            };
                            if (b == null) {
                                f.fail(up, "'" + unit + "' is not an energy tier unit Switchboard bills (kWh, kWh daily, kWh/kW)");
                            } else if (basis == null) {
                                basis = b;
                                basisUnit = unit;
                                basisPath = up;
                            } else if (basis != b) {
                                f.fail(up, "is '" + unit + "' but " + basisPath + " is '" + basisUnit
                                        + "': mixed tier units in one structure cannot be billed");
                            }
                        } else if (!unit.equalsIgnoreCase("kW")) {
                            note(up, NOT_REPRESENTED, "'" + unit + "': Switchboard bills demand tiers in kW only");
                            kw = false;
                        }
                    }
                    BigDecimal max = null;
                    if (tier.has("max") && !tier.get("max").isNull()) {
                        max = number(tier.get("max"), Fields.at(tp, "max"), false);
                        if (max != null && max.compareTo(NO_LIMIT) >= 0) {
                            max = null;
                        } else if (max != null && max.signum() == 0) {
                            f.fail(Fields.at(tp, "max"), "must be above 0");
                            max = null;
                        }
                    }
                    boolean last = t == period.size() - 1;
                    if (!last && max == null && f.count() == tierBefore) {
                        f.fail(Fields.at(tp, "max"), "is required (below 1e38) on every tier but the last; a tier without a limit leaves the later tiers unused");
                    } else if (max != null && previous != null && max.compareTo(previous) <= 0) {
                        f.fail(Fields.at(tp, "max"), "must be above the previous tier's max (" + plain(previous) + ")");
                    }
                    if (last && max != null) {
                        note(Fields.at(tp, "max"), IMPORTED, plain(max) + " on the last tier is not a cap: SAM bills usage above it at this tier's"
                                + " price, and so does Switchboard (the limit is dropped)");
                        max = null;
                    }
                    if (max != null && max.scale() > 4) {
                        BigDecimal rounded = max.setScale(4, RoundingMode.HALF_UP);
                        note(Fields.at(tp, "max"), IMPORTED, plain(max) + " is rounded to 4 decimals: " + plain(rounded));
                        max = rounded;
                    }
                    if (max != null) {
                        previous = max;
                    }
                    if (f.count() == tierBefore && price != null) {
                        blocks.add(new Block(max, new UnitPrice(price)));
                    }
                }
                if (blocks.size() == period.size()) {
                    periods.add(new RatePeriod("Period " + (p + 1), blocks));
                }
            }
            if (f.count() > before) {
                return null;
            }
            return new Structure(periods, maxTiers, allZero, basis == null ? BlockBasis.TOTAL : basis, kw);
        }

        /** A 12 × 24 schedule of period indexes into {@code structureField}; null after reporting problems. */
        private int[][] schedule(String field, String structureField) {
            int periods = sizeOf(structureField);
            JsonNode v = rec.get(field);
            if (v == null || v.isNull()) {
                if (periods == 1) {
                    note(field, IMPORTED, "absent; the single period of " + structureField + " applies at all hours");
                    return new int[12][24];
                }
                f.fail(field, "is required with " + structureField + " (12 months of 24 hourly period indexes)");
                return null;
            }
            if (!v.isArray() || v.size() != 12) {
                f.fail(field, "must be 12 months of 24 hourly period indexes, not " + (v.isArray() ? v.size() + " rows" : summary(v)));
                return null;
            }
            int before = f.count();
            int[][] rows = new int[12][24];
            for (int m = 0; m < 12; m++) {
                String mp = Fields.at(field, m);
                JsonNode row = v.get(m);
                if (!row.isArray() || row.size() != 24) {
                    f.fail(mp, "must be 24 hourly period indexes, not " + (row.isArray() ? row.size() : summary(row)));
                    continue;
                }
                for (int h = 0; h < 24; h++) {
                    String hp = Fields.at(mp, h);
                    Integer p = index(row.get(h), hp);
                    if (p == null) {
                        break;
                    }
                    if (p < 0 || p >= periods) {
                        f.fail(hp, "names period " + p + " but " + structureField + " has " + range(periods));
                        break;
                    }
                    rows[m][h] = p;
                }
            }
            if (f.count() > before) {
                return null;
            }
            note(field, IMPORTED, "the period of each hour of each month (" + (field.contains("weekend") ? "weekends" : "weekdays")
                    + ") for " + structureField + (field.contains("weekend") ? "; holidays are billed as weekdays, as in SAM" : ""));
            return rows;
        }

        private static String range(int periods) {
            return periods == 0 ? "no periods" : periods == 1 ? "only period 0" : "periods 0 to " + (periods - 1);
        }

        // ---- values -----------------------------------------------------------------------------------------------------

        private void note(String path, String disposition, String message) {
            int end = path.length();
            for (int i = 0; i < path.length(); i++) {
                if (path.charAt(i) == '[' || path.charAt(i) == '.') {
                    end = i;
                    break;
                }
            }
            byField.computeIfAbsent(path.substring(0, end), k -> new ArrayList<>()).add(new Note(path, disposition, message));
        }

        private boolean present(String field) {
            return Fields.present(rec, field);
        }

        private String text(String field) {
            JsonNode v = rec.get(field);
            if (v == null || v.isNull() || !v.isValueNode()) {
                return null;
            }
            String s = v.asString();
            return s.isBlank() ? null : s;
        }

        private BigDecimal number(JsonNode v, String path, boolean allowNegative) {
            BigDecimal d;
            if (v.isNumber()) {
                d = v.decimalValue();
            } else if (v.isString()) {
                try {
                    d = new BigDecimal(v.asString().trim());
                } catch (NumberFormatException e) {
                    f.fail(path, "must be a number, not '" + v.asString() + "'");
                    return null;
                }
            } else {
                f.fail(path, "must be a number, not " + summary(v));
                return null;
            }
            if (!allowNegative && d.signum() < 0) {
                f.fail(path, "must not be negative (" + plain(d) + ")");
                return null;
            }
            d = d.stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0) : d;
        }

        /** A whole number (period index, month count); null after reporting a problem. */
        private Integer index(JsonNode v, String path) {
            if (v != null && v.isNumber()) {
                BigDecimal d = v.decimalValue();
                if (d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(1_000_000)) < 0) {
                    return d.intValueExact();
                }
            } else if (v != null && v.isString() && v.asString().trim().matches("-?\\d{1,6}")) {
                return Integer.parseInt(v.asString().trim());
            }
            f.fail(path, "must be a whole number, not " + (v == null ? "nothing" : summary(v)));
            return null;
        }
    }

    /** Whether a value carries nothing: null, blank, 0, false, or a list/object of such. */
    private static boolean empty(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return true;
        }
        if (v.isString()) {
            return v.asString().isBlank();
        }
        if (v.isNumber()) {
            return v.decimalValue().signum() == 0;
        }
        if (v.isBoolean()) {
            return !v.booleanValue();
        }
        if (v.isContainer()) {
            for (JsonNode child : v.isObject() ? v.properties().stream().map(Map.Entry::getValue).toList() : iterable(v)) {
                if (!empty(child)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    /** A short rendering of a value for a note. */
    static String summary(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isNumber()) {
            return plain(v.decimalValue());
        }
        if (v.isString()) {
            String s = v.asString().replaceAll("\\s+", " ").trim();
            return "'" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "'";
        }
        if (v.isValueNode()) {
            return v.asString();
        }
        String s = v.toString();
        if (s.length() <= 80) {
            return s;
        }
        return (v.isArray() ? "a list of " + v.size() : "an object with " + v.size()) + " entries";
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}

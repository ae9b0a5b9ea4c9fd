package coop.switchboard.rates.file;

import coop.switchboard.rates.Component;
import coop.switchboard.rates.Holidays;
import coop.switchboard.rates.ProrationRules;
import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.ServiceType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
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
    static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,15}");
    private static final Set<String> TARIFF_FIELDS = Set.of("code", "name", "service", "rateClass", "description", "versions");
    private static final Set<String> VERSION_FIELDS = Set.of("effective", "notes", "holidays", "proration", "components");

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
            Component c = ComponentFields.component(f, componentNodes.get(i), cp, codes);
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

    // ---- writing ----------------------------------------------------------------------------------------------------

    /** Writes tariffs in the same format {@link #read} takes. */
    public static String write(List<Tariff> tariffs) {
        Object doc = tariffs.size() == 1  ? TariffDocument.tariffMap(tariffs.getFirst()) : Map.of("tariffs", tariffs.stream().map(TariffDocument::tariffMap).toList());
        return ReadableYaml.write(doc);
    }

    /** The line each field path of a tariff text starts on (1-based), so an error named by path can point at its line. */
    public static Map<String, Integer> fieldLines(String text) {
        return ReadableYaml.lines(text);
    }

    /** A version as the file writes it: maps and lists (for JSON renderings). */
    public static Map<String, Object> versionMap(TariffVersion v) {
        return TariffDocument.versionMap(v);
    }

    /** Writes one version (for the console's editor). */
    public static String writeVersion(TariffVersion version) {
        return ReadableYaml.write(TariffDocument.versionMap(version));
    }
}

package coop.switchboard.console;

import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.rates.Block;
import coop.switchboard.rates.BlockBasis;
import coop.switchboard.rates.BillLine;
import coop.switchboard.rates.Component;
import coop.switchboard.rates.DemandCharge;
import coop.switchboard.rates.FixedCharge;
import coop.switchboard.rates.HourSchedule;
import coop.switchboard.rates.Measure;
import coop.switchboard.rates.MinimumCharge;
import coop.switchboard.rates.Per;
import coop.switchboard.rates.Proration;
import coop.switchboard.rates.ProrationRules;
import coop.switchboard.rates.QuoteRequest;
import coop.switchboard.rates.RatePeriod;
import coop.switchboard.rates.RatedBill;
import coop.switchboard.rates.Rider;
import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.TariffSummary;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.rates.Tax;
import coop.switchboard.rates.UnmeteredCharge;
import coop.switchboard.rates.UsageCharge;
import coop.switchboard.rates.VersionRecord;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotFoundException;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.UnitPrice;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rate schedules for staff: the list (and tariff file import), each schedule with its versions rendered readably,
 * the version editor (YAML, every problem named by its field path and line), YAML download, and the rate calculator.
 * Everyone signed in may read and quote; only BILLING and ADMIN may import or change a tariff.
 */
@Controller
class RatesController {
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);
    private static final Pattern EFFECTIVE_LINE = Pattern.compile("(?m)^effective:.*$");
    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("\\(line (\\d+)\\)");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,15}");
    /** Calculator fields as the form labels them, for the error summary. */
    private static final Map<String, String> CALC_LABELS = Map.ofEntries(Map.entry("schedule", "Rate schedule"),
            Map.entry("from", "From"), Map.entry("to", "To (next read date)"), Map.entry("kWh", "kWh"), Map.entry("kW", "kW"),
            Map.entry("kvarh", "kvarh"), Map.entry("gallons", "Gallons"), Map.entry("ccf", "ccf"),
            Map.entry("kwhByPeriod", "kWh by period"), Map.entry("kwByPeriod", "kW by period"), Map.entry("meterSize", "Meter size"),
            Map.entry("fixtures", "Fixtures"), Map.entry("usage", "Usage"));

    private final TariffService tariffs;
    private final StaffPermissions permissions;
    private final Clock clock;
    private final YAMLMapper yaml = new YAMLMapper();
    private final String utilityName;

    RatesController(TariffService tariffs, StaffPermissions permissions, Clock clock,
                    @Value("${switchboard.utility.name}") String utilityName) {
        this.utilityName = utilityName;
        this.tariffs = tariffs;
        this.permissions = permissions;
        this.clock = clock;
    }

    // ---- list and import ------------------------------------------------------------------------------------------

    @GetMapping("/rates")
    String list(Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("schedules", tariffs.schedules(today));
        model.addAttribute("today", today);
        model.addAttribute("mayEdit", mayEdit());
        if (!model.containsAttribute("importErrors")) {
            model.addAttribute("importErrors", List.of());
        }
        return "rates/list";
    }

    @PostMapping("/rates/import")
    String importFile(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String text,
                      @RequestParam(defaultValue = "") String code, Model model) throws IOException {
        requireEditor();
        String content = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : text;
        String renameTo = code.trim();
        model.addAttribute("importCode", renameTo);
        model.addAttribute("importText", file != null && !file.isEmpty() ? "" : text);
        try {
            if (content.isBlank()) {
                throw new InvalidInputException("file", "choose a tariff file (Switchboard YAML or an OpenEI URDB JSON record) or paste one");
            }
            if (!renameTo.isEmpty() && !CODE.matcher(renameTo).matches()) {
                throw new InvalidInputException("code", "must be 1 to 16 capital letters, digits, '-' or '_' (e.g. RS-2)");
            }
            TariffService.FileImport done = tariffs.importFile(content, renameTo.isEmpty() ? null : renameTo);
            model.addAttribute("imported", done.results());
            model.addAttribute("urdbReport", done.urdbReport());
            model.addAttribute("importedFrom", file != null && !file.isEmpty() ? file.getOriginalFilename() : "the pasted text");
        } catch (InvalidInputException e) {
            model.addAttribute("importErrors", problems(e, content));
            model.addAttribute("importFileName", file != null && !file.isEmpty() ? file.getOriginalFilename() : null);
        }
        return list(model);
    }

    @GetMapping("/rates/export")
    ResponseEntity<String> exportAll() {
        return yamlFile("tariffs.yaml", tariffs.exportYaml(List.of()));
    }

    @GetMapping({"/rates/{code}.yaml", "/rates/{code}/export"})
    ResponseEntity<String> export(@PathVariable String code) {
        tariffs.tariff(code);
        return yamlFile(code + ".yaml", tariffs.exportYaml(List.of(code)));
    }

    private static ResponseEntity<String> yamlFile(String name, String body) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "yaml", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    // ---- one schedule ---------------------------------------------------------------------------------------------

    @GetMapping("/rates/{code}")
    String schedule(@PathVariable String code, Model model) {
        Tariff tariff = tariffs.tariff(code);
        LocalDate today = LocalDate.now(clock);
        Map<LocalDate, VersionRecord> records = new HashMap<>();
        tariffs.versions(code).forEach(r -> records.put(r.effective(), r));
        TariffVersion current = tariff.versionOn(today);
        List<VersionView> versions = new ArrayList<>();
        for (int i = tariff.versions().size() - 1; i >= 0; i--) {
            TariffVersion v = tariff.versions().get(i);
            String status = v == current ? "current" : v.effective().isAfter(today) ? "scheduled" : "superseded";
            LocalDate until = i + 1 < tariff.versions().size() ? tariff.versions().get(i + 1).effective() : null;
            versions.add(versionView(v, records.get(v.effective()), status, until, today));
        }
        model.addAttribute("tariff", tariff);
        model.addAttribute("versions", versions);
        model.addAttribute("mayEdit", mayEdit());
        model.addAttribute("today", today);
        return "rates/schedule";
    }

    // ---- the version editor ---------------------------------------------------------------------------------------

    @GetMapping("/rates/{code}/versions/new")
    String newVersion(@PathVariable String code, Model model) {
        requireEditor();
        Tariff tariff = tariffs.tariff(code);
        List<VersionRecord> records = tariffs.versions(code);
        LocalDate today = LocalDate.now(clock);
        VersionRecord base = null;
        for (VersionRecord r : records) {
            if (!r.effective().isAfter(today) || base == null) {
                base = r;
            }
        }
        LocalDate suggested = YearMonth.from(today).plusMonths(1).atDay(1);
        for (VersionRecord r : records) {
            if (!r.effective().isBefore(suggested)) {
                suggested = YearMonth.from(r.effective()).plusMonths(1).atDay(1);
            }
        }
        LocalDate baseDate = base == null ? null : base.effective();
        String body = base == null ? "effective: \"" + suggested + "\"\ncomponents:\n  - type: fixed\n    code: CUSTOMER\n"
                + "    description: Customer charge\n    amount: 0.00\n"
                : EFFECTIVE_LINE.matcher(editorYaml(version(tariff, baseDate))).replaceFirst(Matcher.quoteReplacement("effective: \"" + suggested + "\""));
        return editor(model, tariff, null, body, List.of(), base == null ? null : base.effective(), suggested);
    }

    @PostMapping("/rates/{code}/versions")
    String saveNew(@PathVariable String code, @RequestParam(defaultValue = "") String yaml, Model model,
                   RedirectAttributes redirect) {
        return save(code, null, yaml, model, redirect);
    }

    @GetMapping("/rates/{code}/versions/{effective}/edit")
    String edit(@PathVariable String code, @PathVariable String effective, Model model, RedirectAttributes redirect) {
        requireEditor();
        Tariff tariff = tariffs.tariff(code);
        VersionRecord record = record(code, effective);
        if (record.frozen()) {
            redirect.addFlashAttribute("problem", "The version effective " + longDate(record.effective())
                    + " has been used on bills and cannot change. Add a new version with a later effective date instead.");
            return "redirect:/rates/" + code;
        }
        return editor(model, tariff, record.effective(), editorYaml(version(tariff, record.effective())), List.of(), null, null);
    }

    @PostMapping("/rates/{code}/versions/{effective}")
    String saveEdit(@PathVariable String code, @PathVariable String effective, @RequestParam(defaultValue = "") String yaml,
                    Model model, RedirectAttributes redirect) {
        return save(code, record(code, effective).effective(), yaml, model, redirect);
    }

    private String save(String code, LocalDate replacing, String text, Model model, RedirectAttributes redirect) {
        requireEditor();
        Tariff tariff = tariffs.tariff(code);
        try {
            VersionRecord saved = tariffs.saveVersion(code, replacing, text);
            redirect.addFlashAttribute("notice", (replacing == null ? "Added the version effective " : "Saved the version effective ")
                    + longDate(saved.effective()) + ".");
            return "redirect:/rates/" + code + "#v-" + saved.effective();
        } catch (InvalidInputException e) {
            return editor(model, tariff, replacing, text, problems(e, text), null, null);
        }
    }

    private String editor(Model model, Tariff tariff, LocalDate replacing, String body, List<Problem> problems,
                          LocalDate copiedFrom, LocalDate suggested) {
        model.addAttribute("tariff", tariff);
        model.addAttribute("replacing", replacing);
        model.addAttribute("replacingText", replacing == null ? null : longDate(replacing));
        model.addAttribute("yaml", body);
        model.addAttribute("problems", problems);
        model.addAttribute("copiedFrom", copiedFrom == null ? null : longDate(copiedFrom));
        model.addAttribute("suggested", suggested == null ? null : longDate(suggested));
        if (!problems.isEmpty()) {
            model.addAttribute("problem", "The version was not saved: " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + " in the YAML.");
        }
        return "rates/version";
    }

    private VersionRecord record(String code, String effective) {
        LocalDate date;
        try {
            date = LocalDate.parse(effective);
        } catch (DateTimeParseException e) {
            throw new NotFoundException("tariff version", code + " " + effective);
        }
        return tariffs.versions(code).stream().filter(r -> r.effective().equals(date)).findFirst()
                .orElseThrow(() -> new NotFoundException("tariff version", code + " " + effective));
    }

    private static TariffVersion version(Tariff tariff, LocalDate effective) {
        return tariff.versions().stream().filter(v -> v.effective().equals(effective)).findFirst()
                .orElseThrow(() -> new NotFoundException("tariff version", tariff.code() + " " + effective));
    }

    // ---- the version as an analyst edits it -------------------------------------------------------------------------

    private static final DumpSettings DUMP = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
            .setIndicatorIndent(2).setIndentWithIndicator(true).setWidth(160).build();
    /** Text a YAML reader could take for something else (a number, a date, a boolean) is written quoted. */
    private static final Pattern QUOTE = Pattern.compile("[-+.0-9eE]+|\\d{4}-\\d{2}(-\\d{2})?|(?i)(y|n|yes|no|on|off|true|false|null|~)");

    /**
     * A version in the tariff file's own layout, as the demo file is written: components, seasons and periods in block
     * style, one block per line ({@code - {upTo: 500, price: 0.095}}), month lists on one line, quotes only where needed.
     * The same structure as the stored YAML ({@link TariffService#document}), so it saves back unchanged.
     */
    String editorYaml(TariffVersion version) {
        StandardRepresenter representer = new StandardRepresenter(DUMP) {
            {
                this.representers.put(BigDecimal.class, data -> {
                    String plain = ((BigDecimal) data).toPlainString();
                    return representScalar(plain.contains(".") ? Tag.FLOAT : Tag.INT, plain);
                });
                this.representers.put(String.class, data -> representScalar(Tag.STR, (String) data,
                        QUOTE.matcher((String) data).matches() ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN));
            }
        };
        Node node = representer.represent(plain(tariffs.document(version)));
        style(node, "", "");
        StringBuilder out = new StringBuilder();
        new Dump(DUMP, representer).dumpNode(node, new StreamDataWriter() {
            @Override
            public void write(String str) {
                out.append(str);
            }

            @Override
            public void write(String str, int off, int len) {
                out.append(str, off, off + len);
            }
        });
        return out.toString();
    }

    /** Maps and lists only (a set would be written as a YAML !!set). */
    private static Object plain(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        if (o instanceof java.util.Collection<?> c) {
            return c.stream().map(RatesController::plain).toList();
        }
        return o;
    }

    private static void style(Node node, String key, String listKey) {
        if (node instanceof SequenceNode seq) {
            boolean scalars = seq.getValue().stream().allMatch(n -> n instanceof ScalarNode);
            seq.setFlowStyle(scalars && !key.equals("weekday") && !key.equals("weekend") ? FlowStyle.FLOW : FlowStyle.BLOCK);
            for (Node item : seq.getValue()) {
                style(item, "", key);
            }
        } else if (node instanceof MappingNode map) {
            boolean hasBlocks = map.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("blocks"));
            boolean flow = switch (listKey) {
                case "blocks" -> true;
                case "seasons", "periods" -> !hasBlocks;
                default -> key.equals("holidays") || key.equals("ratchet") || key.equals("proration");
            };
            map.setFlowStyle(flow ? FlowStyle.FLOW : FlowStyle.BLOCK);
            for (NodeTuple t : map.getValue()) {
                style(t.getValueNode(), t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "", "");
            }
        }
    }

    private static String stripDocumentStart(String body) {
        return body.startsWith("---\n") ? body.substring(4) : body.startsWith("---") ? body.substring(3).stripLeading() : body;
    }

    /** A problem in a file or the editor: its field path, the line it is on when that can be told, and what is wrong. */
    record Problem(String field, Integer line, String message) {
    }

    private List<Problem> problems(InvalidInputException e, String text) {
        Map<String, Integer> lines = lines(text);
        List<Problem> list = new ArrayList<>();
        e.byField().forEach((field, message) -> {
            Integer line = null;
            Matcher m = LINE_IN_MESSAGE.matcher(message);
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
            } else {
                String path = field;
                while (line == null && !path.isEmpty()) {
                    line = lines.get(path);
                    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
                    path = cut < 0 ? "" : path.substring(0, cut);
                }
            }
            list.add(new Problem(field, line, message));
        });
        return list;
    }

    /** Each field path of a YAML (or JSON) text and the line it starts on; empty when the text does not parse. */
    Map<String, Integer> lines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        try (JsonParser p = yaml.createParser(text)) {
            if (p.nextToken() != null) {
                walk(p, "", lines);
            }
        } catch (RuntimeException e) {
            // a file that does not parse names its line in the message instead
        }
        return lines;
    }

    private static void walk(JsonParser p, String path, Map<String, Integer> lines) {
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                String child = path.isEmpty() ? name : path + "." + name;
                lines.putIfAbsent(child, p.currentTokenLocation().getLineNr());
                p.nextToken();
                walk(p, child, lines);
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                walk(p, path + "[" + i++ + "]", lines);
            }
        }
    }

    // ---- calculator -------------------------------------------------------------------------------------------------

    @GetMapping("/rates/calculator")
    String calculator(@RequestParam MultiValueMap<String, String> params,
                      @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        boolean rate = params.containsKey("rate");
        prepareCalculator(params, rate, model);
        return htmx != null ? "rates/calculator :: calc" : "rates/calculator";
    }

    /** The calculator's inputs for another schedule (htmx, when the schedule changes): what was typed is kept, nothing is rated. */
    @GetMapping("/rates/calculator/inputs")
    String calculatorInputs(@RequestParam MultiValueMap<String, String> params,
                            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        prepareCalculator(params, false, model);
        return htmx != null ? "rates/calculator :: calc" : "rates/calculator";
    }

    private void prepareCalculator(MultiValueMap<String, String> params, boolean rate, Model model) {
        LocalDate today = LocalDate.now(clock);
        Map<String, String> form = new LinkedHashMap<>();
        params.forEach((k, v) -> form.put(k, v.isEmpty() || v.getFirst() == null ? "" : v.getFirst().trim()));
        if (!params.containsKey("from") && !params.containsKey("to")) {
            form.put("from", YearMonth.from(today).atDay(1).toString());
            form.put("to", YearMonth.from(today).plusMonths(1).atDay(1).toString());
        }
        Set<String> exemptions = new LinkedHashSet<>(params.getOrDefault("exemptions", List.of()));
        List<TariffSummary> schedules = tariffs.schedules(today);
        String code = form.getOrDefault("schedule", "");
        Tariff tariff = code.isEmpty() ? null : tariffs.find(code).orElse(null);

        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = date(form, "from", errors);
        LocalDate to = date(form, "to", errors);
        Inputs inputs = inputs(tariff, from == null ? today : from, to);
        Integer days = from != null && to != null && to.isAfter(from) ? (int) ChronoUnit.DAYS.between(from, to) : null;

        ResultView result = null;
        if (rate) {
            BigDecimal kwh = number(form, "kWh", errors);
            BigDecimal kw = number(form, "kW", errors);
            BigDecimal kvarh = number(form, "kvarh", errors);
            BigDecimal gallons = number(form, "gallons", errors);
            BigDecimal ccf = number(form, "ccf", errors);
            Map<String, BigDecimal> kwhByPeriod = new LinkedHashMap<>();
            for (String period : inputs.kwhPeriods()) {
                BigDecimal v = number(form, "kwhByPeriod." + period, errors);
                if (v != null) {
                    kwhByPeriod.put(period, v);
                }
            }
            Map<String, BigDecimal> kwByPeriod = new LinkedHashMap<>();
            for (String period : inputs.kwPeriods()) {
                BigDecimal v = number(form, "kwByPeriod." + period, errors);
                if (v != null) {
                    kwByPeriod.put(period, v);
                }
            }
            Map<String, Integer> fixtures = new LinkedHashMap<>();
            for (String type : inputs.fixtures()) {
                String v = form.getOrDefault("fixtures." + type, "");
                if (!v.isEmpty()) {
                    try {
                        fixtures.put(type, Integer.parseInt(v.replace(",", "")));
                    } catch (NumberFormatException e) {
                        errors.put("fixtures." + type, "must be a whole number");
                    }
                }
            }
            // A time-of-use meter's registers add up to the total the riders and taxes need.
            if (kwh == null && !kwhByPeriod.isEmpty() && !errors.containsKey("kWh")) {
                kwh = kwhByPeriod.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                form.put("kWhFromPeriods", kwh.stripTrailingZeros().toPlainString());
            }
            if (errors.isEmpty()) {
                try {
                    RatedBill bill = tariffs.quote(new QuoteRequest(code, from, to, kwh, kw, kvarh, gallons, ccf, kwhByPeriod, kwByPeriod,
                            List.copyOf(exemptions), form.getOrDefault("meterSize", ""), fixtures.isEmpty() ? null : fixtures));
                    result = result(bill);
                } catch (InvalidInputException e) {
                    errors.putAll(e.byField());
                }
            }
        }
        model.addAttribute("schedules", schedules);
        model.addAttribute("tariff", tariff);
        model.addAttribute("form", form);
        model.addAttribute("exemptions", exemptions);
        model.addAttribute("inputs", inputs);
        model.addAttribute("days", days);
        model.addAttribute("errors", errors);
        model.addAttribute("errorLinks", errorLinks(errors, inputs));
        model.addAttribute("result", result);
        model.addAttribute("rated", rate);
    }

    private static LocalDate date(Map<String, String> form, String field, Map<String, String> errors) {
        String v = form.getOrDefault(field, "");
        if (v.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(field, "must be a date YYYY-MM-DD");
            return null;
        }
    }

    private static BigDecimal number(Map<String, String> form, String field, Map<String, String> errors) {
        String v = form.getOrDefault(field, "").replace(",", "");
        if (v.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            errors.put(field, "must be a number, not '" + v + "'");
            return null;
        }
    }

    /** An input of the calculator named by index (ids must not hold the spaces period and fixture names may have). */
    record NamedInput(String name, String id) {
    }

    /** Which inputs a schedule needs, from the versions that apply to the period. */
    record Inputs(boolean kwh, boolean kw, boolean kvarh, boolean gallons, boolean ccf, List<String> kwhPeriods,
                  List<String> kwPeriods, List<NamedInput> kwhPeriodInputs, List<NamedInput> kwPeriodInputs,
                  Map<String, String> exemptions, List<String> meterSizes, List<String> fixtures,
                  List<NamedInput> fixtureInputs, String versionNote) {
        public boolean anyUsage() {
            return kwh || kw || kvarh || gallons || ccf || !kwhPeriods.isEmpty() || !kwPeriods.isEmpty();
        }
    }

    private Inputs inputs(Tariff tariff, LocalDate from, LocalDate to) {
        if (tariff == null) {
            return new Inputs(true, true, true, true, false, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(),
                    List.of(), List.of(), null);
        }
        List<TariffVersion> applying = new ArrayList<>();
        TariffVersion first = tariff.versionOn(from);
        if (first != null) {
            applying.add(first);
        }
        for (TariffVersion v : tariff.versions()) {
            if (v.effective().isAfter(from) && (to == null || v.effective().isBefore(to))) {
                applying.add(v);
            }
        }
        if (applying.isEmpty() && !tariff.versions().isEmpty()) {
            applying.add(tariff.versions().getFirst());
        }
        boolean kwh = false, kw = false, kvarh = false, gallons = false, ccf = false;
        Set<String> kwhPeriods = new LinkedHashSet<>();
        Set<String> kwPeriods = new LinkedHashSet<>();
        Map<String, String> exemptions = new LinkedHashMap<>();
        Set<String> sizes = new LinkedHashSet<>();
        Set<String> fixtures = new TreeSet<>();
        for (TariffVersion v : applying) {
            for (Component c : v.components()) {
                switch (c) {
                    case UsageCharge u -> {
                        Measure m = u.measure();
                        kwh |= m == Measure.KWH;
                        kvarh |= m == Measure.KVARH;
                        gallons |= m == Measure.GALLONS;
                        ccf |= m == Measure.CCF;
                        kw |= u.basis() == BlockBasis.PER_KW;
                        if (m == Measure.KWH && !u.schedule().seasonalOnly()) {
                            u.periods().forEach(p -> kwhPeriods.add(p.name()));
                        }
                    }
                    case DemandCharge d -> {
                        if (d.timeOfUse()) {
                            d.periods().forEach(p -> kwPeriods.add(p.name()));
                        } else {
                            kw = true;
                        }
                        if (d.powerFactorTarget() != null) {
                            kwh = true;
                            kvarh = true;
                        }
                    }
                    case Rider r -> {
                        if (!r.isPercent()) {
                            Measure m = r.measure();
                            kwh |= m == Measure.KWH;
                            kvarh |= m == Measure.KVARH;
                            gallons |= m == Measure.GALLONS;
                            ccf |= m == Measure.CCF;
                        }
                    }
                    case Tax t -> exemptions.putIfAbsent(t.exemption(), t.description());
                    case FixedCharge f -> sizes.addAll(f.bySize().keySet());
                    case UnmeteredCharge u -> fixtures.addAll(u.perFixture().keySet());
                    case MinimumCharge ignored -> {
                    }
                }
            }
        }
        List<String> sortedSizes = new ArrayList<>(sizes);
        sortedSizes.sort(Comparator.comparing(RatesController::sizeValue).thenComparing(Comparator.naturalOrder()));
        List<String> kwhList = List.copyOf(kwhPeriods);
        List<String> kwList = List.copyOf(kwPeriods);
        List<String> fixtureList = List.copyOf(fixtures);
        String note = applying.isEmpty() ? "This schedule has no versions." : "Inputs for the version"
                + (applying.size() == 1 ? " effective " + longDate(applying.getFirst().effective())
                : "s effective " + String.join(" and ", applying.stream().map(v -> longDate(v.effective())).toList())) + ".";
        return new Inputs(kwh, kw, kvarh, gallons, ccf, kwhList, kwList, named(kwhList, "kwhp"), named(kwList, "kwp"), exemptions,
                sortedSizes, fixtureList, named(fixtureList, "fx"), note);
    }

    private static List<NamedInput> named(List<String> names, String prefix) {
        List<NamedInput> list = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            list.add(new NamedInput(names.get(i), prefix + "-" + i));
        }
        return list;
    }

    /** A meter size such as 5/8, 3/4, 1, 1-1/2 or 2 as inches, to list sizes smallest first. */
    private static double sizeValue(String size) {
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

    record ErrorLink(String href, String text) {
    }

    private static List<ErrorLink> errorLinks(Map<String, String> errors, Inputs inputs) {
        List<ErrorLink> links = new ArrayList<>();
        errors.forEach((field, message) -> {
            String href = switch (field) {
                case "schedule", "from", "to", "kWh", "kW", "kvarh", "gallons", "ccf", "meterSize" -> field;
                case "kwhByPeriod" -> inputs.kwhPeriodInputs().isEmpty() ? "kWh" : inputs.kwhPeriodInputs().getFirst().id();
                case "kwByPeriod" -> inputs.kwPeriodInputs().isEmpty() ? "kW" : inputs.kwPeriodInputs().getFirst().id();
                case "fixtures" -> inputs.fixtureInputs().isEmpty() ? "schedule" : inputs.fixtureInputs().getFirst().id();
                default -> idFor(field, inputs);
            };
            String label = CALC_LABELS.get(field);
            if (label == null) {
                int dot = field.indexOf('.');
                label = dot < 0 ? field : CALC_LABELS.getOrDefault(field.substring(0, dot), field.substring(0, dot)) + ", " + field.substring(dot + 1);
            }
            links.add(new ErrorLink("#" + href, label + ": " + message));
        });
        return links;
    }

    private static String idFor(String field, Inputs inputs) {
        for (NamedInput n : inputs.kwhPeriodInputs()) {
            if (field.equals("kwhByPeriod." + n.name())) {
                return n.id();
            }
        }
        for (NamedInput n : inputs.kwPeriodInputs()) {
            if (field.equals("kwByPeriod." + n.name())) {
                return n.id();
            }
        }
        for (NamedInput n : inputs.fixtureInputs()) {
            if (field.equals("fixtures." + n.name())) {
                return n.id();
            }
        }
        return "schedule";
    }

    record LineView(String description, String component, String kind, String quantity, String unit, String unitPrice, String amount,
                    boolean negative) {
    }

    record ResultView(String schedule, String period, int days, List<LineView> lines, String total, List<LocalDate> versions,
                      String kwh, String maximumKw, String billingKw) {
    }

    private static ResultView result(RatedBill bill) {
        List<LineView> lines = new ArrayList<>();
        for (BillLine l : bill.lines()) {
            boolean percent = "$".equals(l.unit());
            lines.add(new LineView(l.description(), l.component(), l.kind(),
                    percent ? Formats.money(new Money(l.quantity().value().setScale(2, java.math.RoundingMode.HALF_UP))) : Formats.number(l.quantity().value()),
                    percent ? "" : l.unit(),
                    percent ? Formats.number(l.unitPrice().value().movePointRight(2)) + "%" : Formats.price(l.unitPrice()),
                    Formats.money(l.amount()), l.amount().signum() < 0));
        }
        return new ResultView(bill.tariff(), shortDate(bill.period().from()) + " to " + shortDate(bill.period().lastDay()),
                bill.period().days(), lines, Formats.money(bill.total()), bill.versions(),
                bill.kwh() == null || bill.kwh().isZero() ? null : Formats.number(bill.kwh().value()),
                bill.maximumKw() == null ? null : Formats.number(bill.maximumKw().value()),
                bill.billingKw() == null ? null : Formats.number(bill.billingKw().value()));
    }

    // ---- who may change tariffs -------------------------------------------------------------------------------------

    private boolean mayEdit() {
        return permissions.hasRole(Role.BILLING) || permissions.hasRole(Role.ADMIN);
    }

    private void requireEditor() {
        if (!mayEdit()) {
            throw new NotPermitted();
        }
    }

    /** A tariff change by someone who may only read tariffs. */
    static final class NotPermitted extends RuntimeException {
        NotPermitted() {
            super("Only Billing and Administrators may change tariffs", null, false, false);
        }
    }

    @ExceptionHandler(NotPermitted.class)
    String notPermitted(NotPermitted e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("utilityName", utilityName);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("staffName", auth == null ? null : auth.getName());
        model.addAttribute("isAdmin", permissions.hasRole(Role.ADMIN));
        model.addAttribute("message", e.getMessage());
        return "rates/forbidden";
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

    private VersionView versionView(TariffVersion v, VersionRecord r, String status, LocalDate until, LocalDate today) {
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
                parts.add(String.join(", ", new TreeSet<>(v.holidays().dates()).stream().map(RatesController::shortDate).toList()));
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
                r == null ? null : r.updatedAt(), versionNotes, components, editorYaml(v));
    }

    private ComponentView componentView(Component c, TariffVersion v, Map<String, String> names, LocalDate today) {
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
                    summary = Formats.money(f.amount()) + " per " + per;
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

package coop.switchboard.console;

import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.rates.VersionRecord;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rate schedules for staff: the list (and tariff file import), each schedule with its versions rendered readably,
 * the version editor (YAML, every problem named by its field path and line) and YAML download. Everyone signed in may
 * read; only BILLING and ADMIN may import or change a tariff. The rate calculator is {@link RateCalculatorController}.
 */
@Controller
class RatesController {
    private static final Pattern EFFECTIVE_LINE = Pattern.compile("(?m)^effective:.*$");
    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("\\(line (\\d+)\\)");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,15}");

    private final TariffService tariffs;
    private final StaffPermissions permissions;
    private final Clock clock;

    RatesController(TariffService tariffs, StaffPermissions permissions, Clock clock) {
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
        List<TariffPages.VersionView> versions = new ArrayList<>();
        for (int i = tariff.versions().size() - 1; i >= 0; i--) {
            TariffVersion v = tariff.versions().get(i);
            String status = v == current ? "current" : v.effective().isAfter(today) ? "scheduled" : "superseded";
            LocalDate until = i + 1 < tariff.versions().size() ? tariff.versions().get(i + 1).effective() : null;
            versions.add(TariffPages.version(v, records.get(v.effective()), status, until, today, tariffs.versionYaml(v)));
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
                : EFFECTIVE_LINE.matcher(tariffs.versionYaml(version(tariff, baseDate))).replaceFirst(Matcher.quoteReplacement("effective: \"" + suggested + "\""));
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
            redirect.addFlashAttribute("problem", "The version effective " + TariffPages.longDate(record.effective())
                    + " has been used on bills and cannot change. Add a new version with a later effective date instead.");
            return "redirect:/rates/" + code;
        }
        return editor(model, tariff, record.effective(), tariffs.versionYaml(version(tariff, record.effective())), List.of(), null, null);
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
                    + TariffPages.longDate(saved.effective()) + ".");
            return "redirect:/rates/" + code + "#v-" + saved.effective();
        } catch (InvalidInputException e) {
            return editor(model, tariff, replacing, text, problems(e, text), null, null);
        }
    }

    private String editor(Model model, Tariff tariff, LocalDate replacing, String body, List<Problem> problems,
                          LocalDate copiedFrom, LocalDate suggested) {
        model.addAttribute("tariff", tariff);
        model.addAttribute("replacing", replacing);
        model.addAttribute("replacingText", replacing == null ? null : TariffPages.longDate(replacing));
        model.addAttribute("yaml", body);
        model.addAttribute("problems", problems);
        model.addAttribute("copiedFrom", copiedFrom == null ? null : TariffPages.longDate(copiedFrom));
        model.addAttribute("suggested", suggested == null ? null : TariffPages.longDate(suggested));
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

    /** A problem in a file or the editor: its field path, the line it is on when that can be told, and what is wrong. */
    record Problem(String field, Integer line, String message) {
    }

    private List<Problem> problems(InvalidInputException e, String text) {
        Map<String, Integer> lines = tariffs.fieldLines(text);
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

    // ---- who may change tariffs -------------------------------------------------------------------------------------

    private boolean mayEdit() {
        return NotPermittedPage.billingOrAdmin(permissions);
    }

    private void requireEditor() {
        NotPermittedPage.requireBillingOrAdmin(permissions, new NotPermitted("Only Billing and Administrators may change tariffs",
                "You can still read every schedule and use the rate calculator.", "/rates", "Back to rate schedules"));
    }
}

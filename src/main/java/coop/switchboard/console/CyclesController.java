package coop.switchboard.console;

import coop.switchboard.metering.CycleScheduleView;
import coop.switchboard.metering.CycleService;
import coop.switchboard.metering.CycleView;
import coop.switchboard.metering.MeterAssignment;
import coop.switchboard.metering.ScheduleRules;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Billing cycles for staff: the list with meter counts and next read dates, a new cycle, and each cycle's page (the
 * year's schedule with holiday notes, edited a row at a time in place, generated from rules; its routes; putting meters
 * on it). Everyone signed in may read; only BILLING and ADMIN may change anything.
 */
@Controller
class CyclesController {
    private final CycleService cycles;
    private final StaffPermissions permissions;
    private final Clock clock;

    CyclesController(CycleService cycles, StaffPermissions permissions, Clock clock) {
        this.cycles = cycles;
        this.permissions = permissions;
        this.clock = clock;
    }

    @GetMapping("/cycles")
    String list(Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("cycles", cycles.cycles());
        model.addAttribute("today", today);
        model.addAttribute("mayEdit", mayEdit());
        return "cycles/list";
    }

    @GetMapping("/cycles/new")
    String newCycle(Model model) {
        requireEditor();
        int next = cycles.cycles().stream().mapToInt(CycleView::number).max().orElse(0) + 1;
        return newForm(model, Map.of("number", next > 99 ? "" : Integer.toString(next), "name", next > 99 ? "" : "Cycle " + next,
                "description", ""), Map.of());
    }

    private String newForm(Model model, Map<String, String> form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "cycles/new";
    }

    @PostMapping("/cycles")
    String create(@RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String description, Model model, RedirectAttributes redirect) {
        requireEditor();
        Map<String, String> errors = new LinkedHashMap<>();
        Integer n = integer(number, "number", errors);
        try {
            CycleView created = cycles.create(n, name, description);
            redirect.addFlashAttribute("notice", "Added cycle " + created.number() + ". Generate its schedule below.");
            return "redirect:/cycles/" + created.number();
        } catch (InvalidInputException e) {
            e.byField().forEach(errors::putIfAbsent);
            return newForm(model, Map.of("number", number, "name", name, "description", description), errors);
        }
    }

    // ---- one cycle ------------------------------------------------------------------------------------------------

    @GetMapping("/cycles/{n}")
    String cycle(@PathVariable int n, @RequestParam(required = false) Integer year, @RequestParam(required = false) String edit, Model model) {
        CycleView cycle = cycles.cycle(n);
        int y = year != null && year >= 2000 && year <= 2099 ? year : LocalDate.now(clock).getYear();
        if (edit != null && mayEdit() && !model.containsAttribute("editing")) {
            model.addAttribute("editing", edit);
        }
        model.addAttribute("cycle", cycle);
        model.addAttribute("year", y);
        model.addAttribute("schedule", cycles.schedule(n, y));
        model.addAttribute("closures", cycles.closures(n, y));
        model.addAttribute("routes", cycles.routes(n));
        model.addAttribute("allRoutes", cycles.allRoutes());
        model.addAttribute("allCycles", cycles.cycles());
        model.addAttribute("withoutRoute", cycles.metersWithoutRoute(n));
        model.addAttribute("mayEdit", mayEdit());
        model.addAttribute("today", LocalDate.now(clock));
        if (!model.containsAttribute("rules")) {
            ScheduleRules rules = cycle.rules() != null ? cycle.rules().forYear(y)
                    : new ScheduleRules(y, ScheduleRules.ReadOn.BUSINESS_DAY, 3, 2, 3, List.of());
            model.addAttribute("rules", Map.of("year", Integer.toString(y), "readOn", rules.readOn().name(), "readDay",
                    rules.readDay().toString(), "windowDays", rules.windowDays().toString(), "billLagDays", rules.billLagDays().toString(),
                    "closures", String.join(", ", rules.closures().stream().filter(d -> d.getYear() == y).map(LocalDate::toString).toList())));
        }
        for (String name : List.of("rowErrors", "ruleErrors", "routeErrors", "assignErrors", "cycleErrors", "newRouteErrors", "newRouteForm")) {
            if (!model.containsAttribute(name)) {
                model.addAttribute(name, Map.of());
            }
        }
        return "cycles/cycle";
    }

    @PostMapping("/cycles/{n}")
    String update(@PathVariable int n, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
                  Model model, RedirectAttributes redirect) {
        requireEditor();
        try {
            cycles.update(n, name, description);
            redirect.addFlashAttribute("notice", "Saved cycle " + n + ".");
            return "redirect:/cycles/" + n;
        } catch (InvalidInputException e) {
            model.addAttribute("cycleErrors", e.byField());
            model.addAttribute("cycleForm", Map.of("name", name, "description", description));
            return cycle(n, null, null, model);
        }
    }

    @PostMapping("/cycles/{n}/schedule")
    String generate(@PathVariable int n, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        requireEditor();
        Map<String, String> errors = new LinkedHashMap<>();
        List<LocalDate> closures = new ArrayList<>();
        for (String s : params.getOrDefault("closures", "").split("[,;\\s]+")) {
            if (!s.isBlank()) {
                LocalDate d = date(s, "closures", errors);
                if (d != null) {
                    closures.add(d);
                }
            }
        }
        ScheduleRules.ReadOn readOn = null;
        try {
            readOn = ScheduleRules.ReadOn.valueOf(params.getOrDefault("readOn", ""));
        } catch (IllegalArgumentException e) {
            // reported as required by the service
        }
        Integer year = integer(params.get("year"), "year", errors);
        ScheduleRules rules = new ScheduleRules(year, readOn, integer(params.get("readDay"), "readDay", errors),
                integer(params.get("windowDays"), "windowDays", errors), integer(params.get("billLagDays"), "billLagDays", errors), closures);
        boolean preview = params.containsKey("preview");
        try {
            if (preview || !errors.isEmpty()) {
                List<CycleScheduleView> rows = cycles.previewSchedule(n, rules);
                if (errors.isEmpty()) {
                    model.addAttribute("preview", rows);
                }
            } else {
                CycleService.Generated done = cycles.generateSchedule(n, rules);
                redirect.addFlashAttribute("notice", generatedNotice(rules.year(), done));
                return "redirect:/cycles/" + n + "?year=" + rules.year();
            }
        } catch (InvalidInputException e) {
            e.byField().forEach(errors::putIfAbsent);
        }
        model.addAttribute("ruleErrors", errors);
        model.addAttribute("rules", params);
        return cycle(n, year, null, model);
    }

    private static String generatedNotice(int year, CycleService.Generated done) {
        List<String> parts = new ArrayList<>();
        if (!done.added().isEmpty()) {
            parts.add(done.added().size() + " month" + (done.added().size() == 1 ? "" : "s") + " added");
        }
        if (!done.changed().isEmpty()) {
            parts.add(done.changed().size() + " changed");
        }
        if (!done.kept().isEmpty()) {
            parts.add(done.kept().size() + " kept as they were (their read window has opened)");
        }
        return "Generated the " + year + " schedule: " + (parts.isEmpty() ? "nothing changed" : String.join(", ", parts)) + ".";
    }

    // ---- one schedule row, edited in place ------------------------------------------------------------------------

    @GetMapping("/cycles/{n}/schedule/{period}")
    String row(@PathVariable int n, @PathVariable String period, Model model) {
        return rowFragment(model, row(n, period), null, Map.of(), Map.of());
    }

    @GetMapping("/cycles/{n}/schedule/{period}/edit")
    String editRow(@PathVariable int n, @PathVariable String period, @RequestHeader(name = "HX-Request", required = false) String htmx,
                   Model model) {
        requireEditor();
        CycleScheduleView row = row(n, period);
        if (htmx == null) {
            return "redirect:/cycles/" + n + "?year=" + row.period().getYear() + "&edit=" + row.period() + "#row-" + row.period();
        }
        return rowFragment(model, row, row.period().toString(), Map.of(), Map.of());
    }

    @PostMapping("/cycles/{n}/schedule/{period}")
    String saveRow(@PathVariable int n, @PathVariable String period, @RequestParam Map<String, String> params,
                   @RequestHeader(name = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
        requireEditor();
        CycleScheduleView row = row(n, period);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            CycleScheduleView saved = cycles.updateScheduleRow(n, row.period(), date(params.get("readDate"), "readDate", errors),
                    date(params.get("windowFrom"), "windowFrom", errors), date(params.get("windowTo"), "windowTo", errors),
                    date(params.get("billDate"), "billDate", errors), params.get("note"));
            if (htmx != null) {
                model.addAttribute("saved", saved.period().toString());
                return rowFragment(model, saved, null, Map.of(), Map.of());
            }
            redirect.addFlashAttribute("notice", "Saved the schedule for " + saved.period() + ".");
            return "redirect:/cycles/" + n + "?year=" + saved.period().getYear() + "#row-" + saved.period();
        } catch (InvalidInputException e) {
            e.byField().forEach(errors::putIfAbsent);
            if (htmx != null) {
                return rowFragment(model, row, row.period().toString(), errors, params);
            }
            model.addAttribute("editing", row.period().toString());
            model.addAttribute("rowErrors", errors);
            model.addAttribute("rowForm", params);
            return cycle(n, row.period().getYear(), null, model);
        }
    }

    private CycleScheduleView row(int n, String period) {
        try {
            return cycles.scheduleFor(n, YearMonth.parse(period)).orElseThrow(() -> new NotFoundException("schedule of cycle " + n, period));
        } catch (DateTimeParseException e) {
            throw new NotFoundException("schedule of cycle " + n, period);
        }
    }

    private String rowFragment(Model model, CycleScheduleView row, String editing, Map<String, String> errors, Map<String, String> form) {
        model.addAttribute("r", row);
        model.addAttribute("editing", editing);
        model.addAttribute("rowErrors", errors);
        model.addAttribute("rowForm", form);
        model.addAttribute("mayEdit", mayEdit());
        model.addAttribute("today", LocalDate.now(clock));
        return "cycles/cycle :: row";
    }

    // ---- routes and meters ----------------------------------------------------------------------------------------

    @PostMapping("/cycles/{n}/routes")
    String createRoute(@PathVariable int n, @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String name,
                       Model model, RedirectAttributes redirect) {
        requireEditor();
        try {
            cycles.createRoute(code, name, n);
            redirect.addFlashAttribute("notice", "Added route " + code.trim().toUpperCase(java.util.Locale.ROOT) + ".");
            return "redirect:/cycles/" + n + "#routes";
        } catch (InvalidInputException e) {
            return routeProblem(n, "", e.byField(), Map.of("code", code, "name", name), model);
        }
    }

    @PostMapping("/cycles/{n}/routes/{code}")
    String updateRoute(@PathVariable int n, @PathVariable String code, @RequestParam(defaultValue = "") String name,
                       @RequestParam(defaultValue = "") String cycle, Model model, RedirectAttributes redirect) {
        requireEditor();
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            var route = cycles.updateRoute(code, name, integer(cycle, "cycle", errors));
            redirect.addFlashAttribute("notice", route.cycleNumber() == n ? "Saved route " + code + "."
                    : "Moved route " + code + " and its " + route.meters() + " meters to cycle " + route.cycleNumber() + ".");
            return "redirect:/cycles/" + n + "#routes";
        } catch (InvalidInputException e) {
            e.byField().forEach(errors::putIfAbsent);
            return routeProblem(n, code, errors, Map.of("code", code, "name", name, "cycle", cycle), model);
        }
    }

    @PostMapping("/cycles/{n}/routes/{code}/delete")
    String deleteRoute(@PathVariable int n, @PathVariable String code, Model model, RedirectAttributes redirect) {
        requireEditor();
        try {
            cycles.deleteRoute(code);
            redirect.addFlashAttribute("notice", "Removed route " + code + ".");
            return "redirect:/cycles/" + n + "#routes";
        } catch (InvalidInputException e) {
            return routeProblem(n, code, e.byField(), Map.of("code", code), model);
        }
    }

    private String routeProblem(int n, String code, Map<String, String> errors, Map<String, String> form, Model model) {
        model.addAttribute("routeErrors", errors);
        model.addAttribute("routeEditing", code);
        if (code.isEmpty()) {
            model.addAttribute("newRouteErrors", errors);
            model.addAttribute("newRouteForm", form);
        }
        return cycle(n, null, null, model);
    }

    @PostMapping("/cycles/{n}/meters")
    String assign(@PathVariable int n, @RequestParam(defaultValue = "") String meterNumbers, @RequestParam(defaultValue = "") String routeCode,
                  @RequestParam(defaultValue = "") String fromRoute, @RequestParam(defaultValue = "") String firstSequence,
                  @RequestParam(defaultValue = "") String step, Model model, RedirectAttributes redirect) {
        requireEditor();
        Map<String, String> errors = new LinkedHashMap<>();
        Integer first = firstSequence.isBlank() ? null : integer(firstSequence, "firstSequence", errors);
        Integer by = step.isBlank() ? null : integer(step, "step", errors);
        try {
            if (!errors.isEmpty()) {
                return assignProblem(n, errors, meterNumbers, routeCode, fromRoute, firstSequence, step, model);
            }
            CycleService.Assigned done = cycles.assignMeters(new MeterAssignment(n, routeCode,
                    Arrays.asList(meterNumbers.split("[,;\\s]+")), fromRoute, first, by));
            redirect.addFlashAttribute("notice", "Put " + done.meters() + " meter" + (done.meters() == 1 ? "" : "s") + " on cycle " + n
                    + (routeCode.isBlank() ? "" : ", route " + routeCode.trim().toUpperCase(java.util.Locale.ROOT) + " (sequence "
                    + done.firstSequence() + " to " + done.lastSequence() + ")") + ".");
            return "redirect:/cycles/" + n + "#meters";
        } catch (InvalidInputException e) {
            e.byField().forEach(errors::putIfAbsent);
            return assignProblem(n, errors, meterNumbers, routeCode, fromRoute, firstSequence, step, model);
        }
    }

    private String assignProblem(int n, Map<String, String> errors, String meterNumbers, String routeCode, String fromRoute,
                                 String firstSequence, String step, Model model) {
        model.addAttribute("assignErrors", errors);
        model.addAttribute("assignForm", Map.of("meterNumbers", meterNumbers, "routeCode", routeCode, "fromRoute", fromRoute,
                "firstSequence", firstSequence, "step", step));
        return cycle(n, null, null, model);
    }

    // ---- parsing form fields --------------------------------------------------------------------------------------

    private static Integer integer(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            errors.putIfAbsent(field, "must be a whole number");
            return null;
        }
    }

    private static LocalDate date(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.putIfAbsent(field, "'" + value.trim() + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    // ---- who may change cycles ------------------------------------------------------------------------------------

    private boolean mayEdit() {
        return NotPermittedPage.billingOrAdmin(permissions);
    }

    private void requireEditor() {
        NotPermittedPage.requireBillingOrAdmin(permissions, new NotPermitted("Only Billing and Administrators may change billing cycles",
                "You can still read every cycle, its schedule and its routes.", "/cycles", "Back to billing cycles"));
    }
}

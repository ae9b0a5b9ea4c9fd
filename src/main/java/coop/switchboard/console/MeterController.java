package coop.switchboard.console;

import coop.switchboard.metering.MeterExchange;
import coop.switchboard.metering.MeterRecord;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.ReadView;
import coop.switchboard.metering.Register;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The meter page and the two things done to a meter from it: entering a read (anyone signed in; a CSR takes a
 * member's read over the phone) and exchanging the meter (BILLING and ADMIN). Bad input re-shows the page with each
 * field's problem and what was typed; nothing is saved.
 */
@Controller
class MeterController {
    private final MeterPages pages;
    private final ReadService reads;
    private final StaffPermissions permissions;
    private final Clock clock;

    MeterController(MeterPages pages, ReadService reads, StaffPermissions permissions, Clock clock) {
        this.pages = pages;
        this.reads = reads;
        this.permissions = permissions;
        this.clock = clock;
    }

    @GetMapping("/meters")
    String find(@RequestParam(name = "number", defaultValue = "") String number, Model model) {
        String n = number.trim();
        if (!n.isEmpty() && reads.meter(n).isPresent()) {
            return "redirect:" + UriComponentsBuilder.fromPath("/meters/{n}").buildAndExpand(n).encode().toUriString();
        }
        model.addAttribute("number", n);
        model.addAttribute("notFound", !n.isEmpty());
        return "meters/find";
    }

    @GetMapping("/meters/{number}")
    String meter(@PathVariable String number, @RequestParam(required = false) String month, @RequestParam(required = false) String day,
                 @RequestParam(defaultValue = "50") int show, Model model) {
        MeterRecord meter = meterOrNotFound(number);
        YearMonth shownMonth = null;
        LocalDate shownDay = null;
        try {
            shownMonth = parse(month, "month", YearMonth::parse);
            shownDay = parse(day, "day", LocalDate::parse);
        } catch (InvalidInputException e) {
            model.addAttribute("warning", e.getMessage() + "; showing the latest usage instead.");
        }
        pages.fill(model, meter, shownMonth, shownDay, show);
        if (!model.containsAttribute("readDraft")) {
            model.addAttribute("readDraft", readDefaults(meter));
        }
        if (!model.containsAttribute("exchangeDraft")) {
            model.addAttribute("exchangeDraft", Map.of());
            model.addAttribute("exchangeErrors", Map.of());
        }
        return "meters/meter";
    }

    @PostMapping("/meters/{number}/reads")
    String enterRead(@PathVariable String number, @RequestParam Map<String, String> form, Authentication who, Model model,
                     RedirectAttributes redirect) {
        MeterRecord meter = meterOrNotFound(number);
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        Register register = field(form, "register", Register::valueOf, errors, "is not a register of this meter");
        LocalDate readDate = field(form, "readDate", LocalDate::parse, errors, "is not a date (YYYY-MM-DD)");
        BigDecimal reading = field(form, "reading", t -> new BigDecimal(t.replace(",", "")), errors, "is not a number");
        ReadType type = field(form, "type", ReadType::valueOf, errors, "is not a read type");
        ReadSource source = field(form, "source", ReadSource::valueOf, errors, "is not a read source");
        String reader = blankTo(form.get("reader"), who == null ? null : who.getName());
        try {
            ReadView read = reads.record(new NewRead(meter.meterNumber(), register, readDate, null, reading, type, source, reader,
                    form.get("note")));
            // Every field parsed here is required, so an unreadable one has already made record() refuse the read.
            redirect.addFlashAttribute("notice", "Recorded the " + read.register().unit() + " read of " + BarChart.format(read.reading())
                    + " on " + read.readDate() + (read.usage() == null ? "" : " (" + BarChart.format(read.usage()) + " "
                    + read.register().unit() + " since the read before)") + ".");
            if ("EXCEPTION".equals(read.status())) {
                redirect.addFlashAttribute("warning", "The read failed validation and waits in the exceptions queue: "
                        + String.join("; ", read.findings()));
            }
            return "redirect:" + meterPath(meter);
        } catch (InvalidInputException e) {
            merge(errors, e);
            model.addAttribute("readErrors", byField(errors));
            model.addAttribute("readDraft", form);
            return meter(number, null, null, 50, model);
        }
    }

    @PostMapping("/meters/{number}/exchange")
    String exchange(@PathVariable String number, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        MeterRecord meter = meterOrNotFound(number);
        NotPermittedPage.requireBillingOrAdmin(permissions, new NotPermitted("Exchanging a meter is done by Billing or an administrator.",
                "You can still look at the meter and enter a read.", meterPath(meter), "Back to meter " + meter.meterNumber()));
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        LocalDate date = field(form, "date", LocalDate::parse, errors, "is not a date (YYYY-MM-DD)");
        BigDecimal removal = field(form, "removalReading", t -> new BigDecimal(t.replace(",", "")), errors, "is not a number");
        BigDecimal install = field(form, "installReading", t -> new BigDecimal(t.replace(",", "")), errors, "is not a number");
        Integer dials = field(form, "newDials", Integer::valueOf, errors, "is not a whole number");
        BigDecimal multiplier = field(form, "newMultiplier", BigDecimal::new, errors, "is not a number");
        try {
            if (errors.stream().anyMatch(v -> v.field().startsWith("new"))) {
                throw new InvalidInputException(errors); // optional fields: the exchange itself would not refuse them
            }
            ReadService.ExchangeResult done = reads.exchange(new MeterExchange(meter.meterNumber(), removal, form.get("newMeterNumber"),
                    install, date, form.get("reason"), form.get("newKind"), dials, multiplier, form.containsKey("newAmi") ? Boolean.TRUE : null));
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            redirect.addFlashAttribute("notice", "Exchanged meter " + meter.meterNumber() + " (removal read "
                    + BarChart.format(done.removal().reading()) + ") for meter " + done.install().meterNumber() + " (install read "
                    + BarChart.format(done.install().reading()) + ") on " + date + ".");
            return "redirect:" + UriComponentsBuilder.fromPath("/meters/{n}").buildAndExpand(done.install().meterNumber()).encode().toUriString();
        } catch (InvalidInputException e) {
            merge(errors, e);
            model.addAttribute("exchangeErrors", byField(errors));
            model.addAttribute("exchangeDraft", form);
            return meter(number, null, null, 50, model);
        }
    }

    private Map<String, String> readDefaults(MeterRecord meter) {
        Map<String, String> draft = new LinkedHashMap<>();
        draft.put("register", pages.registers(meter).getFirst().name());
        draft.put("readDate", LocalDate.now(clock).toString());
        draft.put("type", ReadType.ACTUAL.name());
        draft.put("source", ReadSource.MANUAL.name());
        return draft;
    }

    private MeterRecord meterOrNotFound(String number) {
        return reads.meter(number.trim()).orElseThrow(() -> new NotFoundException("Meter", number));
    }

    static String meterPath(MeterRecord meter) {
        return UriComponentsBuilder.fromPath("/meters/{n}").buildAndExpand(meter.meterNumber()).encode().toUriString();
    }

    private static <T> T parse(String text, String field, Function<String, T> parser) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parser.apply(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a " + ("month".equals(field) ? "month (YYYY-MM)" : "date (YYYY-MM-DD)"));
        }
    }

    /** A form field parsed, or null when blank (the service then says it is required) or unreadable (said here). */
    private static <T> T field(Map<String, String> form, String name, Function<String, T> parser,
                               List<InvalidInputException.Violation> errors, String problem) {
        String text = form.get(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(new InvalidInputException.Violation(name, "'" + text.trim() + "' " + problem));
            return null;
        }
    }

    /** Adds the service's findings, except for fields already reported as unreadable (not again as missing). */
    private static void merge(List<InvalidInputException.Violation> errors, InvalidInputException e) {
        e.violations().stream().filter(v -> errors.stream().noneMatch(p -> p.field().equals(v.field()))).forEach(errors::add);
    }

    private static Map<String, String> byField(List<InvalidInputException.Violation> errors) {
        Map<String, String> map = new LinkedHashMap<>();
        errors.forEach(v -> map.merge(v.field(), v.message(), (a, b) -> a + "; " + b));
        return map;
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}

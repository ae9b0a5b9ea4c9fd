package coop.switchboard.console;

import coop.switchboard.agreements.AgreementService;
import coop.switchboard.agreements.MoveRead;
import coop.switchboard.agreements.MoveResult;
import coop.switchboard.agreements.MoveService;
import coop.switchboard.agreements.TransferRequest;
import coop.switchboard.agreements.TransferResult;
import coop.switchboard.members.AccountView;
import coop.switchboard.metering.ReadView;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Starting, stopping and transferring service from the account screen (CSR work: anyone signed in). Each form shows
 * every field's problem beside it and keeps what was typed; on success it returns to the account with a notice.
 */
@Controller
class MoveController {
    private final MovePages pages;
    private final MoveService moves;
    private final AgreementService agreements;
    private final Clock clock;

    MoveController(MovePages pages, MoveService moves, AgreementService agreements, Clock clock) {
        this.pages = pages;
        this.moves = moves;
        this.agreements = agreements;
        this.clock = clock;
    }

    // ---- start ------------------------------------------------------------------------------------------------------

    @GetMapping("/accounts/{id}/start-service")
    String startPage(@PathVariable long id, @RequestParam(required = false) String address, @RequestParam(required = false) Long premiseId,
                     @RequestParam(required = false) Long servicePointId, Model model) {
        AccountView account = pages.header(id, model);
        var chosen = pages.chooser(account, address, premiseId, servicePointId, model);
        if (!model.containsAttribute("form")) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("startDate", LocalDate.now(clock).toString());
            form.put("initialChoice", "enter");
            chosen.ifPresent(p -> {
                form.put("servicePointId", Long.toString(p.point().id()));
                form.put("rateScheduleCode", p.defaultSchedule() == null ? "" : p.defaultSchedule());
            });
            model.addAttribute("form", form);
            model.addAttribute("errors", Map.of());
        }
        return "moves/start";
    }

    @PostMapping("/accounts/{id}/start-service")
    String start(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        Long pointId = field(form, "servicePointId", Long::valueOf, errors, "is not a service point");
        LocalDate startDate = field(form, "startDate", LocalDate::parse, errors, "is not a date (YYYY-MM-DD)");
        MoveRead read = read(form, "initial", errors);
        try {
            throwIfAny(errors);
            MoveResult started = moves.startService(id, pointId, form.get("rateScheduleCode"), startDate, read);
            redirect.addFlashAttribute("notice", "Started " + started.agreement().rateScheduleCode() + " service on "
                    + started.agreement().startDate() + readText(started.read(), "move-in") + exceptionText(started) + ".");
            return "redirect:/accounts/" + id;
        } catch (InvalidInputException e) {
            refused(model, form, errors, e);
            return startPage(id, null, parseLong(form.get("premiseId")), pointId, model);
        }
    }

    // ---- stop -------------------------------------------------------------------------------------------------------

    @GetMapping("/accounts/{id}/stop-service")
    String stopPage(@PathVariable long id, @RequestParam(required = false) Long agreementId, Model model) {
        pages.header(id, model);
        var services = pages.services(id, model);
        if (!model.containsAttribute("form")) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("endDate", LocalDate.now(clock).toString());
            form.put("finalChoice", "enter");
            Long chosen = agreementId != null ? agreementId : services.size() == 1 ? services.getFirst().agreement().id() : null;
            if (chosen != null) {
                form.put("agreementId", chosen.toString());
            }
            model.addAttribute("form", form);
            model.addAttribute("errors", Map.of());
        }
        return "moves/stop";
    }

    @PostMapping("/accounts/{id}/stop-service")
    String stop(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        pages.header(id, model);
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        Long agreementId = ownAgreement(id, form, errors);
        LocalDate endDate = field(form, "endDate", LocalDate::parse, errors, "is not a date (YYYY-MM-DD)");
        MoveRead read = read(form, "final", errors);
        try {
            throwIfAny(errors);
            MoveResult stopped = moves.stopService(agreementId, endDate, read);
            redirect.addFlashAttribute("notice", "Stopped " + stopped.agreement().rateScheduleCode() + " service on "
                    + stopped.agreement().endDate() + readText(stopped.read(), "final") + exceptionText(stopped)
                    + (stopped.accountStatus() == AccountView.AccountStatus.FINAL ? ". The account is now final: its final bill follows." : "."));
            return "redirect:/accounts/" + id;
        } catch (InvalidInputException e) {
            refused(model, form, errors, e);
            return stopPage(id, null, model);
        }
    }

    // ---- transfer ---------------------------------------------------------------------------------------------------

    @GetMapping("/accounts/{id}/transfer")
    String transferPage(@PathVariable long id, @RequestParam(required = false) String address, @RequestParam(required = false) Long premiseId,
                        @RequestParam(required = false) Long servicePointId, @RequestParam(required = false) Long agreementId, Model model) {
        AccountView account = pages.header(id, model);
        var services = pages.services(id, model);
        pages.otherAccounts(account, model);
        var chosen = pages.chooser(account, address, premiseId, servicePointId, model);
        if (!model.containsAttribute("form")) {
            Map<String, String> form = new LinkedHashMap<>();
            String today = LocalDate.now(clock).toString();
            form.put("endDate", today);
            form.put("startDate", today);
            form.put("finalChoice", "enter");
            form.put("initialChoice", "enter");
            form.put("toAccountId", "");
            Long stopping = agreementId != null ? agreementId : services.size() == 1 ? services.getFirst().agreement().id() : null;
            if (stopping != null) {
                form.put("agreementId", stopping.toString());
            }
            chosen.ifPresent(p -> {
                form.put("servicePointId", Long.toString(p.point().id()));
                form.put("rateScheduleCode", p.defaultSchedule() == null ? "" : p.defaultSchedule());
            });
            model.addAttribute("form", form);
            model.addAttribute("errors", Map.of());
        }
        return "moves/transfer";
    }

    @PostMapping("/accounts/{id}/transfer")
    String transfer(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        pages.header(id, model);
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        Long agreementId = ownAgreement(id, form, errors);
        LocalDate endDate = field(form, "endDate", LocalDate::parse, errors, "is not a date (YYYY-MM-DD)");
        MoveRead finalRead = read(form, "final", errors);
        Long pointId = field(form, "servicePointId", Long::valueOf, errors, "is not a service point");
        LocalDate startDate = field(form, "startDate", LocalDate::parse, errors, "is not a date (YYYY-MM-DD)");
        MoveRead initialRead = read(form, "initial", errors);
        Long toAccountId = field(form, "toAccountId", Long::valueOf, errors, "is not an account");
        boolean moveBalance = form.containsKey("moveBalance");
        try {
            throwIfAny(errors);
            TransferResult done = moves.transfer(new TransferRequest(agreementId, endDate, finalRead, pointId, form.get("rateScheduleCode"),
                    startDate, initialRead, toAccountId == null || toAccountId == id ? null : toAccountId, moveBalance));
            String notice = "Transferred service: stopped " + done.stopped().agreement().rateScheduleCode() + " on "
                    + done.stopped().agreement().endDate() + readText(done.stopped().read(), "final") + exceptionText(done.stopped())
                    + "; started " + done.started().agreement().rateScheduleCode() + " on " + done.started().agreement().startDate()
                    + readText(done.started().read(), "move-in") + exceptionText(done.started())
                    + (done.started().agreement().accountId() == id ? "" : " on account " + done.started().agreement().accountId())
                    + (done.moveBalance() ? "; the balance moves to the new account" : "") + ".";
            redirect.addFlashAttribute("notice", notice);
            return "redirect:/accounts/" + done.started().agreement().accountId();
        } catch (InvalidInputException e) {
            refused(model, form, errors, e);
            return transferPage(id, null, parseLong(form.get("premiseId")), pointId, null, model);
        }
    }

    // ---- form handling ----------------------------------------------------------------------------------------------

    /** The agreement chosen on the form, refused unless it is one of this account's running services. */
    private Long ownAgreement(long accountId, Map<String, String> form, List<InvalidInputException.Violation> errors) {
        Long agreementId = field(form, "agreementId", Long::valueOf, errors, "is not a service agreement");
        if (agreementId != null && agreements.forAccount(accountId).stream().noneMatch(a -> a.active() && a.id() == agreementId)) {
            errors.add(new InvalidInputException.Violation("agreementId", "is not a running service of this account"));
        }
        return agreementId;
    }

    /** The read part of a form: {@code <prefix>Choice} is "estimate" or "enter", {@code <prefix>Reading} the number. */
    private static MoveRead read(Map<String, String> form, String prefix, List<InvalidInputException.Violation> errors) {
        String reader = blankToNull(form.get("reader"));
        String note = blankToNull(form.get(prefix + "Note"));
        if ("estimate".equals(form.get(prefix + "Choice"))) {
            return new MoveRead(null, true, reader, note);
        }
        BigDecimal reading = field(form, prefix + "Reading", t -> new BigDecimal(t.replace(",", "")), errors, "is not a number");
        return new MoveRead(reading, false, reader, note);
    }

    private static String readText(ReadView read, String what) {
        if (read == null) {
            return "";
        }
        return " with the " + (read.type().name().equals("ESTIMATED") ? "estimated " : "") + what + " read of " + BarChart.format(read.reading())
                + " " + read.register().unit() + " on meter " + read.meterNumber();
    }

    private static String exceptionText(MoveResult result) {
        return result.readWaitsInExceptions() ? " (the read failed validation and waits in the exceptions queue: "
                + String.join("; ", result.read().findings()) + ")" : "";
    }

    private static void refused(Model model, Map<String, String> form, List<InvalidInputException.Violation> errors, InvalidInputException e) {
        e.violations().stream().filter(v -> errors.stream().noneMatch(p -> p.field().equals(v.field()))).forEach(errors::add);
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(v -> byField.merge(v.field(), v.message(), (a, b) -> a + "; " + b));
        model.addAttribute("errors", byField);
        model.addAttribute("form", form);
    }

    /** Unreadable input is refused before the service is asked, so nothing is saved from a half-understood form. */
    private static void throwIfAny(List<InvalidInputException.Violation> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
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

    private static Long parseLong(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

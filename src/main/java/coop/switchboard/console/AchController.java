package coop.switchboard.console;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.payments.AchReturns;
import coop.switchboard.payments.AchService;
import coop.switchboard.payments.ach.AbaRouting;
import coop.switchboard.payments.ach.AccountType;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.InvalidInputException;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ACH autopay: the enrollments (cancel, reinstate), the drafts file for a due date and its download, reading the bank's
 * return file, and an account's own autopay form. BILLING, SUPERVISOR and ADMIN make drafts files, read returns and
 * reinstate suspended enrollments; anyone may enroll an account or cancel its autopay when the member asks.
 */
@Controller
class AchController {
    static final List<String> STATUSES = List.of("ACTIVE", "PRENOTE", "SUSPENDED", "CANCELLED");
    private static final int SHOWN = 100;
    private final AchService ach;
    private final AchReturns returns;
    private final MemberService members;
    private final StaffPermissions permissions;
    private final Clock clock;

    AchController(AchService ach, AchReturns returns, MemberService members, StaffPermissions permissions, Clock clock) {
        this.ach = ach;
        this.returns = returns;
        this.members = members;
        this.permissions = permissions;
        this.clock = clock;
    }

    @GetMapping("/payments/ach")
    String page(@RequestParam(required = false) String status, Model model) {
        String filter = status != null && STATUSES.contains(status) ? status : null;
        Map<String, Integer> counts = ach.enrollmentCounts();
        List<AchService.Enrollment> list = ach.enrollments(filter, SHOWN);
        model.addAttribute("counts", counts);
        model.addAttribute("total", counts.values().stream().mapToInt(Integer::intValue).sum());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("filter", filter);
        model.addAttribute("enrollments", list);
        model.addAttribute("accounts", members.accounts(list.stream().map(AchService.Enrollment::accountId).distinct().toList()).stream()
                .collect(Collectors.toMap(AccountView::id, AccountView::accountNumber)));
        model.addAttribute("files", ach.files(20));
        model.addAttribute("mayRun", LockboxController.billingOrSupervisor(permissions));
        if (!model.containsAttribute("dueDate")) {
            model.addAttribute("dueDate", LocalDate.now(clock).toString());
        }
        return "payments/ach";
    }

    @PostMapping("/payments/ach/enrollments/{id}/cancel")
    String cancel(@PathVariable long id, @RequestParam(required = false) String reason, @RequestParam(required = false) String back,
                  RedirectAttributes redirect) {
        String to = back != null && back.matches("/(payments/ach|accounts/\\d+/autopay)(\\?status=[A-Z]+)?") ? back : "/payments/ach";
        try {
            AchService.Enrollment e = ach.cancel(id, reason);
            redirect.addFlashAttribute("notice", "Autopay " + e.maskedAccount() + " on account " + members.account(e.accountId()).accountNumber()
                    + " is cancelled.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Autopay was not cancelled: " + messages(e) + ".");
        }
        return "redirect:" + to;
    }

    @PostMapping("/payments/ach/enrollments/{id}/reinstate")
    String reinstate(@PathVariable long id, @RequestParam(required = false) String reason, @RequestParam(required = false) String back,
                     RedirectAttributes redirect) {
        String to = back != null && back.matches("/payments/ach(\\?status=[A-Z]+)?") ? back : "/payments/ach";
        try {
            AchService.Enrollment e = ach.reinstate(id, reason);
            redirect.addFlashAttribute("notice", "Autopay " + e.maskedAccount() + " on account " + members.account(e.accountId()).accountNumber()
                    + " drafts again.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Autopay was not reinstated: " + messages(e) + ".");
        }
        return "redirect:" + to;
    }

    @PostMapping("/payments/ach/drafts")
    String drafts(@RequestParam(required = false) String dueDate, RedirectAttributes redirect) {
        requireBilling("Billing or a supervisor makes the ACH drafts file");
        LocalDate date;
        try {
            date = dueDate == null || dueDate.isBlank() ? null : LocalDate.parse(dueDate.trim());
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("problem", "'" + dueDate + "' is not a date (YYYY-MM-DD): no drafts file was made.");
            redirect.addFlashAttribute("dueDate", dueDate);
            return "redirect:/payments/ach";
        }
        try {
            AchService.DraftFile f = ach.drafts(date);
            redirect.addFlashAttribute("dueDate", date.toString());
            if (f.fileId() == null) {
                redirect.addFlashAttribute("notice", "No drafts are due on " + date + ": no bills due to draft, prenotes or ACH refunds. No file was made.");
            } else {
                redirect.addFlashAttribute("notice", (f.created() ? "Made " : "The drafts file for " + date + " was made before: ") + f.fileName() + ": "
                        + f.debits() + " debits (" + PaymentsController.dollars(f.debitTotal()) + "), " + f.credits() + " refund credits ("
                        + PaymentsController.dollars(f.creditTotal()) + "), " + f.prenotes() + " prenotes.");
                redirect.addFlashAttribute("draftFileId", f.fileId());
                redirect.addFlashAttribute("draftFileName", f.fileName());
            }
            redirect.addFlashAttribute("skipped", new ArrayList<>(f.skipped()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "No drafts file was made: the due date " + messages(e) + ".");
        }
        return "redirect:/payments/ach";
    }

    @GetMapping("/payments/ach/files/{id}")
    ResponseEntity<byte[]> download(@PathVariable long id) {
        String name = ach.fileName(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(ach.fileContent(id).getBytes(StandardCharsets.US_ASCII));
    }

    @PostMapping("/payments/ach/returns")
    String returns(@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
        requireBilling("Billing or a supervisor reads the bank's return files");
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("problem", "Choose the bank's return file to read.");
            return "redirect:/payments/ach";
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "returns" : file.getOriginalFilename();
        try {
            AchReturns.ReturnsResult r = returns.returns(name, new String(file.getBytes(), StandardCharsets.US_ASCII));
            redirect.addFlashAttribute(r.alreadyRead() ? "problem" : "notice", r.alreadyRead()
                    ? "This return file was read before (return file " + r.fileId() + "): nothing was done again."
                    : "Read " + name + ": " + r.returns() + " returns (" + PaymentsController.dollars(coop.switchboard.shared.Money.ofCents(r.returnedCents()))
                    + "), " + r.corrections() + " notifications of change, " + r.unmatched() + " not matched.");
            redirect.addFlashAttribute("outcomes", r.alreadyRead() ? List.of() : new ArrayList<>(r.outcomes()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "The return file was refused and nothing was done: " + messages(e));
        }
        return "redirect:/payments/ach";
    }

    // ---- an account's autopay -------------------------------------------------------------------------------------

    @GetMapping("/accounts/{id}/autopay")
    String autopay(@PathVariable long id, Model model) {
        AccountView account = members.account(id);
        var member = members.member(account.memberId());
        model.addAttribute("account", account);
        model.addAttribute("memberName", member.displayName());
        model.addAttribute("current", ach.enrollmentOf(id).orElse(null));
        model.addAttribute("types", List.of(AccountType.CHECKING, AccountType.SAVINGS));
        if (!model.containsAttribute("form")) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("holderName", member.displayName());
            form.put("accountType", AccountType.CHECKING.name());
            if (member.type() == coop.switchboard.members.MemberView.MemberType.BUSINESS) {
                form.put("business", "true");
            }
            model.addAttribute("form", form);
            model.addAttribute("errors", Map.of());
        }
        return "payments/autopay";
    }

    @PostMapping("/accounts/{id}/autopay")
    String enroll(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        members.account(id);
        Map<String, String> errors = new LinkedHashMap<>();
        AccountType type = null;
        try {
            type = form.get("accountType") == null || form.get("accountType").isBlank() ? null : AccountType.valueOf(form.get("accountType"));
        } catch (IllegalArgumentException e) {
            errors.put("accountType", "must be checking or savings");
        }
        String number = form.getOrDefault("bankAccountNumber", "").replaceAll("\\s", "");
        String confirm = form.getOrDefault("confirmAccountNumber", "").replaceAll("\\s", "");
        if (!number.isEmpty() && !number.equals(confirm)) {
            errors.put("confirmAccountNumber", "does not match the account number: type it again");
            // Shown with the mismatch, so the person fixes both at once; the service checks it again when it enrolls.
            AbaRouting.problem(form.getOrDefault("routingNumber", "").replaceAll("[\\s-]", "")).ifPresent(p -> errors.put("routingNumber", p));
        }
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(List.of());
            }
            AchService.Enrollment e = ach.enroll(id, form.get("holderName"), form.get("routingNumber"), number, type,
                    form.containsKey("business"), form.containsKey("prenote"));
            redirect.addFlashAttribute("notice", "Autopay is set up from " + e.routingNumber() + " " + e.maskedAccount() + " ("
                    + e.accountType().name().toLowerCase() + ")" + ("PRENOTE".equals(e.status())
                    ? ": a prenote goes first, and drafting starts " + e.activeFrom() + "." : ": the next bill is drafted on its due date."));
            return "redirect:/accounts/" + id + "/autopay";
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.putIfAbsent(v.field(), v.message()));
            Map<String, String> draft = new LinkedHashMap<>(form);
            // The account number is never sent back to the browser.
            draft.remove("bankAccountNumber");
            draft.remove("confirmAccountNumber");
            model.addAttribute("form", draft);
            model.addAttribute("errors", errors);
            return autopay(id, model);
        }
    }

    private void requireBilling(String message) {
        if (!LockboxController.billingOrSupervisor(permissions)) {
            throw new NotPermitted(message, "You can still see the enrollments and files, and enroll or cancel an account's autopay.",
                    "/payments/ach", "Back to ACH autopay");
        }
    }

    static String messages(InvalidInputException e) {
        return e.violations().stream().map(InvalidInputException.Violation::message).collect(Collectors.joining("; "));
    }
}

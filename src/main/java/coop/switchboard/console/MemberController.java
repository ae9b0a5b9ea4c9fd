package coop.switchboard.console;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.members.NewMembership;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/** Activating a new membership from the counter or the phone: one form, every mistake named, nothing half-saved. */
@Controller
class MemberController {
    /** Field names as the form labels them, for the error summary at the top. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("type", "Kind of member"),
            Map.entry("firstName", "First name"), Map.entry("middleName", "Middle name"), Map.entry("lastName", "Last name"),
            Map.entry("businessName", "Business name"), Map.entry("taxId", "SSN or EIN"), Map.entry("birthDate", "Date of birth"),
            Map.entry("photoIdType", "Photo ID"), Map.entry("photoIdNumber", "ID number"), Map.entry("language", "Preferred language"),
            Map.entry("phone", "Phone"), Map.entry("phoneType", "Phone type"), Map.entry("email", "E-mail"),
            Map.entry("mailLine1", "Mailing address"), Map.entry("mailLine2", "Address line 2"), Map.entry("mailCity", "City"),
            Map.entry("mailState", "State"), Map.entry("mailZip", "ZIP"), Map.entry("billDelivery", "Bills by"),
            Map.entry("feeStatus", "Membership fee"));
    private final MembershipEnrollment enrollment;

    MemberController(MembershipEnrollment enrollment) {
        this.enrollment = enrollment;
    }

    @GetMapping("/members/new")
    String form(Model model) {
        model.addAttribute("form", Map.of("type", "PERSON", "language", "EN", "phoneType", "MOBILE", "billDelivery", "MAIL",
                "feeStatus", "PAID", "mailState", "WA"));
        model.addAttribute("errors", Map.of());
        return "members/new";
    }

    @PostMapping("/members")
    String enroll(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        InputChecks checks = new InputChecks();
        MemberView.MemberType type = parse(form, "type", MemberView.MemberType::valueOf, checks);
        MemberView.Language language = parse(form, "language", MemberView.Language::valueOf, checks);
        AccountView.BillDelivery delivery = parse(form, "billDelivery", AccountView.BillDelivery::valueOf, checks);
        MemberView.MembershipFeeStatus fee = parse(form, "feeStatus", MemberView.MembershipFeeStatus::valueOf, checks);
        LocalDate birthDate = parse(form, "birthDate", LocalDate::parse, checks);
        try {
            checks.throwIfAny();
            AccountView account = enrollment.enroll(new NewMembership(type, form.get("firstName"), form.get("middleName"),
                    form.get("lastName"), form.get("businessName"), form.get("taxId"), birthDate, form.get("photoIdType"),
                    form.get("photoIdNumber"), language, form.get("phone"), form.get("phoneType"), form.get("email"),
                    form.get("mailLine1"), form.get("mailLine2"), form.get("mailCity"), form.get("mailState"),
                    form.get("mailZip"), delivery, fee));
            redirect.addFlashAttribute("notice", "Membership activated: account " + account.accountNumber()
                    + " is pending until service starts.");
            return "redirect:/accounts/" + account.id();
        } catch (InvalidInputException e) {
            Map<String, String> errors = e.byField();
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            model.addAttribute("labels", LABELS);
            model.addAttribute("problem", "Please correct the " + errors.size() + " highlighted field"
                    + (errors.size() == 1 ? "" : "s") + ": nothing was saved.");
            return "members/new";
        }
    }

    /** A blank value is null (the service decides whether it is required); a malformed one is an error on its field. */
    private static <T> T parse(Map<String, String> form, String field, Function<String, T> parser, InputChecks checks) {
        String value = form.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            checks.add(field, "is not a valid value");
            return null;
        }
    }

}

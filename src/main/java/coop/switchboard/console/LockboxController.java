package coop.switchboard.console;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.payments.LockboxImport;
import coop.switchboard.payments.ReceiptView;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lockbox and remittance files (import one, the recent imports, an import's suspense items) and the suspense queue,
 * where a CSR applies each unmatched item to its account or returns the check. BILLING, SUPERVISOR and ADMIN import
 * files; everyone may look and work the queue.
 */
@Controller
class LockboxController {
    private static final int SUSPENSE_SHOWN = 200;
    private final LockboxImport lockbox;
    private final MemberService members;
    private final AccountSearch search;
    private final StaffPermissions permissions;

    LockboxController(LockboxImport lockbox, MemberService members, AccountSearch search, StaffPermissions permissions) {
        this.lockbox = lockbox;
        this.members = members;
        this.search = search;
        this.permissions = permissions;
    }

    @GetMapping("/payments/lockbox")
    String page(Model model) {
        model.addAttribute("imports", lockbox.recent(30));
        model.addAttribute("mayImport", billingOrSupervisor(permissions));
        model.addAttribute("openSuspense", lockbox.suspense(true, SUSPENSE_SHOWN).size());
        return "payments/lockbox";
    }

    @PostMapping("/payments/lockbox")
    String importFile(@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
        if (!billingOrSupervisor(permissions)) {
            throw new NotPermitted("Billing or a supervisor imports lockbox files", "You can still see the imports and work the suspense queue.",
                    "/payments/lockbox", "Back to lockbox imports");
        }
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("problem", "Choose the bank's file (BAI2, BAI lockbox or Switchboard CSV) to import.");
            return "redirect:/payments/lockbox";
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload" : file.getOriginalFilename();
        LockboxImport.Result result = lockbox.importFile(name, file.getBytes());
        LockboxImport.FileView f = result.file();
        if (result.duplicate()) {
            redirect.addFlashAttribute("problem", "This file was imported before (import " + f.id() + ", " + f.fileName() + "): nothing was posted.");
        } else if (f.rejected()) {
            redirect.addFlashAttribute("problem", "The file was rejected and nothing was posted: " + f.reason());
        } else {
            redirect.addFlashAttribute("notice", "Imported " + f.fileName() + ": " + f.posted() + " posted ("
                    + PaymentsController.dollars(f.postedTotal()) + "), " + f.suspense() + " in suspense ("
                    + PaymentsController.dollars(f.suspenseTotal()) + ").");
        }
        return "redirect:/payments/lockbox/" + f.id();
    }

    @GetMapping("/payments/lockbox/{id}")
    String file(@PathVariable long id, Model model) {
        model.addAttribute("f", lockbox.file(id));
        model.addAttribute("items", lockbox.suspenseOf(id));
        return "payments/lockbox-file";
    }

    @GetMapping("/payments/suspense")
    String suspense(Model model) {
        List<LockboxImport.SuspenseView> all = lockbox.suspense(false, SUSPENSE_SHOWN);
        model.addAttribute("open", all.stream().filter(s -> "OPEN".equals(s.status())).toList());
        model.addAttribute("resolved", all.stream().filter(s -> !"OPEN".equals(s.status())).toList());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
            model.addAttribute("draft", Map.of());
            model.addAttribute("errorItem", -1L);
        }
        return "payments/suspense";
    }

    @PostMapping("/payments/suspense/{id}/apply")
    String apply(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        String typed = form.getOrDefault("q", "").trim();
        Long accountId = accountFor(typed, errors);
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(List.of());
            }
            ReceiptView receipt = lockbox.apply(id, accountId, form.get("note"));
            AccountView account = members.account(accountId);
            redirect.addFlashAttribute("notice", "Applied suspense item " + id + " (" + PaymentsController.dollars(receipt.total())
                    + ") to account " + account.accountNumber() + ": receipt " + receipt.id() + ".");
            return "redirect:/payments/suspense";
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.putIfAbsent(switch (v.field()) {
                case "accountId", "parts[0].accountId" -> "account";
                case "suspenseId" -> "item";
                default -> v.field().replaceFirst("^parts\\[0]\\.", "");
            }, v.message()));
            return again(id, form, errors, model);
        }
    }

    @PostMapping("/payments/suspense/{id}/return")
    String returnToSender(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        try {
            LockboxImport.SuspenseView item = lockbox.returnToSender(id, form.get("returnNote"));
            redirect.addFlashAttribute("notice", "Suspense item " + id + " (" + PaymentsController.dollars(item.amount())
                    + ") is marked returned to the sender.");
            return "redirect:/payments/suspense";
        } catch (InvalidInputException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.violations().forEach(v -> errors.putIfAbsent("note".equals(v.field()) ? "returnNote" : "suspenseId".equals(v.field()) ? "item" : v.field(),
                    v.message()));
            return again(id, form, errors, model);
        }
    }

    private String again(long id, Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("errors", errors);
        model.addAttribute("draft", form);
        model.addAttribute("errorItem", id);
        return suspense(model);
    }

    /** The account typed in the apply form: an account number, or a search with exactly one match. */
    private Long accountFor(String typed, Map<String, String> errors) {
        if (typed.isEmpty()) {
            errors.put("account", "is required: type the account number or search for the member");
            return null;
        }
        var byNumber = members.accountByNumber(typed);
        if (byNumber.isPresent()) {
            return byNumber.get().id();
        }
        var hits = search.search(typed, 2);
        if (hits.size() == 1) {
            return hits.getFirst().accountId();
        }
        errors.put("account", hits.isEmpty() ? "no account matches '" + typed + "'"
                : "'" + typed + "' matches several accounts: type the account number or pick one from the list");
        return null;
    }

    static boolean billingOrSupervisor(StaffPermissions permissions) {
        return permissions.hasRole(Role.BILLING) || permissions.hasRole(Role.SUPERVISOR) || permissions.hasRole(Role.ADMIN);
    }
}

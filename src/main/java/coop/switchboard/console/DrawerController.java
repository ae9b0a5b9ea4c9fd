package coop.switchboard.console;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.payments.DrawerService;
import coop.switchboard.payments.DrawerService.Denomination;
import coop.switchboard.payments.DrawerView;
import coop.switchboard.payments.PaymentView;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The CSR's cash drawer (open it with a float, watch its totals and payments, close it by counting) and the supervisor's
 * list of the day's drawers with the closes awaiting approval.
 */
@Controller
class DrawerController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BLANK_CHECK_ROWS = 3;
    private final DrawerService drawers;
    private final MemberService members;
    private final StaffPermissions permissions;
    private final Clock clock;

    DrawerController(DrawerService drawers, MemberService members, StaffPermissions permissions, Clock clock) {
        this.drawers = drawers;
        this.members = members;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** A check row on the close form, as typed. */
    record CheckRow(String number, String amount) {
    }

    @GetMapping("/payments/drawer")
    String drawer(Model model) {
        var current = drawers.current();
        model.addAttribute("denominations", Denomination.values());
        if (current.isEmpty()) {
            String me = me();
            LocalDate today = LocalDate.now(clock);
            model.addAttribute("mine", drawers.drawersOn(today).stream().filter(d -> d.openedBy().equals(me)).toList());
            if (!model.containsAttribute("openDraft")) {
                model.addAttribute("openDraft", Map.of("openingFloat", "100.00"));
                model.addAttribute("openErrors", Map.of());
            }
            return "payments/drawer";
        }
        DrawerView d = current.get();
        DrawerService.Expected expected = drawers.expected(d.id());
        model.addAttribute("drawer", d);
        model.addAttribute("expected", expected);
        payments(expected.payments(), d, model);
        if (!model.containsAttribute("countDraft")) {
            Map<String, String> pieces = new HashMap<>();
            List<CheckRow> rows = new ArrayList<>();
            expected.checkList().forEach(c -> rows.add(new CheckRow(c.number(), c.amount().amount().toPlainString())));
            for (int i = 0; i < BLANK_CHECK_ROWS; i++) {
                rows.add(new CheckRow("", ""));
            }
            model.addAttribute("countDraft", pieces);
            model.addAttribute("checkRows", rows);
            model.addAttribute("note", "");
            model.addAttribute("countErrors", Map.of());
        }
        return "payments/drawer";
    }

    @PostMapping("/payments/drawer/open")
    String open(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Money openingFloat = PaymentsController.money(form.get("openingFloat"), "openingFloat", errors);
        try {
            DrawerView d = drawers.open(form.get("location"), openingFloat);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("drawer " + d.id() + " opened with an unreadable float");
            }
            redirect.addFlashAttribute("notice", "Drawer " + d.id() + " is open at " + d.location() + " with a float of "
                    + PaymentsController.dollars(d.openingFloat()) + ".");
            return "redirect:/payments/drawer";
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.putIfAbsent(v.field(), v.message()));
            model.addAttribute("openDraft", form);
            model.addAttribute("openErrors", errors);
            return drawer(model);
        }
    }

    @PostMapping("/payments/drawer/{id}/close")
    String close(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<Denomination, Integer> pieces = new EnumMap<>(Denomination.class);
        Map<String, String> typed = new HashMap<>();
        for (Denomination d : Denomination.values()) {
            String text = form.getFirst("count." + d.name());
            typed.put(d.name(), text == null ? "" : text);
            if (text == null || text.isBlank()) {
                pieces.put(d, 0);
                continue;
            }
            try {
                pieces.put(d, Integer.valueOf(text.trim()));
            } catch (NumberFormatException e) {
                errors.put("count." + d.name(), "'" + text.trim() + "' is not a number of pieces");
            }
        }
        List<String> numbers = form.getOrDefault("checkNumber", List.of());
        List<String> amounts = form.getOrDefault("checkAmount", List.of());
        List<CheckRow> rows = new ArrayList<>();
        List<DrawerService.CheckItem> checks = new ArrayList<>();
        List<Integer> rowOfCheck = new ArrayList<>();
        for (int i = 0; i < Math.max(numbers.size(), amounts.size()); i++) {
            String number = i < numbers.size() ? numbers.get(i).trim() : "";
            String amount = i < amounts.size() ? amounts.get(i).trim() : "";
            rows.add(new CheckRow(number, amount));
            if (number.isEmpty() && amount.isEmpty()) {
                continue;
            }
            Money value = PaymentsController.money(amount, "checks[" + (rows.size() - 1) + "].amount", errors);
            checks.add(new DrawerService.CheckItem(number.isEmpty() ? null : number, value));
            rowOfCheck.add(rows.size() - 1);
        }
        String note = form.getFirst("note");
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(List.of());
            }
            DrawerView closed = drawers.close(id, new DrawerService.Count(pieces, checks, note));
            redirect.addFlashAttribute("notice", "Drawer " + closed.id() + " is closed" + (closed.overShort().isZero() ? ", in balance."
                    : closed.overShort().signum() > 0 ? ", over by " + PaymentsController.dollars(closed.overShort()) + "."
                    : ", short by " + PaymentsController.dollars(closed.overShort().negate()) + ".")
                    + " A supervisor approves it next.");
            return "redirect:/payments/drawers/" + closed.id();
        } catch (InvalidInputException e) {
            for (InvalidInputException.Violation v : e.violations()) {
                String field = v.field();
                if (field.startsWith("checks[")) {
                    int i = Integer.parseInt(field.substring(7, field.indexOf(']')));
                    field = "checks[" + (i < rowOfCheck.size() ? rowOfCheck.get(i) : i) + field.substring(field.indexOf(']'));
                }
                errors.putIfAbsent(field, v.message());
            }
            model.addAttribute("countDraft", typed);
            model.addAttribute("checkRows", rows);
            model.addAttribute("note", note == null ? "" : note);
            model.addAttribute("countErrors", errors);
            return drawer(model);
        } catch (NotAllowedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/payments/drawers/" + id;
        }
    }

    @GetMapping("/payments/drawers/{id}")
    String detail(@PathVariable long id, Model model) {
        DrawerView d = drawers.drawer(id);
        DrawerService.Expected expected = drawers.expected(id);
        model.addAttribute("drawer", d);
        model.addAttribute("expected", expected);
        model.addAttribute("count", count(d));
        model.addAttribute("mayApprove", supervisor() && !d.openedBy().equals(me()));
        payments(expected.payments(), d, model);
        return "payments/drawer-detail";
    }

    @GetMapping("/payments/drawers")
    String list(@RequestParam(required = false) String day, Model model) {
        LocalDate date = LocalDate.now(clock);
        try {
            if (day != null && !day.isBlank()) {
                date = LocalDate.parse(day.trim());
            }
        } catch (DateTimeParseException e) {
            model.addAttribute("problem", "'" + day + "' is not a date (YYYY-MM-DD); showing today.");
        }
        List<DrawerView> onDay = drawers.drawersOn(date);
        Map<Long, DrawerService.Expected> expected = new HashMap<>();
        onDay.stream().filter(d -> d.status() == DrawerView.Status.OPEN).forEach(d -> expected.put(d.id(), drawers.expected(d.id())));
        model.addAttribute("day", date);
        model.addAttribute("drawers", onDay);
        model.addAttribute("expectedOpen", expected);
        model.addAttribute("awaiting", drawers.awaitingApproval());
        model.addAttribute("supervisor", supervisor());
        model.addAttribute("me", me());
        return "payments/drawers";
    }

    @PostMapping("/payments/drawers/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) String note, @RequestParam(required = false) String back,
                   RedirectAttributes redirect) {
        String to = "detail".equals(back) ? "/payments/drawers/" + id : "/payments/drawers";
        try {
            DrawerView d = drawers.approve(id, note);
            redirect.addFlashAttribute("notice", "Approved drawer " + d.id() + " (" + d.openedBy() + ", " + d.location()
                    + "): it goes to the next bank deposit.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "Drawer " + id + " was not approved: "
                    + e.violations().stream().map(v -> v.message()).collect(Collectors.joining("; ")) + ".");
            redirect.addFlashAttribute("problemDrawer", id);
        } catch (NotAllowedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("problemDrawer", id);
        }
        return "redirect:" + to;
    }

    /** The drawer's payments with their accounts, and which the signed-in person may reverse. */
    private void payments(List<PaymentView> list, DrawerView d, Model model) {
        Map<Long, AccountView> accounts = members.accounts(list.stream().map(PaymentView::accountId).distinct().toList()).stream()
                .collect(Collectors.toMap(AccountView::id, Function.identity()));
        String me = me();
        LocalDate today = LocalDate.now(clock);
        boolean any = permissions.hasRole(Role.BILLING) || supervisor();
        Map<Long, Boolean> mayReverse = new HashMap<>();
        for (PaymentView p : list) {
            boolean own = me.equals(p.postedBy()) && p.postedAt().atZone(clock.getZone()).toLocalDate().equals(today)
                    && d.status() == DrawerView.Status.OPEN;
            mayReverse.put(p.id(), !p.reversed() && (any || own));
        }
        List<PaymentView> newestFirst = new ArrayList<>(list);
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("payments", newestFirst);
        model.addAttribute("accounts", accounts);
        model.addAttribute("mayReverse", mayReverse);
    }

    /** The pieces and checks counted at the close, from the drawer's stored detail. */
    record Counted(List<Piece> pieces, List<DrawerService.CheckItem> checks) {
    }

    record Piece(Denomination denomination, int count, Money total) {
    }

    static Counted count(DrawerView d) {
        if (d.countDetailJson() == null) {
            return null;
        }
        JsonNode detail = JSON.readTree(d.countDetailJson());
        List<Piece> pieces = new ArrayList<>();
        for (Denomination denomination : Denomination.values()) {
            JsonNode n = detail.path("pieces").path(denomination.name());
            int count = n.isMissingNode() || n.isNull() ? 0 : n.asInt();
            if (count > 0) {
                pieces.add(new Piece(denomination, count, new Money(denomination.value().amount().multiply(java.math.BigDecimal.valueOf(count)))));
            }
        }
        List<DrawerService.CheckItem> checks = new ArrayList<>();
        for (JsonNode c : detail.path("checks")) {
            checks.add(new DrawerService.CheckItem(c.path("number").asString(""), Money.of(c.path("amount").asString("0"))));
        }
        return new Counted(pieces, checks);
    }

    private boolean supervisor() {
        return permissions.hasRole(Role.SUPERVISOR) || permissions.hasRole(Role.ADMIN);
    }

    static String me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "" : auth.getName();
    }
}

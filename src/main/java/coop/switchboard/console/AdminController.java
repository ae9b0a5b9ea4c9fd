package coop.switchboard.console;

import coop.switchboard.platform.ApiTokens;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffUsers;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ADMIN pages: staff users and their roles, and API tokens (the path is restricted to ADMIN by security). */
@Controller
class AdminController {
    private final StaffUsers users;
    private final ApiTokens tokens;
    private final Clock clock;

    AdminController(StaffUsers users, ApiTokens tokens, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("now", clock.instant());
        return "admin/users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String password, @RequestParam(required = false) List<String> roles,
                  Model model, RedirectAttributes redirect) {
        try {
            users.create(username.trim(), displayName, password, roles(roles));
            redirect.addFlashAttribute("notice", "Added " + username.trim() + ".");
            return "redirect:/admin/users";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
            model.addAttribute("draft", Map.of("username", username, "displayName", displayName));
            model.addAttribute("draftRoles", roles == null ? List.of() : roles);
            return users(model);
        }
    }

    @PostMapping("/admin/users/{id}")
    String update(@PathVariable long id, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(required = false) List<String> roles, @RequestParam(defaultValue = "false") boolean enabled,
                  RedirectAttributes redirect) {
        try {
            users.update(id, displayName, roles(roles), enabled);
            redirect.addFlashAttribute("notice", "Saved " + users.get(id).username() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/unlock")
    String unlock(@PathVariable long id, RedirectAttributes redirect) {
        users.unlock(id);
        redirect.addFlashAttribute("notice", "Unlocked " + users.get(id).username() + ".");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/password")
    String password(@PathVariable long id, @RequestParam(defaultValue = "") String password, RedirectAttributes redirect) {
        try {
            users.resetPassword(id, password);
            redirect.addFlashAttribute("notice", "Password reset for " + users.get(id).username() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @GetMapping("/admin/tokens")
    String tokens(Model model) {
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("roles", Role.values());
        return "admin/tokens";
    }

    @PostMapping("/admin/tokens")
    String issue(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) List<String> roles,
                 Model model) {
        try {
            model.addAttribute("issued", tokens.issue(name, roles(roles)));
            model.addAttribute("issuedName", name);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
            model.addAttribute("draftName", name);
        }
        return tokens(model);
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(id);
        redirect.addFlashAttribute("notice", "Token revoked.");
        return "redirect:/admin/tokens";
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names != null) {
            for (String name : names) {
                try {
                    roles.add(Role.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("roles", "unknown role " + name);
                }
            }
        }
        return roles;
    }

}

package coop.switchboard.console;

import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows (the utility, who is signed in) and the friendly not-found page. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
    private final String utilityName;
    private final StaffPermissions permissions;

    ConsoleModel(@Value("${switchboard.utility.name}") String utilityName, StaffPermissions permissions) {
        this.utilityName = utilityName;
        this.permissions = permissions;
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("utilityName", utilityName);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("staffName", auth == null ? null : auth.getName());
        model.addAttribute("isAdmin", permissions.hasRole(Role.ADMIN));
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(404);
        common(model);
        model.addAttribute("message", e.getMessage());
        return "not-found";
    }
}

package coop.switchboard.console;

import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The one 403 page of the console: what was refused, what the person can still do, and the way back. */
@ControllerAdvice(assignableTypes = {RatesController.class, CyclesController.class, ReadExceptionsController.class, MeterController.class,
        BillingController.class})
class NotPermittedPage {
    private final StaffPermissions permissions;
    private final String utilityName;

    NotPermittedPage(StaffPermissions permissions, @Value("${switchboard.utility.name}") String utilityName) {
        this.permissions = permissions;
        this.utilityName = utilityName;
    }

    /** Throws {@link NotPermitted} unless the signed-in person is BILLING or ADMIN. */
    static void requireBillingOrAdmin(StaffPermissions permissions, NotPermitted refusal) {
        if (!billingOrAdmin(permissions)) {
            throw refusal;
        }
    }

    static boolean billingOrAdmin(StaffPermissions permissions) {
        return permissions.hasRole(Role.BILLING) || permissions.hasRole(Role.ADMIN);
    }

    @ExceptionHandler(NotPermitted.class)
    String notPermitted(NotPermitted e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        // Exception handlers do not get the usual model attributes, so the layout's are added here.
        model.addAttribute("utilityName", utilityName);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("staffName", auth == null ? null : auth.getName());
        model.addAttribute("isAdmin", permissions.hasRole(Role.ADMIN));
        model.addAttribute("message", e.getMessage());
        model.addAttribute("stillAllowed", e.stillAllowed());
        model.addAttribute("backPath", e.backPath());
        model.addAttribute("backLabel", e.backLabel());
        return "forbidden";
    }
}

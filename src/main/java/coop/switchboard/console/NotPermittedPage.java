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
        BillingController.class, PaymentsController.class, DrawerController.class, DepositController.class,
        LockboxController.class, AchController.class, RefundsController.class})
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

    /** A payments rule the person's roles do not meet (a CSR making the bank deposit, say). */
    @ExceptionHandler(coop.switchboard.shared.NotAllowedException.class)
    String notAllowed(coop.switchboard.shared.NotAllowedException e, Model model, HttpServletResponse response) {
        String message = e.getMessage() == null ? "Your roles do not allow this" : e.getMessage().replaceAll("\\.\\s*$", "");
        return notPermitted(new NotPermitted(message, "You can still take payments, work your own drawer and read the day's reports.",
                "/payments/new", "Back to payments"), model, response);
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

package coop.switchboard.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decisions that depend on who is signed in. Which roles may reveal a masked field is policy
 * ({@code switchboard.security.reveal-roles}, by default SUPERVISOR, COLLECTIONS and ADMIN).
 */
@Component
public class StaffPermissions {
    private final Set<String> revealAuthorities;

    StaffPermissions(@Value("${switchboard.security.reveal-roles:SUPERVISOR,COLLECTIONS,ADMIN}") String revealRoles) {
        this.revealAuthorities = Arrays.stream(revealRoles.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(r -> Role.valueOf(r).authority()).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the signed-in user may see a sensitive field in full. */
    public boolean mayReveal() {
        return has(revealAuthorities);
    }

    public boolean hasRole(Role role) {
        return has(Set.of(role.authority()));
    }

    private static boolean has(Set<String> authorities) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authorities::contains);
    }
}

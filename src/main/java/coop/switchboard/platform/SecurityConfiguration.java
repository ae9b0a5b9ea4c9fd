package coop.switchboard.platform;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

import java.time.Clock;

/**
 * Two doors: {@code /api/**} takes bearer tokens and keeps no session; everything else is the console, signed in
 * with a form, protected against CSRF, with an idle timeout ({@code server.servlet.session.timeout}) and a lockout
 * after {@value StaffUsers#MAX_FAILED_ATTEMPTS} failed attempts.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * No observations of the security filter chain, authentications or authorizations: wrapping every filter of every
     * request in an observation cost more than posting a payment, and nothing reads those spans. (HTTP request metrics
     * are still observed, by the web layer.)
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(StaffUsers users, Clock clock) {
        return username -> users.credentials(username)
                .map(c -> User.withUsername(c.username())
                        .password(c.passwordHash())
                        .authorities(c.roles().stream().map(Role::authority).toArray(String[]::new))
                        .disabled(!c.enabled())
                        .accountLocked(c.lockedUntil() != null && c.lockedUntil().isAfter(clock.instant()))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    @Bean
    @Order(1)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .addFilterBefore(new ApiTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(res, 401, "Unauthorized",
                                "Send an API token as 'Authorization: Bearer <token>'."))
                        .accessDeniedHandler((req, res, ex) -> problem(res, 403, "Forbidden",
                                "The token's roles do not permit this.")));
        return http.build();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain console(HttpSecurity http, StaffUsers users) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setDefaultTargetUrl("/");
        AuthenticationFailureHandler failure = (req, res, ex) -> {
            String username = req.getParameter("username");
            if (ex instanceof LockedException) {
                res.sendRedirect(req.getContextPath() + "/login?locked");
                return;
            }
            if (username != null) {
                users.recordFailedSignIn(username);
            }
            res.sendRedirect(req.getContextPath() + "/login?error");
        };
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health", "/error")
                        .permitAll()
                        .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .successHandler((req, res, auth) -> {
                            users.recordSignIn(auth.getName());
                            success.onAuthenticationSuccess(req, res, auth);
                        })
                        .failureHandler(failure)
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll())
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId())
                        .invalidSessionUrl("/login?expired"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
        return http.build();
    }

    private static void problem(HttpServletResponse res, int status, String title, String detail) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }
}

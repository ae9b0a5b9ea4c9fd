package coop.switchboard.platform;

import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens for integrations calling {@code /api/v1}. Only a SHA-256 hash is stored (tokens carry 256 random
 * bits, so a slow hash adds nothing); the token itself is shown once, when it is created.
 */
@Service
public class ApiTokens {
    private static final String PREFIX = "sb_";
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CachedPrincipal> cache = new ConcurrentHashMap<>();

    ApiTokens(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Issues a new token and returns it in clear, the only time it is ever shown. */
    @Transactional
    public String issue(String name, Set<Role> roles) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        register(name, token, roles);
        return token;
    }

    /** Registers a token chosen elsewhere (the demo's SWITCHBOARD_DEMO_API_TOKEN), unless it is registered already. */
    @Transactional
    public void register(String name, String token, Set<Role> roles) {
        new InputChecks().required("name", name).maxLength("name", name, 100)
                .check(token != null && token.length() >= 16, "token", "must be at least 16 characters")
                .check(roles != null && !roles.isEmpty(), "roles", "choose at least one role")
                .throwIfAny();
        byte[] hash = hash(token);
        boolean exists = jdbc.sql("select count(*) from platform.api_token where token_hash = ?").param(hash)
                .query(Long.class).single() > 0;
        if (exists) {
            return;
        }
        long id = jdbc.sql("""
                        insert into platform.api_token (name, token_hash, token_prefix, roles, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?) returning id
                        """)
                .params(name.trim(), hash, token.substring(0, Math.min(8, token.length())),
                        roles.stream().map(Role::name).sorted().toArray(String[]::new), audit.currentActor(),
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.changed("api_token", id, null, "CREATE", null, Map.of("name", name, "roles", roles.stream().map(Role::name).sorted().toList()));
    }

    @Transactional
    public void revoke(long id) {
        int n = jdbc.sql("update platform.api_token set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), id).update();
        if (n > 0) {
            audit.changed("api_token", id, null, "REVOKE", null, null);
            cache.values().removeIf(c -> c.principal().id() == id);
        }
    }

    /** Revokes a token by its value (a job that issued itself a token for a run hands it back at the end). */
    @Transactional
    public void revoke(String token) {
        jdbc.sql("select id from platform.api_token where token_hash = ? and revoked_at is null").param(hash(token))
                .query(Long.class).optional().ifPresent(this::revoke);
    }

    public List<ApiTokenView> list() {
        return jdbc.sql("select * from platform.api_token order by revoked_at nulls first, created_at desc")
                .query((rs, n) -> new ApiTokenView(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                        StaffUsers.roles(rs.getArray("roles")), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                        ts(rs.getTimestamp("revoked_at")), ts(rs.getTimestamp("last_used_at"))))
                .list();
    }

    /**
     * Looks a token up, remembering the answer for {@link #CACHE_FOR} so a busy integration does not write
     * {@code last_used_at} on every request; a revocation on this node takes effect at once, on other nodes within that time.
     */
    Optional<TokenPrincipal> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String key = Base64.getEncoder().encodeToString(hash(token));
        Instant now = clock.instant();
        CachedPrincipal cached = cache.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.principal());
        }
        Optional<TokenPrincipal> principal = jdbc.sql("""
                        update platform.api_token set last_used_at = ?
                        where token_hash = ? and revoked_at is null
                        returning id, name, roles
                        """)
                .params(Timestamp.from(clock.instant()), hash(token))
                .query((rs, n) -> new TokenPrincipal(rs.getLong("id"), rs.getString("name"), StaffUsers.roles(rs.getArray("roles"))))
                .optional();
        principal.ifPresentOrElse(p -> cache.put(key, new CachedPrincipal(p, now.plus(CACHE_FOR))), () -> cache.remove(key));
        return principal;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private record CachedPrincipal(TokenPrincipal principal, Instant until) {
    }

    record TokenPrincipal(long id, String name, Set<Role> roles) {
    }

    /** A token as the admin page lists it: never the token itself. */
    public record ApiTokenView(long id, String name, String prefix, Set<Role> roles, String createdBy, Instant createdAt,
                               Instant revokedAt, Instant lastUsedAt) {
    }
}

package coop.switchboard.platform;

import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Staff who sign in to the console: created and given roles by an ADMIN, passwords hashed with bcrypt, locked for a
 * while after repeated failed sign-ins.
 */
@Service
public class StaffUsers {
    static final int MAX_FAILED_ATTEMPTS = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9._-]{1,39}$");
    private static final int MIN_PASSWORD = 12;
    private static final RowMapper<StaffUserView> ROW = (rs, n) -> new StaffUserView(rs.getLong("id"),
            rs.getString("username"), rs.getString("display_name"), roles(rs.getArray("roles")), rs.getBoolean("enabled"),
            rs.getInt("failed_attempts"), instant(rs.getTimestamp("locked_until")), instant(rs.getTimestamp("last_login_at")));

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    StaffUsers(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    public List<StaffUserView> list() {
        return jdbc.sql("select * from platform.staff_user order by username").query(ROW).list();
    }

    public Optional<StaffUserView> find(String username) {
        return jdbc.sql("select * from platform.staff_user where username = ?").param(username).query(ROW).optional();
    }

    public StaffUserView get(long id) {
        return jdbc.sql("select * from platform.staff_user where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFoundException("Staff user", id));
    }

    /** Adds a staff member; the password must be at least 12 characters. */
    @Transactional
    public StaffUserView create(String username, String displayName, String password, Set<Role> roles) {
        InputChecks checks = new InputChecks()
                .required("username", username)
                .check(username == null || USERNAME.matcher(username).matches(), "username",
                        "must be 2-40 lower-case letters, digits, '.', '_' or '-', starting with a letter")
                .required("displayName", displayName)
                .maxLength("displayName", displayName, 100)
                .check(password != null && password.length() >= MIN_PASSWORD, "password",
                        "must be at least " + MIN_PASSWORD + " characters")
                .check(roles != null && !roles.isEmpty(), "roles", "choose at least one role");
        if (username != null && find(username).isPresent()) {
            checks.add("username", "is already taken");
        }
        checks.throwIfAny();
        return insert(username, displayName, password, roles);
    }

    /**
     * Creates or resets a demo user. Demo mode only: the password comes from SWITCHBOARD_DEMO_PASSWORD or is generated,
     * so it is not held to the length rule.
     */
    @Transactional
    public void ensureDemoUser(String username, String displayName, String password, Set<Role> roles, boolean resetPassword) {
        Optional<StaffUserView> existing = find(username);
        if (existing.isEmpty()) {
            insert(username, displayName, password, roles);
        } else if (resetPassword) {
            jdbc.sql("update platform.staff_user set password_hash = ?, failed_attempts = 0, locked_until = null where username = ?")
                    .params(passwords.encode(password), username).update();
        }
    }

    private StaffUserView insert(String username, String displayName, String password, Set<Role> roles) {
        long id = jdbc.sql("""
                        insert into platform.staff_user (username, display_name, password_hash, roles, created_at)
                        values (?, ?, ?, ?, ?) returning id
                        """)
                .params(username, displayName.trim(), passwords.encode(password), roleNames(roles), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.changed("staff_user", id, null, "CREATE", null, Map.of("username", username, "roles", sorted(roles)));
        return get(id);
    }

    /** Changes a user's display name, roles and whether they may sign in. */
    @Transactional
    public StaffUserView update(long id, String displayName, Set<Role> roles, boolean enabled) {
        StaffUserView before = get(id);
        new InputChecks().required("displayName", displayName).maxLength("displayName", displayName, 100)
                .check(roles != null && !roles.isEmpty(), "roles", "choose at least one role")
                .throwIfAny();
        jdbc.sql("update platform.staff_user set display_name = ?, roles = ?, enabled = ?, version = version + 1 where id = ?")
                .params(displayName.trim(), roleNames(roles), enabled, id).update();
        StaffUserView after = get(id);
        audit.changed("staff_user", id, null, "UPDATE", describe(before), describe(after));
        return after;
    }

    @Transactional
    public void resetPassword(long id, String password) {
        StaffUserView user = get(id);
        new InputChecks().check(password != null && password.length() >= MIN_PASSWORD, "password",
                "must be at least " + MIN_PASSWORD + " characters").throwIfAny();
        jdbc.sql("update platform.staff_user set password_hash = ?, failed_attempts = 0, locked_until = null where id = ?")
                .params(passwords.encode(password), id).update();
        audit.changed("staff_user", id, null, "RESET_PASSWORD", null, Map.of("username", user.username()));
    }

    @Transactional
    public void unlock(long id) {
        StaffUserView user = get(id);
        jdbc.sql("update platform.staff_user set failed_attempts = 0, locked_until = null where id = ?").param(id).update();
        audit.changed("staff_user", id, null, "UNLOCK", null, Map.of("username", user.username()));
    }

    Optional<StoredCredentials> credentials(String username) {
        return jdbc.sql("select username, password_hash, roles, enabled, locked_until from platform.staff_user where username = ?")
                .param(username)
                .query((rs, n) -> new StoredCredentials(rs.getString("username"), rs.getString("password_hash"),
                        roles(rs.getArray("roles")), rs.getBoolean("enabled"), instant(rs.getTimestamp("locked_until"))))
                .optional();
    }

    /** Counts a failed sign-in; the count starts again once an earlier lock has run out. */
    @Transactional
    void recordFailedSignIn(String username) {
        Instant now = clock.instant();
        jdbc.sql("""
                        update platform.staff_user
                        set failed_attempts = case when locked_until <= :now then 1 else failed_attempts + 1 end,
                            locked_until = case when locked_until <= :now then null
                                                when failed_attempts + 1 >= :max then :until
                                                else locked_until end
                        where username = :username
                        """)
                .param("now", Timestamp.from(now)).param("max", MAX_FAILED_ATTEMPTS)
                .param("until", Timestamp.from(now.plus(LOCKOUT))).param("username", username).update();
    }

    @Transactional
    void recordSignIn(String username) {
        jdbc.sql("update platform.staff_user set failed_attempts = 0, locked_until = null, last_login_at = ? where username = ?")
                .params(Timestamp.from(clock.instant()), username).update();
    }

    private static Map<String, Object> describe(StaffUserView user) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("displayName", user.displayName());
        map.put("roles", sorted(user.roles()));
        map.put("enabled", user.enabled());
        return map;
    }

    private static List<String> sorted(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
    }

    private static String[] roleNames(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    record StoredCredentials(String username, String passwordHash, Set<Role> roles, boolean enabled, Instant lockedUntil) {
    }

    /** A staff member as the admin page shows them. */
    public record StaffUserView(long id, String username, String displayName, Set<Role> roles, boolean enabled,
                                int failedAttempts, Instant lockedUntil, Instant lastLoginAt) {
        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }
}

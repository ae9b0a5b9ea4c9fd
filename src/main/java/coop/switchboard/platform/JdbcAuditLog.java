package coop.switchboard.platform;

import coop.switchboard.shared.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

/** Writes audit records into {@code platform.audit_event} in the caller's transaction. */
@Component
class JdbcAuditLog implements AuditLog {
    static final String SYSTEM = "system";
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void changed(String entityType, long entityId, Long accountId, String action,
                        Map<String, ?> before, Map<String, ?> after) {
        insert(action, entityType, entityId, accountId, before, after);
    }

    @Override
    public void revealed(String entityType, long entityId, Long accountId, String field) {
        insert("REVEAL", entityType, entityId, accountId, null, Map.of("field", field));
    }

    @Override
    public String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return SYSTEM;
        }
        return auth.getName();
    }

    private void insert(String action, String entityType, long entityId, Long accountId, Map<String, ?> before, Map<String, ?> after) {
        jdbc.sql("""
                        insert into platform.audit_event (occurred_at, actor, action, entity_type, entity_id, account_id, before, after)
                        values (?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))
                        """)
                .params(Timestamp.from(clock.instant()), currentActor(), action, entityType, entityId, accountId,
                        before == null ? null : json.writeValueAsString(before),
                        after == null ? null : json.writeValueAsString(after))
                .update();
    }
}

package coop.switchboard.platform;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;

/** Reads the audit trail: what changed on an account, who did it, and what was revealed. */
@Service
public class AuditTrail {
    private static final RowMapper<AuditRecordView> ROW = (rs, n) -> new AuditRecordView(rs.getLong("id"),
            rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), rs.getString("action"),
            rs.getString("entity_type"), rs.getLong("entity_id"), rs.getString("before"), rs.getString("after"));
    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest records about an account first. */
    public List<AuditRecordView> forAccount(long accountId, int limit) {
        return jdbc.sql("""
                        select id, occurred_at, actor, action, entity_type, entity_id,
                               before::text as before, after::text as after
                        from platform.audit_event where account_id = ? order by id desc limit ?
                        """)
                .params(accountId, limit)
                .query(ROW)
                .list();
    }

    /** One audit record as JSON text of the before and after states. */
    public record AuditRecordView(long id, Instant occurredAt, String actor, String action, String entityType,
                                  long entityId, String before, String after) {
    }
}

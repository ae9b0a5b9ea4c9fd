package coop.switchboard.members;

import coop.switchboard.members.InteractionView.Kind;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The account's contact history: calls, e-mails, walk-ins, letters and notes, newest first. */
@Service
public class InteractionService {
    /** Categories offered on the console; others may arrive through the API. */
    public static final List<String> CATEGORIES = List.of("General", "Billing question", "High bill", "Payment",
            "Payment arrangement", "Outage report", "Move in", "Move out", "Service order", "Budget billing",
            "Membership", "Complaint", "Energy assistance");
    private static final int MAX_BODY = 4000;
    private static final RowMapper<InteractionView> ROW = (rs, n) -> new InteractionView(rs.getLong("id"), rs.getLong("account_id"),
            Kind.valueOf(rs.getString("kind")), rs.getString("category"), rs.getString("body"), rs.getString("created_by"),
            rs.getTimestamp("created_at").toInstant());
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    InteractionService(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public List<InteractionView> recent(long accountId, int limit) {
        return jdbc.sql("select * from members.interaction where account_id = ? order by created_at desc, id desc limit ?")
                .params(accountId, limit).query(ROW).list();
    }

    public java.util.Optional<InteractionView> find(long accountId, long id) {
        return jdbc.sql("select * from members.interaction where account_id = ? and id = ?").params(accountId, id).query(ROW).optional();
    }

    /** Logs an interaction by the signed-in user; every field is checked before anything is written. */
    @Transactional
    public InteractionView log(long accountId, Kind kind, String category, String body) {
        boolean accountExists = jdbc.sql("select count(*) from members.account where id = ?").param(accountId)
                .query(Long.class).single() > 0;
        if (!accountExists) {
            throw new NotFoundException("Account", accountId);
        }
        new InputChecks().required("kind", kind)
                .required("category", category).maxLength("category", category, 60)
                .required("body", body).maxLength("body", body, MAX_BODY)
                .throwIfAny();
        long id = jdbc.sql("""
                        insert into members.interaction (account_id, kind, category, body, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?) returning id
                        """)
                .params(accountId, kind.name(), category.trim(), body.strip(), audit.currentActor(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.changed("interaction", id, accountId, "CREATE", null,
                Map.of("kind", kind.name(), "category", category.trim()));
        return jdbc.sql("select * from members.interaction where id = ?").param(id).query(ROW).single();
    }
}

package coop.switchboard.billing;

import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Miscellaneous charges from the catalogue and adjustments with a reason code. An adjustment within the person's
 * approval limit posts at once; above it, it waits for a SUPERVISOR (or ADMIN) other than the person who asked.
 * Limits per role are settings ({@code switchboard.billing.adjustment-limit.csr} and so on).
 */
@Service
public class AdjustmentService {
    private final JdbcClient jdbc;
    private final LedgerService ledger;
    private final StaffPermissions permissions;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<Role, Money> limits = new EnumMap<>(Role.class);

    AdjustmentService(JdbcClient jdbc, LedgerService ledger, StaffPermissions permissions, AuditLog audit, Clock clock,
                      @Value("${switchboard.billing.adjustment-limit.csr:50.00}") String csr,
                      @Value("${switchboard.billing.adjustment-limit.collections:100.00}") String collections,
                      @Value("${switchboard.billing.adjustment-limit.billing:500.00}") String billing,
                      @Value("${switchboard.billing.adjustment-limit.supervisor:5000.00}") String supervisor,
                      @Value("${switchboard.billing.adjustment-limit.admin:5000.00}") String admin) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.permissions = permissions;
        this.audit = audit;
        this.clock = clock;
        limits.put(Role.CSR, Money.of(csr));
        limits.put(Role.COLLECTIONS, Money.of(collections));
        limits.put(Role.BILLING, Money.of(billing));
        limits.put(Role.SUPERVISOR, Money.of(supervisor));
        limits.put(Role.ADMIN, Money.of(admin));
    }

    /** A catalogue charge. */
    public record ChargeType(String code, String description, String descriptionEs, Money amount, String glAccount) {
    }

    /** An adjustment reason and which way it may go (CREDIT, DEBIT or EITHER). */
    public record Reason(String code, String description, String direction, String glAccount) {
    }

    /** A requested adjustment or charge and what became of it. {@code amount} is its effect on the balance. */
    public record AdjustmentView(long id, long accountId, String kind, String code, Money amount, String note, String status,
                                 String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String decisionNote) {
        public boolean pending() {
            return "PENDING_APPROVAL".equals(status);
        }
    }

    private static final RowMapper<AdjustmentView> ROW = (rs, n) -> new AdjustmentView(rs.getLong("id"), rs.getLong("account_id"),
            rs.getString("kind"), rs.getString("code"), new Money(rs.getBigDecimal("amount")), rs.getString("note"), rs.getString("status"),
            rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"),
            rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant(), rs.getString("decision_note"));

    public List<ChargeType> catalogue() {
        return jdbc.sql("select * from billing.charge_type where active order by description")
                .query((rs, n) -> new ChargeType(rs.getString("code"), rs.getString("description"), rs.getString("description_es"),
                        new Money(rs.getBigDecimal("amount")), rs.getString("gl_account"))).list();
    }

    public List<Reason> reasons() {
        return jdbc.sql("select * from billing.adjustment_reason order by description")
                .query((rs, n) -> new Reason(rs.getString("code"), rs.getString("description"), rs.getString("direction"),
                        rs.getString("gl_account"))).list();
    }

    /** The most the signed-in person may adjust without approval. */
    public Money myLimit() {
        Money best = Money.ZERO;
        for (Map.Entry<Role, Money> e : limits.entrySet()) {
            if (permissions.hasRole(e.getKey()) && e.getValue().compareTo(best) > 0) {
                best = e.getValue();
            }
        }
        return best;
    }

    /** Adds a catalogue charge to the account and posts it. */
    @Transactional
    public AdjustmentView charge(long accountId, String code, String note) {
        Optional<ChargeType> type = code == null ? Optional.empty() : catalogue().stream().filter(t -> t.code().equals(code.trim())).findFirst();
        if (type.isEmpty()) {
            throw new InvalidInputException("code", code == null || code.isBlank() ? "is required" : "'" + code + "' is not in the charge catalogue");
        }
        ChargeType t = type.get();
        long id = insert(accountId, "CHARGE", t.code(), t.amount(), note == null || note.isBlank() ? t.description() : note.trim(), "POSTED");
        post(id, accountId, EntryKind.FEE, t.amount(), t.code(), t.glAccount(), t.description());
        return adjustment(id);
    }

    /**
     * Adjusts the account by {@code amount} (negative: a credit) for a reason, with a note. Posts at once within the
     * person's limit; above it, waits for approval.
     */
    @Transactional
    public AdjustmentView adjust(long accountId, String reasonCode, Money amount, String note) {
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        Reason reason = reasons().stream().filter(r -> r.code().equals(reasonCode == null ? "" : reasonCode.trim())).findFirst().orElse(null);
        if (reason == null) {
            errors.add(new InvalidInputException.Violation("reason", reasonCode == null || reasonCode.isBlank() ? "is required"
                    : "'" + reasonCode + "' is not an adjustment reason"));
        }
        if (amount == null || amount.isZero()) {
            errors.add(new InvalidInputException.Violation("amount", amount == null ? "is required" : "must not be zero"));
        } else if (reason != null && "CREDIT".equals(reason.direction()) && amount.signum() > 0) {
            errors.add(new InvalidInputException.Violation("amount", reason.description() + " is a credit: enter a negative amount"));
        } else if (reason != null && "DEBIT".equals(reason.direction()) && amount.signum() < 0) {
            errors.add(new InvalidInputException.Violation("amount", reason.description() + " is a charge: enter a positive amount"));
        } else if (amount.amount().abs().compareTo(new BigDecimal("100000")) >= 0) {
            errors.add(new InvalidInputException.Violation("amount", "must be less than $100,000"));
        }
        if (note == null || note.isBlank()) {
            errors.add(new InvalidInputException.Violation("note", "is required: say why, for the next person who reads the account"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        boolean within = amount.amount().abs().compareTo(myLimit().amount()) <= 0;
        long id = insert(accountId, "ADJUSTMENT", reason.code(), amount, note.trim(), within ? "POSTED" : "PENDING_APPROVAL");
        if (within) {
            post(id, accountId, EntryKind.ADJUSTMENT, amount, reason.code(), reason.glAccount(), reason.description() + ": " + note.trim());
        }
        return adjustment(id);
    }

    /** A SUPERVISOR (or ADMIN) approves a waiting adjustment, which posts it. Nobody approves their own. */
    @Transactional
    public AdjustmentView approve(long id, String decisionNote) {
        AdjustmentView a = decide(id);
        Reason reason = reasons().stream().filter(r -> r.code().equals(a.code())).findFirst().orElseThrow();
        post(id, a.accountId(), EntryKind.ADJUSTMENT, a.amount(), a.code(), reason.glAccount(), reason.description() + ": " + a.note());
        finish(id, "POSTED", decisionNote);
        return adjustment(id);
    }

    @Transactional
    public AdjustmentView reject(long id, String decisionNote) {
        decide(id);
        if (decisionNote == null || decisionNote.isBlank()) {
            throw new InvalidInputException("decisionNote", "is required: tell the person who asked why");
        }
        finish(id, "REJECTED", decisionNote);
        return adjustment(id);
    }

    public AdjustmentView adjustment(long id) {
        return jdbc.sql("select * from billing.adjustment where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFoundException("Adjustment", id));
    }

    public List<AdjustmentView> pending() {
        return jdbc.sql("select * from billing.adjustment where status = 'PENDING_APPROVAL' order by id").query(ROW).list();
    }

    public List<AdjustmentView> ofAccount(long accountId, int limit) {
        return jdbc.sql("select * from billing.adjustment where account_id = ? order by id desc limit ?")
                .params(accountId, Math.max(1, Math.min(limit, 500))).query(ROW).list();
    }

    public boolean mayApprove() {
        return permissions.hasRole(Role.SUPERVISOR) || permissions.hasRole(Role.ADMIN);
    }

    private AdjustmentView decide(long id) {
        AdjustmentView a = adjustment(id);
        if (!mayApprove()) {
            throw new InvalidInputException("approver", "only a supervisor or an administrator approves adjustments above the limit");
        }
        if (!a.pending()) {
            throw new InvalidInputException("status", "adjustment " + id + " is already " + a.status().toLowerCase().replace('_', ' '));
        }
        if (a.requestedBy().equals(audit.currentActor())) {
            throw new InvalidInputException("approver", "you asked for this adjustment; another supervisor approves it");
        }
        return a;
    }

    private void finish(long id, String status, String decisionNote) {
        jdbc.sql("update billing.adjustment set status = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ? and status = 'PENDING_APPROVAL'")
                .params(status, audit.currentActor(), Timestamp.from(clock.instant()), decisionNote == null ? null : decisionNote.trim(), id)
                .update();
    }

    private long insert(long accountId, String kind, String code, Money amount, String note, String status) {
        return jdbc.sql("""
                        insert into billing.adjustment (account_id, kind, code, amount, note, status, requested_by, requested_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(accountId, kind, code, amount.amount(), note, status, audit.currentActor(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    private void post(long id, long accountId, EntryKind kind, Money amount, String code, String gl, String description) {
        LocalDate today = LocalDate.now(clock);
        ledger.post(NewEntry.charge(accountId, today, kind, amount, null, code, gl, kind == EntryKind.FEE ? "CHARGE" : "ADJUSTMENT", id,
                description, amount.signum() > 0 ? today.plusDays(20) : null));
        jdbc.sql("update billing.adjustment set entry_date = ? where id = ?").params(today, id).update();
        audit.changed("adjustment", id, accountId, kind == EntryKind.FEE ? "charged" : "adjusted", Map.of(),
                Map.of("code", code, "amount", amount.amount().toPlainString()));
    }
}

package coop.switchboard.ledger;

import coop.switchboard.platform.BinaryCopyRows;
import coop.switchboard.platform.CopyLoader;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotFoundException;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts entries and answers what an account owes. Posting joins the caller's transaction (money never exists in one
 * module and not the other); balances and aging are sums of entries, never stored apart from them.
 */
@Service
public class LedgerService {
    private static final RowMapper<EntryView> ROW = (rs, n) -> new EntryView(rs.getLong("id"), rs.getLong("account_id"),
            rs.getObject("entry_date", LocalDate.class), EntryKind.valueOf(rs.getString("kind")), new Money(rs.getBigDecimal("amount")),
            rs.getString("service"), rs.getString("category"), rs.getString("debit_account"), rs.getString("credit_account"),
            rs.getString("source_type"), rs.getLong("source_id"), rs.getString("description"), rs.getObject("due_date", LocalDate.class),
            (Long) rs.getObject("reverses_id"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
            rs.getObject("running") == null ? null : new Money(rs.getBigDecimal("running")));
    /** Above this many entries a posting is copied in with COPY rather than inserted row by row. */
    private static final int COPY_THRESHOLD = 64;
    private volatile String idsSql;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final AuditLog audit;
    private final Clock clock;

    LedgerService(JdbcClient jdbc, DataSource dataSource, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
    }

    /** Posts one entry in the caller's transaction and returns its id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long post(NewEntry e) {
        check(List.of(e));
        return jdbc.sql("""
                        insert into ledger.entry (account_id, entry_date, kind, amount, service, category, debit_account, credit_account,
                                                  source_type, source_id, description, due_date, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(e.accountId(), e.entryDate(), e.kind().name(), e.amount().amount(), e.service(), e.category(), e.debitAccount(),
                        e.creditAccount(), e.sourceType(), e.sourceId(), e.description(), e.dueDate(), audit.currentActor(),
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    /** Posts many entries in the caller's transaction (a bill run's chunk): copied in when there are many. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void postAll(List<NewEntry> entries) {
        postAllWithIds(entries);
    }

    /**
     * Posts many entries in the caller's transaction, as {@link #postAll}, and returns their ids in the entries' order.
     * A bill run uses them to know the last entry each bill accounts for without reading them back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long[] postAllWithIds(List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return new long[0];
        }
        check(entries);
        long[] ids = new long[entries.size()];
        if (entries.size() < COPY_THRESHOLD) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = post(entries.get(i));
            }
            return ids;
        }
        // Ids are taken from the table's own sequence, in one round trip, and copied in with the rows.
        int[] next = {0};
        String sql = idsSql;
        if (sql == null) {
            // The sequence named once: nextval of a literal name is a plain call, of pg_get_serial_sequence(...) a catalog
            // lookup for every id.
            sql = idsSql = "select nextval('" + jdbc.sql("select pg_get_serial_sequence('ledger.entry', 'id')").query(String.class).single()
                    + "') from generate_series(1, ?)";
        }
        jdbc.sql(sql).param(ids.length)
                .query(rs -> {
                    ids[next[0]++] = rs.getLong(1);
                });
        String actor = audit.currentActor();
        java.time.Instant at = clock.instant();
        BinaryCopyRows rows = new BinaryCopyRows("ledger.entry", "id, account_id, entry_date, kind, amount, service, category, debit_account, "
                + "credit_account, source_type, source_id, description, due_date, created_by, created_at", entries.size() * 230);
        for (int i = 0; i < ids.length; i++) {
            NewEntry e = entries.get(i);
            rows.int8(ids[i]).int8(e.accountId()).date(e.entryDate()).text(e.kind().name()).numeric(e.amount().amount()).text(e.service())
                    .text(e.category()).text(e.debitAccount()).text(e.creditAccount()).text(e.sourceType()).int8(e.sourceId())
                    .text(e.description()).date(e.dueDate()).text(actor).timestamptz(at);
            rows.end();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            new CopyLoader(connection.unwrap(PGConnection.class).getCopyAPI()).load(rows);
        } catch (SQLException ex) {
            throw new IllegalStateException("could not post " + entries.size() + " ledger entries: " + ex.getMessage(), ex);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return ids;
    }

    /**
     * Reverses an entry: a new entry of the opposite amount between the same accounts (so the journal shows both), with
     * the reason. An entry is reversed at most once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long reverse(long entryId, LocalDate date, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required");
        }
        EntryView e = entry(entryId);
        if (e.kind() == EntryKind.REVERSAL) {
            throw new InvalidInputException("entryId", "entry " + entryId + " is itself a reversal");
        }
        if (jdbc.sql("select count(*) from ledger.entry where reverses_id = ?").param(entryId).query(Integer.class).single() > 0) {
            throw new InvalidInputException("entryId", "entry " + entryId + " is already reversed");
        }
        return jdbc.sql("""
                        insert into ledger.entry (account_id, entry_date, kind, amount, service, category, debit_account, credit_account,
                                                  source_type, source_id, description, due_date, reverses_id, created_by, created_at)
                        values (?, ?, 'REVERSAL', ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?) returning id""")
                .params(e.accountId(), date, e.amount().negate().amount(), e.service(), e.category(), e.creditAccount(), e.debitAccount(),
                        e.sourceType(), e.sourceId(), "Reversal of " + e.description() + ": " + reason.trim(), entryId,
                        audit.currentActor(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    public EntryView entry(long id) {
        return jdbc.sql("select e.*, null::numeric as running from ledger.entry e where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFoundException("Ledger entry", id));
    }

    /**
     * An account's entries from a source ({@code BILL}, 123), in posting order. Found through the account's entries:
     * every caller knows whose they are, and an index on the source cost every bill run 2 million index entries.
     */
    public List<EntryView> fromSource(long accountId, String sourceType, long sourceId) {
        return jdbc.sql("select e.*, null::numeric as running from ledger.entry e where account_id = ? and source_type = ? and source_id = ? order by id")
                .params(accountId, sourceType, sourceId).query(ROW).list();
    }

    /** What the account owes now (negative: a credit balance). */
    public Money balance(long accountId) {
        return new Money(jdbc.sql("select coalesce(sum(amount), 0) from ledger.entry where account_id = ?")
                .param(accountId).query(BigDecimal.class).single());
    }

    /** Balances of many accounts at once (accounts without entries owe nothing). */
    public Map<Long, Money> balances(Collection<Long> accountIds) {
        Map<Long, Money> result = new HashMap<>(accountIds.size() * 2);
        if (accountIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select account_id, sum(amount) from ledger.entry where account_id = any(?) group by account_id")
                .param(accountIds.toArray(Long[]::new))
                .query(rs -> {
                    result.put(rs.getLong(1), new Money(rs.getBigDecimal(2)));
                });
        for (Long id : accountIds) {
            result.putIfAbsent(id, Money.ZERO);
        }
        return result;
    }

    /**
     * What was posted to each account after a given entry (its last bill's): payments (and their reversals) apart from
     * everything else, and the newest entry id seen. Accounts with nothing since are left out.
     */
    public record Activity(Money payments, Money other, long lastEntryId) {
    }

    public Map<Long, Activity> activitySince(Map<Long, Long> afterEntryIdByAccount) {
        Map<Long, Activity> result = new HashMap<>(afterEntryIdByAccount.size() * 2);
        if (afterEntryIdByAccount.isEmpty()) {
            return result;
        }
        Long[] accounts = afterEntryIdByAccount.keySet().toArray(Long[]::new);
        Long[] after = java.util.Arrays.stream(accounts).map(afterEntryIdByAccount::get).toArray(Long[]::new);
        jdbc.sql("""
                        select e.account_id,
                               coalesce(sum(e.amount) filter (where e.kind = 'PAYMENT' or (e.kind = 'REVERSAL' and e.source_type = 'PAYMENT')), 0),
                               coalesce(sum(e.amount) filter (where not (e.kind = 'PAYMENT' or (e.kind = 'REVERSAL' and e.source_type = 'PAYMENT'))), 0),
                               max(e.id)
                          from unnest(?::bigint[], ?::bigint[]) as q(account_id, after_id)
                          join ledger.entry e on e.account_id = q.account_id and e.id > q.after_id
                         group by e.account_id""")
                .params(accounts, after)
                .query(rs -> {
                    result.put(rs.getLong(1), new Activity(new Money(rs.getBigDecimal(2)), new Money(rs.getBigDecimal(3)), rs.getLong(4)));
                });
        return result;
    }

    /** The account's latest payment, if it ever paid. */
    public java.util.Optional<EntryView> lastPayment(long accountId) {
        return jdbc.sql("select e.*, null::numeric as running from ledger.entry e where account_id = ? and kind = 'PAYMENT' order by id desc limit 1")
                .param(accountId).query(ROW).optional();
    }

    /** The account's entries, newest first, each with the balance after it. */
    public List<EntryView> entries(long accountId, int limit) {
        return jdbc.sql("""
                        select * from (select e.*, sum(amount) over (order by id) as running from ledger.entry e where account_id = ?) x
                         order by id desc limit ?""")
                .params(accountId, Math.max(1, Math.min(limit, 5000))).query(ROW).list();
    }

    /** The account's balance split by age on {@code asOf}: what is left of each charge after credits pay the oldest first. */
    public Aging aging(long accountId, LocalDate asOf) {
        List<Aging.Item> items = new ArrayList<>();
        jdbc.sql("select entry_date, amount from ledger.entry where account_id = ? and entry_date <= ? order by entry_date, id")
                .params(accountId, asOf)
                .query(rs -> {
                    items.add(new Aging.Item(rs.getObject(1, LocalDate.class), new Money(rs.getBigDecimal(2))));
                });
        return Aging.of(items, asOf);
    }

    private static void check(List<NewEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            NewEntry e = entries.get(i);
            String at = entries.size() == 1 ? "" : "entries[" + i + "].";
            List<InvalidInputException.Violation> errors = new ArrayList<>();
            if (e.entryDate() == null) {
                errors.add(new InvalidInputException.Violation(at + "entryDate", "is required"));
            }
            if (e.kind() == null) {
                errors.add(new InvalidInputException.Violation(at + "kind", "is required"));
            }
            if (e.amount() == null) {
                errors.add(new InvalidInputException.Violation(at + "amount", "is required"));
            }
            if (blank(e.debitAccount()) || blank(e.creditAccount()) || (!blank(e.debitAccount()) && e.debitAccount().equals(e.creditAccount()))) {
                errors.add(new InvalidInputException.Violation(at + "creditAccount", "must be another account than the debit account"));
            }
            if (blank(e.sourceType())) {
                errors.add(new InvalidInputException.Violation(at + "sourceType", "is required"));
            }
            if (blank(e.description())) {
                errors.add(new InvalidInputException.Violation(at + "description", "is required"));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

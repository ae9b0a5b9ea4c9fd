package coop.switchboard.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of many accounts at once in a compact form, for work that reasons over what each account owes (payment
 * allocation over a lockbox file of 100,000 items reads them in one query).
 */
@Service
public class LedgerItems {
    private final JdbcClient jdbc;

    LedgerItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry: its effect on the balance, what it is and what it reverses. */
    public record Item(long id, long accountId, LocalDate date, EntryKind kind, String category, BigDecimal amount, String sourceType,
                       long sourceId, Long reversesId) {
    }

    /** Each account's entries in posting order (accounts without entries are absent). */
    public Map<Long, List<Item>> itemsOf(Collection<Long> accountIds) {
        Map<Long, List<Item>> result = new HashMap<>(accountIds.size() * 2);
        if (accountIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        select id, account_id, entry_date, kind, category, amount, source_type, source_id, reverses_id
                          from ledger.entry where account_id = any(?) order by account_id, id""")
                .param(accountIds.toArray(Long[]::new))
                .query(rs -> {
                    long account = rs.getLong(2);
                    long reverses = rs.getLong(9);
                    Long reversesId = rs.wasNull() ? null : reverses;
                    result.computeIfAbsent(account, a -> new ArrayList<>()).add(new Item(rs.getLong(1), account,
                            rs.getObject(3, LocalDate.class), EntryKind.valueOf(rs.getString(4)), rs.getString(5), rs.getBigDecimal(6),
                            rs.getString(7), rs.getLong(8), reversesId));
                });
        return result;
    }

    /**
     * What an account's entries hold in a liability account (credits less debits): a member's deposit held in
     * {@link GlAccounts#DEPOSITS_HELD}, say.
     */
    public coop.switchboard.shared.Money heldIn(long accountId, String glAccount) {
        return new coop.switchboard.shared.Money(jdbc.sql("""
                        select coalesce(sum(case when credit_account = ? then abs(amount) else 0 end), 0)
                             - coalesce(sum(case when debit_account = ? then abs(amount) else 0 end), 0)
                          from ledger.entry where account_id = ? and (credit_account = ? or debit_account = ?)""")
                .params(glAccount, glAccount, accountId, glAccount, glAccount).query(BigDecimal.class).single());
    }
}

package coop.switchboard.search;

import coop.switchboard.members.AccountChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Account search as the CSR types. The query's shape picks the indexes: digits (with phone punctuation) look at
 * account numbers by prefix and at phones, meters and house numbers by substring; an {@code @} looks at e-mail; any
 * other text is matched against names (both orders, so "smith john" finds John Smith) and service addresses by
 * trigram word similarity, which forgives typos. Best matches first, active accounts before closed ones.
 */
@Service
public class AccountSearch {
    private static final Pattern NUMERIC = Pattern.compile("^[0-9()\\-.\\s+]+$");
    private static final String COLUMNS = "account_id, account_number, member_id, display_name, status, service_address, primary_phone";
    private static final RowMapper<AccountHit> ROW = (rs, n) -> new AccountHit(rs.getLong("account_id"), rs.getString("account_number"),
            rs.getLong("member_id"), rs.getString("display_name"), rs.getString("status"), rs.getString("service_address"),
            rs.getString("primary_phone"), rs.getString("matched_on"), rs.getDouble("score"));
    private final JdbcClient jdbc;
    private final SearchIndex index;

    AccountSearch(JdbcClient jdbc, SearchIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    /** Up to {@code limit} accounts matching the query, best first; empty for a query under two characters. */
    @Transactional(readOnly = true)
    public List<AccountHit> search(String query, int limit) {
        String q = query == null ? "" : query.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        int max = Math.max(1, Math.min(limit, 100));
        if (q.length() < 2) {
            return List.of();
        }
        if (NUMERIC.matcher(q).matches()) {
            String digits = q.replaceAll("[^0-9]", "");
            return digits.length() < 3 ? byAccountPrefix(digits, max) : byNumber(digits, max);
        }
        if (q.contains("@")) {
            return byEmail(q, max);
        }
        return byText(q, max);
    }

    private List<AccountHit> byAccountPrefix(String digits, int max) {
        return jdbc.sql("select " + COLUMNS + ", 'account number' as matched_on, 0.9 as score from search.account_entry "
                        + "where account_number like ? order by account_number limit ?")
                .params(digits + "%", max).query(ROW).list();
    }

    private List<AccountHit> byNumber(String digits, int max) {
        String contains = "%" + digits + "%";
        return jdbc.sql("""
                        select %s,
                               case when account_number like :prefix then 'account number'
                                    when phones like :contains then 'phone'
                                    when meters like :contains then 'meter number'
                                    else 'service address' end as matched_on,
                               case when account_number = :digits then 1.0
                                    when account_number like :prefix then 0.9
                                    when phones like :contains or meters like :contains then 0.8
                                    else 0.5 end as score
                        from search.account_entry
                        where account_number like :prefix or phones like :contains or meters like :contains or addresses like :contains
                        order by score desc, status = 'ACTIVE' desc, display_name
                        limit :max
                        """.formatted(COLUMNS))
                .param("digits", digits).param("prefix", digits + "%").param("contains", contains).param("max", max)
                .query(ROW).list();
    }

    private List<AccountHit> byEmail(String q, int max) {
        return jdbc.sql("""
                        select %s, 'e-mail' as matched_on,
                               case when emails like :contains then 1.0 else word_similarity(:q, emails) end as score
                        from search.account_entry
                        where emails like :contains or :q <%% emails
                        order by score desc, status = 'ACTIVE' desc, display_name
                        limit :max
                        """.formatted(COLUMNS))
                .param("q", q).param("contains", "%" + q.replace("%", "").replace("_", "\\_") + "%").param("max", max)
                .query(ROW).list();
    }

    private List<AccountHit> byText(String q, int max) {
        jdbc.sql("set local pg_trgm.word_similarity_threshold = 0.5").update();
        return jdbc.sql("""
                        select %s,
                               case when ns >= ads then 'name' else 'service address' end as matched_on,
                               greatest(ns, ads) as score
                        from (select e.*, word_similarity(:q, names) as ns, word_similarity(:q, addresses) as ads
                              from search.account_entry e
                              where :q <%% names or :q <%% addresses) matches
                        order by score desc, status = 'ACTIVE' desc, display_name
                        limit :max
                        """.formatted(COLUMNS))
                .param("q", q).param("max", max)
                .query(ROW).list();
    }

    /** Rebuilds the whole index from the source tables (after a bulk load). */
    public void rebuildIndex() {
        index.rebuild();
    }

    /** Re-indexes these accounts now, in the caller's transaction. */
    public void refresh(Collection<Long> accountIds) {
        index.refresh(accountIds);
    }

    @EventListener
    void on(AccountChanged event) {
        index.refresh(List.of(event.accountId()));
    }
}

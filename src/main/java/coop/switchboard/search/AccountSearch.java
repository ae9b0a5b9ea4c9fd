package coop.switchboard.search;

import coop.switchboard.members.AccountChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Account search as the CSR types. The query's shape picks the way:
 * <ul>
 * <li>digits (with phone punctuation): account numbers by prefix, phone and meter numbers anywhere in them, house
 *     numbers and zip codes exactly;</li>
 * <li>an {@code @}: e-mail addresses by prefix;</li>
 * <li>words: each typed word becomes the few dictionary words it could mean (itself, words it begins while the CSR is
 *     still typing it, and words within a typo of it), and an account must hold one of those for every typed word, in
 *     its names or service addresses. Accounts are ranked by how closely their words match.</li>
 * </ul>
 * Turning words into dictionary words first keeps the work proportional to the matches, not to the million accounts.
 */
@Service
public class AccountSearch {
    private static final Pattern NUMERIC = Pattern.compile("^[0-9()\\-.\\s+]+$");
    private static final int CANDIDATES_PER_WORD = 12;
    private static final int SCORED = 200;
    private static final float PREFIX_SIMILARITY = 0.9f;
    private static final double MIN_SIMILARITY = 0.3;
    /** House numbers and zip codes are not in the dictionary; a house number is shared by a few hundred accounts at most. */
    private static final long NUMBER_FREQUENCY = 200;
    /** Above this share of all accounts, scanning the table finds enough matches sooner than an index does. */
    private static final double SCAN_SHARE = 0.03;
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
            if (digits.length() == 11 && digits.charAt(0) == '1') {
                digits = digits.substring(1); // +1 509 555 0142: the country code is not stored
            }
            return digits.length() < 3 ? byAccountPrefix(digits, max) : byNumber(digits, max);
        }
        if (q.contains("@")) {
            return byEmail(q, max);
        }
        return byWords(Words.of(q), max);
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
                        where account_number like :prefix or phones like :contains or meters like :contains
                              or words @> array[cast(:digits as text)]
                        order by score desc, status = 'ACTIVE' desc, display_name
                        limit :max
                        """.formatted(COLUMNS))
                .param("digits", digits).param("prefix", digits + "%").param("contains", contains).param("max", max)
                .query(ROW).list();
    }

    private List<AccountHit> byEmail(String q, int max) {
        String prefix = escapeLike(q) + "%";
        return jdbc.sql("""
                        select %s, 'e-mail' as matched_on, case when bool_or(m.address = :q) then 1.0 else 0.9 end as score
                        from search.email_entry m join search.account_entry e using (account_id)
                        where m.address like :prefix
                        group by %s
                        order by score desc, status = 'ACTIVE' desc, display_name
                        limit :max
                        """.formatted(COLUMNS, COLUMNS))
                .param("q", q).param("prefix", prefix).param("max", max)
                .query(ROW).list();
    }

    private List<AccountHit> byWords(List<String> typed, int max) {
        List<Candidates> words = new ArrayList<>();
        for (int i = 0; i < typed.size() && i < 6; i++) {
            Candidates c = candidates(typed.get(i), i == typed.size() - 1);
            if (!c.terms().isEmpty()) {
                words.add(c);
            }
        }
        if (words.isEmpty()) {
            return List.of();
        }
        // Words held by more than this many accounts are too common to be worth an index lookup (see matching).
        double accounts = jdbc.sql("select greatest(reltuples, 1) from pg_class where oid = 'search.account_entry'::regclass")
                .query(Double.class).single();
        long common = (long) (accounts * SCAN_SHARE);
        // First the accounts holding the typed words themselves (or words they begin); only when those are fewer
        // than asked for, look further, among words within a typo.
        List<Candidates> exact = words.stream().map(Candidates::exactOrPrefix).toList();
        List<AccountHit> hits = new ArrayList<>();
        if (exact.stream().noneMatch(c -> c.terms().isEmpty())) {
            hits.addAll(matching(exact, max, common));
        }
        if (hits.size() < max && !exact.equals(words)) {
            List<Long> seen = hits.stream().map(AccountHit::accountId).toList();
            matching(words, max, common).stream().filter(h -> !seen.contains(h.accountId())).limit(max - hits.size()).forEach(hits::add);
        }
        return hits;
    }

    /**
     * Accounts holding one of the candidate words for every typed word, best first. An unselective query ("newport")
     * matches a large share of all accounts; scoring is bounded to the first {@value #SCORED} of them, all of which
     * match equally well.
     */
    private List<AccountHit> matching(List<Candidates> words, int max, long common) {
        // Words held by a small share of accounts go through the index, and PostgreSQL intersects their bitmaps before
        // touching a row. A word held by many accounts ("rd", "newport") would only make that intersection slower, so it
        // is checked on the rows found instead; when every word is that common, a plain scan fills the limit soonest.
        StringBuilder score = new StringBuilder();
        StringBuilder where = new StringBuilder();
        List<Object> scoreParams = new ArrayList<>();
        List<Object> whereParams = new ArrayList<>();
        for (Candidates c : words) {
            String[] terms = c.terms().toArray(String[]::new);
            score.append(score.isEmpty() ? "" : " + ")
                    .append("(select coalesce(max(c.s), 0) from unnest(cast(? as text[]), cast(? as real[])) c(t, s) where c.t = any(words))");
            scoreParams.add(terms);
            scoreParams.add(c.similarities());
            boolean indexed = c.accounts() < common;
            where.append(where.isEmpty() ? "" : " and ").append(indexed ? "words && cast(? as text[])" : "(words || '{}') && cast(? as text[])");
            whereParams.add(terms);
        }
        List<Object> params = new ArrayList<>(scoreParams);
        params.add((double) words.size());
        params.add(words.stream().flatMap(c -> c.terms().stream()).filter(t -> !Words.isNumber(t)).toArray(String[]::new));
        params.addAll(whereParams);
        params.add(SCORED);
        params.add(max);
        // Among equal scores, accounts whose shown name holds the matched words (not a middle name or a street) come first.
        return jdbc.sql("""
                        select %s, case when in_name then 'name' else 'name or address' end as matched_on,
                               round(cast(score as numeric), 3) as score
                        from (select e.*, (%s) / ? as score, search.words(display_name) @> matched as in_name
                              from (select *, array(select t from unnest(cast(? as text[])) t where t = any(words)) as matched
                                    from search.account_entry where %s limit ?) e) matches
                        order by score desc, in_name desc, status = 'ACTIVE' desc, display_name
                        limit ?
                        """.formatted(COLUMNS, score, where))
                .params(params)
                .query(ROW).list();
    }

    /**
     * The dictionary words a typed word may stand for, with how alike they are: the word itself; while it is the word
     * being typed, words it begins; and, from three letters, words within a typo (trigram similarity).
     */
    private Candidates candidates(String word, boolean beingTyped) {
        if (Words.isNumber(word)) {
            return new Candidates(List.of(word), new float[]{1f}, new long[]{NUMBER_FREQUENCY});
        }
        record Term(String term, float similarity, long frequency) {
        }
        boolean fuzzy = word.length() >= 3;
        List<Term> found = jdbc.sql("""
                        select term, 1.0 as s, frequency from search.term where term = :w
                        union all
                        (select term, 0.9, frequency from search.term where :prefix and term like :like and term <> :w
                         order by frequency desc, term limit 20)
                        union all
                        (select term, similarity(term, :w), frequency from search.term where :fuzzy and term %% :w and term <> :w
                         order by similarity(term, :w) desc limit 20)
                        union all
                        (select term, 0.0, frequency from search.term
                         where :fuzzy and term like :first and length(term) between :shortest and :longest and term <> :w
                               and levenshtein_less_equal(term, :w, 2) <= 2
                         order by frequency desc limit 20)
                        """.formatted())
                .param("w", word).param("prefix", beingTyped).param("like", escapeLike(word) + "%")
                .param("fuzzy", fuzzy).param("first", escapeLike(word.substring(0, 1)) + "%")
                .param("shortest", word.length() - 2).param("longest", word.length() + 2)
                .query((rs, n) -> new Term(rs.getString(1), rs.getFloat(2), rs.getLong(3))).list();
        // A typo's likeness is the better of trigram similarity and edit distance (which sees a swapped pair as one slip).
        Map<String, Term> best = new LinkedHashMap<>();
        for (Term t : found) {
            float similarity = t.similarity() >= PREFIX_SIMILARITY ? t.similarity()
                    : (float) Math.min(0.85, Math.max(t.similarity(), Words.alike(word, t.term())));
            best.merge(t.term(), new Term(t.term(), similarity, t.frequency()),
                    (a, b) -> a.similarity() >= b.similarity() ? a : b);
        }
        List<Term> ranked = best.values().stream()
                .filter(t -> t.similarity() >= MIN_SIMILARITY)
                .sorted(Comparator.comparingDouble(Term::similarity).reversed().thenComparing(Comparator.comparingLong(Term::frequency).reversed()))
                .limit(CANDIDATES_PER_WORD).toList();
        float[] sims = new float[ranked.size()];
        long[] frequencies = new long[ranked.size()];
        for (int i = 0; i < ranked.size(); i++) {
            sims[i] = ranked.get(i).similarity();
            frequencies[i] = ranked.get(i).frequency();
        }
        return new Candidates(ranked.stream().map(Term::term).toList(), sims, frequencies);
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The dictionary words a typed word may stand for, how alike each is, and how many accounts hold each. */
    private record Candidates(List<String> terms, float[] similarities, long[] frequencies) {
        /** Only the word itself and the words it begins. */
        Candidates exactOrPrefix() {
            List<String> kept = new ArrayList<>();
            float[] sims = new float[terms.size()];
            long[] freq = new long[terms.size()];
            for (int i = 0; i < terms.size(); i++) {
                if (similarities[i] >= PREFIX_SIMILARITY) {
                    sims[kept.size()] = similarities[i];
                    freq[kept.size()] = frequencies[i];
                    kept.add(terms.get(i));
                }
            }
            return new Candidates(kept, Arrays.copyOf(sims, kept.size()), Arrays.copyOf(freq, kept.size()));
        }

        long accounts() {
            return Arrays.stream(frequencies).sum();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Candidates c && c.terms.equals(terms) && Arrays.equals(c.similarities, similarities);
        }

        @Override
        public int hashCode() {
            return terms.hashCode();
        }
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

package coop.switchboard.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collection;
import java.util.Map;

/**
 * Builds {@code search.account_entry} rows from the members, premises, metering and agreements tables. This module
 * is a read model, so it reads those tables directly in SQL: one set-based statement beats a million service calls.
 */
@Component
class SearchIndex {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final Map<String, String> GIN_INDEXES = Map.of(
            "account_entry_words", "(words)",
            "account_entry_phones", "(phones gin_trgm_ops)",
            "account_entry_meters", "(meters gin_trgm_ops)");

    /** One entry per account; service addresses and meters come through the account's agreements. */
    private static final String COLUMNS = """
            select a.id, a.account_number, m.id, m.display_name, a.status,
                   search.words(concat_ws(' ', m.first_name, m.middle_name, m.last_name, m.business_name, ad.addresses)),
                   coalesce(ph.digits, ''), coalesce(mt.numbers, ''), ad.display, ph.primary_digits
            from members.account a
            join members.member m on m.id = a.member_id
            """;
    private static final String PHONES = """
            select string_agg(p.digits, ' ' order by p.is_primary desc, p.id) as digits,
                   (array_agg(p.digits order by p.is_primary desc, p.id))[1] as primary_digits
            from members.phone p
            """;
    private static final String ADDRESSES = """
            select string_agg(concat_ws(' ', pr.line1, pr.line2, pr.city, pr.zip), ' ') as addresses,
                   (array_agg(concat_ws(', ', pr.line1, pr.city) order by sa.end_date is null desc, sa.start_date desc))[1] as display
            from agreements.service_agreement sa
            join premises.service_point sp on sp.id = sa.service_point_id
            join premises.premise pr on pr.id = sp.premise_id
            """;
    private static final String METERS = """
            select string_agg(distinct mr.meter_number, ' ') as numbers
            from agreements.service_agreement sa
            join metering.meter_installation mi on mi.service_point_id = sa.service_point_id
                 and mi.installed_on <= coalesce(sa.end_date, 'infinity'::date)
                 and coalesce(mi.removed_on, 'infinity'::date) >= sa.start_date
            join metering.meter mr on mr.id = mi.meter_id
            """;
    /** A few accounts: each part looked up by index for each account. */
    private static final String SOME_ENTRIES = COLUMNS
            + "left join lateral (" + PHONES + " where p.member_id = m.id) ph on true\n"
            + "left join lateral (" + ADDRESSES + " where sa.account_id = a.id) ad on true\n"
            + "left join lateral (" + METERS + " where sa.account_id = a.id) mt on true\n"
            + "where a.id = any(?)";
    /** Every account: each part aggregated once over its whole table and hash-joined, far faster than a million look-ups. */
    private static final String ALL_ENTRIES = COLUMNS
            + "left join (" + PHONES.replace("select ", "select p.member_id, ") + " group by p.member_id) ph on ph.member_id = m.id\n"
            + "left join (" + ADDRESSES.replace("select ", "select sa.account_id, ") + " group by sa.account_id) ad on ad.account_id = a.id\n"
            + "left join (" + METERS.replace("select ", "select sa.account_id, ") + " group by sa.account_id) mt on mt.account_id = a.id";
    private static final String INSERT = """
            insert into search.account_entry (account_id, account_number, member_id, display_name, status, words, phones,
                                              meters, service_address, primary_phone)
            """;
    private static final String EMAILS = """
            insert into search.email_entry (address, account_id)
            select distinct lower(e.address), a.id from members.account a join members.email e on e.member_id = a.member_id
            """;
    private static final String TERMS = """
            insert into search.term (term, frequency)
            select w, count(*) from search.account_entry e, unnest(e.words) w where w !~ '^[0-9]+$'
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    SearchIndex(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    void refresh(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return;
        }
        Long[] ids = accountIds.toArray(Long[]::new);
        jdbc.sql("""
                        update search.term t set frequency = greatest(t.frequency - old.n, 0)
                        from (select w, count(*) as n from search.account_entry e, unnest(e.words) w
                              where e.account_id = any(?) group by w) old
                        where t.term = old.w
                        """).param(ids).update();
        jdbc.sql("delete from search.account_entry where account_id = any(?)").param(ids).update();
        jdbc.sql("delete from search.email_entry where account_id = any(?)").param(ids).update();
        jdbc.sql(INSERT + SOME_ENTRIES).param(ids).update();
        jdbc.sql(EMAILS + " where a.id = any(?) on conflict do nothing").param(ids).update();
        jdbc.sql(TERMS + " and e.account_id = any(?) group by w on conflict (term) do update set frequency = search.term.frequency + excluded.frequency")
                .param(ids).update();
    }

    /** Empties and refills the index, building the trigram indexes after the rows are in (much faster than during). */
    void rebuild() {
        long started = System.nanoTime();
        tx.executeWithoutResult(status -> {
            jdbc.sql("truncate search.account_entry, search.email_entry, search.term").update();
            for (String index : GIN_INDEXES.keySet()) {
                jdbc.sql("drop index if exists search." + index).update();
            }
            jdbc.sql(INSERT + ALL_ENTRIES).update();
            jdbc.sql(EMAILS).update();
            jdbc.sql(TERMS + " group by w").update();
            GIN_INDEXES.forEach((index, definition) -> jdbc.sql("create index " + index + " on search.account_entry using gin " + definition).update());
        });
        jdbc.sql("analyze search.account_entry").update();
        jdbc.sql("analyze search.email_entry").update();
        jdbc.sql("analyze search.term").update();
        log.info("Search index rebuilt in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}

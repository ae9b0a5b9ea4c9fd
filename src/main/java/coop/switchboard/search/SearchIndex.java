package coop.switchboard.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collection;

/**
 * Builds {@code search.account_entry} rows from the members, premises, metering and agreements tables. This module
 * is a read model, so it reads those tables directly in SQL: one set-based statement beats a million service calls.
 */
@Component
class SearchIndex {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final String[] GIN_COLUMNS = {"names", "addresses", "phones", "emails", "meters"};

    /** One entry per account; service addresses and meters come through the account's agreements. */
    private static final String ENTRIES = """
            select a.id, a.account_number, m.id, m.display_name, a.status,
                   lower(concat_ws(' ', m.first_name, m.middle_name, m.last_name, m.last_name, m.first_name, m.business_name)),
                   coalesce(ph.digits, ''), coalesce(em.addresses, ''), coalesce(ad.addresses, ''), coalesce(mt.numbers, ''),
                   ad.display, ph.primary_digits
            from members.account a
            join members.member m on m.id = a.member_id
            left join lateral (
                select string_agg(p.digits, ' ' order by p.is_primary desc, p.id) as digits,
                       (array_agg(p.digits order by p.is_primary desc, p.id))[1] as primary_digits
                from members.phone p where p.member_id = m.id) ph on true
            left join lateral (
                select string_agg(lower(e.address), ' ' order by e.id) as addresses
                from members.email e where e.member_id = m.id) em on true
            left join lateral (
                select string_agg(distinct lower(concat_ws(' ', pr.line1, pr.line2, pr.city, pr.zip)), ' | ') as addresses,
                       (array_agg(concat_ws(', ', pr.line1, pr.city) order by sa.end_date is null desc, sa.start_date desc))[1] as display
                from agreements.service_agreement sa
                join premises.service_point sp on sp.id = sa.service_point_id
                join premises.premise pr on pr.id = sp.premise_id
                where sa.account_id = a.id) ad on true
            left join lateral (
                select string_agg(distinct mr.meter_number, ' ') as numbers
                from agreements.service_agreement sa
                join metering.meter_installation mi on mi.service_point_id = sa.service_point_id
                     and mi.installed_on <= coalesce(sa.end_date, 'infinity'::date)
                     and coalesce(mi.removed_on, 'infinity'::date) >= sa.start_date
                join metering.meter mr on mr.id = mi.meter_id
                where sa.account_id = a.id) mt on true
            """;
    private static final String INSERT = """
            insert into search.account_entry (account_id, account_number, member_id, display_name, status, names, phones,
                                              emails, addresses, meters, service_address, primary_phone)
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
        jdbc.sql("delete from search.account_entry where account_id = any(?)").param(ids).update();
        jdbc.sql(INSERT + ENTRIES + " where a.id = any(?)").param(ids).update();
    }

    /** Empties and refills the index, building the trigram indexes after the rows are in (much faster than during). */
    void rebuild() {
        long started = System.nanoTime();
        tx.executeWithoutResult(status -> {
            jdbc.sql("truncate search.account_entry").update();
            for (String column : GIN_COLUMNS) {
                jdbc.sql("drop index if exists search.account_entry_" + column).update();
            }
            jdbc.sql(INSERT + ENTRIES).update();
            for (String column : GIN_COLUMNS) {
                jdbc.sql("create index account_entry_" + column + " on search.account_entry using gin (" + column + " gin_trgm_ops)").update();
            }
        });
        jdbc.sql("analyze search.account_entry").update();
        log.info("Search index rebuilt in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}

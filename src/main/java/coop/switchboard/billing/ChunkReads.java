package coop.switchboard.billing;

import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What billing a chunk reads, each a single set-based query over the chunk's accounts or agreements: the agreements
 * and where they were last billed to, fixtures, demand history for ratchets, budget plans, and the accounts' earlier
 * bills. The agreement and premise tables are read directly, as a batch job's joins, never written.
 */
final class ChunkReads {
    private final JdbcClient jdbc;

    ChunkReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A service agreement as billing needs it: its account, service point, schedule, start and service type. */
    record Agreement(long id, long accountId, long servicePointId, String schedule, LocalDate start, String service) {
    }

    static final String AGREEMENTS = """
            select sa.id, sa.account_id, sa.service_point_id, sa.rate_schedule_code, sa.start_date, sp.service_type
              from agreements.service_agreement sa join premises.service_point sp on sp.id = sa.service_point_id
            """;
    private static final RowMapper<Agreement> AGREEMENT = (rs, n) -> new Agreement(rs.getLong(1),
            rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6));

    List<Agreement> agreements(List<Long> accountIds, LocalDate readDate) {
        return jdbc.sql(AGREEMENTS + " where sa.account_id = any(?) and sa.start_date < ? and (sa.end_date is null or sa.end_date > ?)"
                        + " order by sa.account_id, sa.id")
                .params(accountIds.toArray(Long[]::new), readDate, readDate).query(AGREEMENT).list();
    }

    /**
     * The agreements in force on the read date (not ended by then, started or not) of the accounts numbered from
     * {@code fromAccount} (inclusive) to {@code toAccount} (exclusive), for a chunk to choose those on its cycle.
     */
    List<Agreement> agreementsInRange(long fromAccount, long toAccount, LocalDate readDate) {
        return jdbc.sql(AGREEMENTS + " where sa.account_id >= ? and sa.account_id < ? and (sa.end_date is null or sa.end_date > ?)"
                        + " order by sa.account_id, sa.id")
                .params(fromAccount, toAccount, readDate).query(AGREEMENT).list();
    }

    /**
     * Where each agreement's issued bills end ({@code billedTo}), which agreements this run already billed on a held
     * bill ({@code heldHere}), and held bills of earlier runs, which this run supersedes: they were never posted, so
     * they are cancelled and their periods billed again with this one (a missing read caught up, say).
     */
    void supersedeOrSkip(Long runId, List<Long> agreementIds, Map<Long, LocalDate> billedTo, java.util.Set<Long> heldHere) {
        java.util.Set<Long> stale = new java.util.TreeSet<>();
        jdbc.sql("""
                        select s.agreement_id, max(s.period_to) filter (where b.status = 'ISSUED'),
                               bool_or(b.status = 'HELD' and b.run_id is not distinct from ?),
                               array_remove(array_agg(distinct case when b.status = 'HELD' and b.run_id is distinct from ? then b.id end), null)
                          from billing.bill_segment s join billing.bill b on b.id = s.bill_id
                         where s.agreement_id = any(?) and s.status = 'ACTIVE' group by s.agreement_id""")
                .params(runId, runId, agreementIds.toArray(Long[]::new))
                .query(rs -> {
                    LocalDate to = rs.getObject(2, LocalDate.class);
                    if (to != null) {
                        billedTo.put(rs.getLong(1), to);
                    }
                    if (rs.getBoolean(3)) {
                        heldHere.add(rs.getLong(1));
                    }
                    stale.addAll(java.util.Arrays.asList((Long[]) rs.getArray(4).getArray()));
                });
        if (!stale.isEmpty()) {
            Long[] ids = stale.toArray(Long[]::new);
            jdbc.sql("update billing.bill_segment set status = 'CANCELLED' where bill_id = any(?)").param(ids).update();
            jdbc.sql("update billing.bill set status = 'CANCELLED' where id = any(?) and status = 'HELD'").param(ids).update();
        }
    }

    Map<Long, BudgetBilling.Plan> plans(List<Long> accounts, LocalDate billDate) {
        Map<Long, BudgetBilling.Plan> result = new HashMap<>();
        jdbc.sql("""
                        select id, account_id, method, fixed_amount, true_up_month from billing.budget_plan
                         where account_id = any(?) and ended_on is null and started_on <= ?""")
                .params(accounts.toArray(Long[]::new), billDate)
                .query(rs -> {
                    result.put(rs.getLong(2), new BudgetBilling.Plan(rs.getLong(1), rs.getString(3),
                            rs.getBigDecimal(4) == null ? null : new Money(rs.getBigDecimal(4)), (Integer) rs.getObject(5)));
                });
        return result;
    }

    /** The current charges of each account's last eleven issued bills, for the rolling budget average. */
    Map<Long, List<Money>> recentCharges(java.util.Set<Long> accounts) {
        Map<Long, List<Money>> result = new HashMap<>();
        if (accounts.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        select account_id, current_charges from (
                            select account_id, current_charges, row_number() over (partition by account_id order by id desc) as n
                              from billing.bill where account_id = any(?) and status = 'ISSUED') b where n <= 11""")
                .param(accounts.toArray(Long[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Money(rs.getBigDecimal(2)));
                });
        return result;
    }

    Map<Long, Map<String, Integer>> fixtures(List<Long> agreementIds) {
        Map<Long, Map<String, Integer>> result = new HashMap<>();
        jdbc.sql("select agreement_id, fixture, count from agreements.agreement_fixture where agreement_id = any(?)")
                .param(agreementIds.toArray(Long[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                });
        return result;
    }

    /** Each agreement's maximum demand per billing month over the last year, for ratchets. */
    Map<Long, Map<YearMonth, Quantity>> demandHistory(List<Long> agreementIds, LocalDate readDate) {
        Map<Long, Map<YearMonth, Quantity>> result = new HashMap<>();
        jdbc.sql("""
                        select agreement_id, period_to, maximum_kw from billing.bill_segment
                         where agreement_id = any(?) and status = 'ACTIVE' and maximum_kw is not null and period_to > ?""")
                .params(agreementIds.toArray(Long[]::new), readDate.minusMonths(13))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                            .merge(YearMonth.from(rs.getObject(2, LocalDate.class).minusDays(1)), new Quantity(rs.getBigDecimal(3)),
                                    (x, y) -> x.compareTo(y) >= 0 ? x : y);
                });
        return result;
    }

    List<Agreement> agreementsById(List<Long> agreementIds) {
        return jdbc.sql(AGREEMENTS + " where sa.id = any(?) order by sa.account_id, sa.id")
                .param(agreementIds.toArray(Long[]::new)).query(AGREEMENT).list();
    }

    /** Each account's latest issued bill: [total due cents, ledger through, amount due cents, budget difference cents]. */
    Map<Long, long[]> lastBills(List<Long> accounts) {
        Map<Long, long[]> lastBill = new HashMap<>();
        jdbc.sql("""
                        select distinct on (account_id) account_id, total_due, coalesce(ledger_through, 0), coalesce(amount_due, total_due),
                               coalesce(budget_deferred, 0)
                          from billing.bill where account_id = any(?) and status = 'ISSUED' order by account_id, id desc""")
                .param(accounts.toArray(Long[]::new))
                .query(rs -> {
                    lastBill.put(rs.getLong(1), new long[]{new Money(rs.getBigDecimal(2)).cents(), rs.getLong(3),
                            new Money(rs.getBigDecimal(4)).cents(), new Money(rs.getBigDecimal(5)).cents()});
                });
        return lastBill;
    }

    /** The mean current charges of each account's last three issued bills, for the high and low bill checks. */
    Map<Long, Money> recentAverages(List<Long> accounts) {
        Map<Long, Money> recent = new HashMap<>();
        jdbc.sql("""
                        select account_id, round(avg(current_charges), 2) from (
                            select account_id, current_charges, row_number() over (partition by account_id order by id desc) as n
                              from billing.bill where account_id = any(?) and status = 'ISSUED') b
                         where n <= 3 group by account_id""")
                .param(accounts.toArray(Long[]::new))
                .query(rs -> {
                    recent.put(rs.getLong(1), new Money(rs.getBigDecimal(2)));
                });
        return recent;
    }
}

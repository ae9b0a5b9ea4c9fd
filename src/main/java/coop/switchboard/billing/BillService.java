package coop.switchboard.billing;

import coop.switchboard.ledger.LedgerService;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Bills as people look at them, and the bill-exception queue: held bills released after review, or sent back to be billed again. */
@Service
public class BillService {
    private static final RowMapper<BillView> BILL = (rs, n) -> new BillView(rs.getLong("id"), rs.getLong("account_id"),
            (Long) rs.getObject("run_id"), rs.getObject("bill_date", LocalDate.class), rs.getObject("due_date", LocalDate.class),
            rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class), rs.getString("status"),
            new Money(rs.getBigDecimal("previous_balance")), new Money(rs.getBigDecimal("payments")), new Money(rs.getBigDecimal("adjustments")),
            new Money(rs.getBigDecimal("current_charges")), new Money(rs.getBigDecimal("total_due")),
            List.of((String[]) rs.getArray("hold_reasons").getArray()), (Long) rs.getObject("corrects_bill_id"),
            rs.getTimestamp("created_at").toInstant(), List.of(), money(rs.getBigDecimal("amount_due")),
            money(rs.getBigDecimal("budget_installment")), money(rs.getBigDecimal("budget_deferred")));
    private static Money money(java.math.BigDecimal amount) {
        return amount == null ? null : new Money(amount);
    }

    private final JdbcClient jdbc;
    private final LedgerService ledger;
    private final AuditLog audit;
    private final Clock clock;

    BillService(JdbcClient jdbc, LedgerService ledger, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /** A bill with its segments and lines. */
    public BillView bill(long id) {
        BillView bill = jdbc.sql("select * from billing.bill where id = ?").param(id).query(BILL).optional()
                .orElseThrow(() -> new NotFoundException("Bill", id));
        return withSegments(bill);
    }

    /** An account's bills, newest first, without their lines. */
    public List<BillView> billsOf(long accountId, int limit) {
        return jdbc.sql("select * from billing.bill where account_id = ? order by id desc limit ?")
                .params(accountId, Math.max(1, Math.min(limit, 500))).query(BILL).list();
    }

    /** The latest issued bill of an account, if any. */
    public java.util.Optional<BillView> lastIssued(long accountId) {
        return jdbc.sql("select * from billing.bill where account_id = ? and status = 'ISSUED' order by id desc limit 1")
                .param(accountId).query(BILL).optional();
    }

    /** Held bills, oldest first, a page at a time; with {@code runId} only that run's. */
    public List<BillView> held(Long runId, int offset, int limit) {
        return jdbc.sql("select * from billing.bill where status = 'HELD' and (cast(? as bigint) is null or run_id = ?) order by id offset ? limit ?")
                .params(runId, runId, Math.max(0, offset), Math.max(1, Math.min(limit, 200))).query(BILL).list();
    }

    public long heldCount() {
        return jdbc.sql("select count(*) from billing.bill where status = 'HELD'").query(Long.class).single();
    }

    /**
     * Releases a held bill after review: posts its charges to the ledger and issues it as it is. A bill that could not
     * be rated (no lines for a segment) cannot be released; send it back to be billed again instead.
     */
    @Transactional
    public BillView release(long id, String note) {
        BillView bill = bill(id);
        if (!bill.held()) {
            throw new InvalidInputException("status", "bill " + id + " is " + bill.status().toLowerCase(Locale.ROOT) + ", not held");
        }
        for (BillView.Segment s : bill.segments()) {
            if (s.lines().isEmpty() && s.charges().isZero() && !"FIBER".equals(s.service())) {
                throw new InvalidInputException("action", "the " + s.rateSchedule() + " segment has no charges (" + String.join("; ", bill.holdReasons())
                        + "); fix the reads and send the bill back to be billed again");
            }
        }
        BillPostings postings = new BillPostings();
        for (BillView.Segment s : bill.segments()) {
            s.lines().forEach(l -> postings.add(s.service(), s.rateSchedule(), l.kind(), l.amount()));
        }
        long through = 0;
        for (long entryId : ledger.postAllWithIds(postings.entries(bill.accountId(), bill.id(), LocalDate.now(clock), bill.dueDate(),
                bill.periodFrom(), bill.periodTo()))) {
            through = Math.max(through, entryId);
        }
        int changed = jdbc.sql("""
                        update billing.bill set status = 'ISSUED', released_by = ?, released_at = ?, ledger_through = greatest(coalesce(ledger_through, 0), ?)
                         where id = ? and status = 'HELD'""")
                .params(audit.currentActor(), Timestamp.from(clock.instant()), through, id).update();
        if (changed != 1) {
            throw new InvalidInputException("status", "bill " + id + " was changed by someone else; reload it");
        }
        audit.changed("bill", id, bill.accountId(), "released", Map.of("status", "HELD", "reasons", bill.holdReasons()),
                Map.of("status", "ISSUED", "note", note == null ? "" : note.trim()));
        return bill(id);
    }

    /**
     * Sends a held bill back: it is cancelled (it was never posted) and its agreements become due again, so the next
     * pass of its bill run (or {@link BillRunService#rebill}) bills them with the reads as they are now.
     */
    @Transactional
    public void sendBack(long id, String note) {
        BillView bill = bill(id);
        if (!bill.held()) {
            throw new InvalidInputException("status", "bill " + id + " is " + bill.status().toLowerCase(Locale.ROOT) + ", not held");
        }
        jdbc.sql("update billing.bill_segment set status = 'CANCELLED' where bill_id = ?").param(id).update();
        jdbc.sql("update billing.bill set status = 'CANCELLED' where id = ? and status = 'HELD'").param(id).update();
        audit.changed("bill", id, bill.accountId(), "sent back", Map.of("status", "HELD", "reasons", bill.holdReasons()),
                Map.of("status", "CANCELLED", "note", note == null ? "" : note.trim()));
    }

    /** A bill compared with an earlier one: which, a headline, and the causes of the difference in dollars and words. */
    public record Comparison(long otherBillId, String label, String headline, List<Cause> causes) {
    }

    public record Cause(String cause, Money amount, String sentence) {
    }

    /** "Explain this bill": against the previous bill and the same month last year (either may be missing). */
    public record Explanation(long billId, Comparison previous, Comparison lastYear) {
    }

    public Explanation explain(long billId) {
        BillView bill = bill(billId);
        Comparison previous = jdbc.sql("""
                        select id from billing.bill where account_id = ? and id < ? and status = 'ISSUED' and period_to <= ?
                         order by period_to desc, id desc limit 1""")
                .params(bill.accountId(), billId, bill.periodFrom()).query(Long.class).optional()
                .map(id -> compare(bill, bill(id), "the previous bill")).orElse(null);
        Comparison lastYear = jdbc.sql("""
                        select id from billing.bill where account_id = ? and status = 'ISSUED' and period_to between ? and ?
                         order by abs(period_to - ?), id desc limit 1""")
                .params(bill.accountId(), bill.periodTo().minusYears(1).minusDays(20), bill.periodTo().minusYears(1).plusDays(20),
                        bill.periodTo().minusYears(1))
                .query(Long.class).optional()
                .map(id -> compare(bill, bill(id), "the same month last year")).orElse(null);
        return new Explanation(billId, previous, lastYear);
    }

    private static Comparison compare(BillView now, BillView before, String label) {
        List<Cause> causes = BillExplainer.explain(now, before, label).stream()
                .map(p -> new Cause(p.cause(), p.amount(), p.sentence())).toList();
        return new Comparison(before.id(), label, BillExplainer.headline(now, before, label), causes);
    }

    private BillView withSegments(BillView bill) {
        Map<Long, List<BillView.Line>> lines = new HashMap<>();
        jdbc.sql("select * from billing.bill_line where bill_id = ? order by seq").param(bill.id())
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong("segment_id"), k -> new ArrayList<>()).add(new BillView.Line(rs.getInt("seq"),
                            rs.getString("component"), rs.getString("kind"), rs.getString("description"), rs.getBigDecimal("quantity"),
                            rs.getString("unit"), rs.getBigDecimal("unit_price"), new Money(rs.getBigDecimal("amount"))));
                });
        List<BillView.Segment> segments = jdbc.sql("select * from billing.bill_segment where bill_id = ? order by id").param(bill.id())
                .query((rs, n) -> new BillView.Segment(rs.getLong("id"), rs.getLong("agreement_id"), rs.getLong("service_point_id"),
                        rs.getString("service"), rs.getString("rate_schedule_code"), rs.getObject("period_from", LocalDate.class),
                        rs.getObject("period_to", LocalDate.class), rs.getBigDecimal("usage"), rs.getString("usage_unit"),
                        rs.getBigDecimal("maximum_kw"), rs.getBigDecimal("billing_kw"), rs.getBoolean("estimated"), rs.getString("meter_number"),
                        rs.getBigDecimal("previous_reading"), rs.getBigDecimal("present_reading"), new Money(rs.getBigDecimal("charges")), lines.getOrDefault(rs.getLong("id"), List.of())))
                .list();
        return new BillView(bill.id(), bill.accountId(), bill.runId(), bill.billDate(), bill.dueDate(), bill.periodFrom(), bill.periodTo(),
                bill.status(), bill.previousBalance(), bill.payments(), bill.adjustments(), bill.currentCharges(), bill.totalDue(),
                bill.holdReasons(), bill.correctsBillId(), bill.createdAt(), segments, bill.amountDue(), bill.budgetInstallment(),
                bill.budgetDeferred());
    }
}

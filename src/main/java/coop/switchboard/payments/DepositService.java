package coop.switchboard.payments;

import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.JournalService;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bank deposit and the day's cash reports. Approved drawers and finished batches roll into a deposit: its slip lists
 * the cash (counted, less the floats that stay in the drawers) and each check; batches the bank credits directly
 * (lockbox, ACH, card and web settlements) are listed as electronic. The daily cash report (by tender) and the payments
 * register reconcile to the ledger's cash entries for the day.
 */
@Service
public class DepositService {
    private static final RowMapper<DepositView> ROW = (rs, n) -> new DepositView(rs.getLong("id"), rs.getObject("business_day", LocalDate.class),
            new Money(rs.getBigDecimal("cash_total")), new Money(rs.getBigDecimal("check_total")), rs.getInt("check_count"),
            new Money(rs.getBigDecimal("other_total")), rs.getString("bank_reference"), rs.getString("created_by"),
            rs.getTimestamp("created_at").toInstant());
    private final JdbcClient jdbc;
    private final DrawerService drawers;
    private final JournalService journal;
    private final StaffPermissions permissions;
    private final AuditLog audit;
    private final Clock clock;

    DepositService(JdbcClient jdbc, DrawerService drawers, JournalService journal, StaffPermissions permissions, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.drawers = drawers;
        this.journal = journal;
        this.permissions = permissions;
        this.audit = audit;
        this.clock = clock;
    }

    public record DepositView(long id, LocalDate businessDay, Money cashTotal, Money checkTotal, int checkCount, Money otherTotal,
                              String bankReference, String createdBy, Instant createdAt) {
        public Money total() {
            return cashTotal.plus(checkTotal).plus(otherTotal);
        }
    }

    /** A batch with what its payments add up to (reversed ones left out). */
    public record BatchTotal(long id, BatchKind kind, String name, LocalDate businessDay, int payments, Money total, Long depositId) {
    }

    /** A check on a deposit slip. */
    public record SlipCheck(long receiptId, String number, String payerName, Money amount) {
    }

    /** What a deposit holds: the drawers and batches, and each check. */
    public record Slip(DepositView deposit, List<DrawerView> drawers, List<BatchTotal> batches, List<SlipCheck> checks) {
    }

    /** What is ready to go to the bank: approved drawers and batches not yet deposited. */
    public Slip pending() {
        List<DrawerView> ready = jdbc.sql("select id from payments.drawer where status = 'APPROVED' and deposit_id is null order by id")
                .query(Long.class).list().stream().map(drawers::drawer).toList();
        List<BatchTotal> batches = batches("b.deposit_id is null", null);
        return slip(null, ready, batches);
    }

    /** Drawers closed but not yet approved (they hold up nothing, but the supervisor should see them). */
    public List<DrawerView> unapproved() {
        return drawers.awaitingApproval();
    }

    /** Makes the bank deposit of everything ready (BILLING, SUPERVISOR or ADMIN). */
    @Transactional
    public Slip deposit(String bankReference) {
        if (!permissions.hasRole(Role.BILLING) && !permissions.hasRole(Role.SUPERVISOR) && !permissions.hasRole(Role.ADMIN)) {
            throw new NotAllowedException("Bank deposits are made by Billing or a supervisor.");
        }
        if (bankReference != null && bankReference.length() > 60) {
            throw new InvalidInputException("bankReference", "is longer than 60 characters");
        }
        // Lock what goes in so two people making the deposit at once cannot both take a drawer.
        List<Long> drawerIds = jdbc.sql("select id from payments.drawer where status = 'APPROVED' and deposit_id is null order by id for update")
                .query(Long.class).list();
        List<Long> batchIds = jdbc.sql("select id from payments.batch where deposit_id is null order by id for update").query(Long.class).list();
        Slip pending = pending();
        if (drawerIds.isEmpty() && pending.batches().isEmpty()) {
            throw new InvalidInputException("deposit", "nothing is ready: approve closed drawers first");
        }
        Money cash = pending.drawers().stream().map(DrawerView::cashToDeposit).reduce(Money.ZERO, Money::plus);
        Money checks = pending.checks().stream().map(SlipCheck::amount).reduce(Money.ZERO, Money::plus);
        Money other = pending.batches().stream().map(BatchTotal::total).reduce(Money.ZERO, Money::plus)
                .plus(cards(drawerIds));
        long id = jdbc.sql("""
                        insert into payments.deposit (business_day, cash_total, check_total, check_count, other_total, bank_reference,
                                                      created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(LocalDate.now(clock), cash.amount(), checks.amount(), pending.checks().size(), other.amount(),
                        bankReference == null || bankReference.isBlank() ? null : bankReference.trim(), audit.currentActor(),
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        if (!drawerIds.isEmpty()) {
            jdbc.sql("update payments.drawer set deposit_id = ? where id = any(?)").params(id, drawerIds.toArray(Long[]::new)).update();
        }
        List<Long> depositedBatches = pending.batches().stream().map(BatchTotal::id).filter(batchIds::contains).toList();
        if (!depositedBatches.isEmpty()) {
            jdbc.sql("update payments.batch set deposit_id = ? where id = any(?)").params(id, depositedBatches.toArray(Long[]::new)).update();
        }
        audit.changed("deposit", id, null, "CREATE", null, Map.of("cash", cash.toString(), "checks", checks.toString(), "other", other.toString()));
        return slip(id);
    }

    public Slip slip(long depositId) {
        DepositView d = jdbc.sql("select * from payments.deposit where id = ?").param(depositId).query(ROW).optional()
                .orElseThrow(() -> new NotFoundException("Deposit", depositId));
        List<DrawerView> in = jdbc.sql("select id from payments.drawer where deposit_id = ? order by id").param(depositId)
                .query(Long.class).list().stream().map(drawers::drawer).toList();
        return slip(d, in, batches("b.deposit_id = ?", depositId));
    }

    public List<DepositView> deposits(int limit) {
        return jdbc.sql("select * from payments.deposit order by id desc limit ?").param(limit).query(ROW).list();
    }

    /** One tender's line on the daily cash report. */
    public record TenderLine(Tender tender, int payments, Money received, int reversals, Money reversed) {
        public Money net() {
            return received.minus(reversed);
        }
    }

    /** The daily cash report: what each tender brought in on the day and what was taken back. */
    public List<TenderLine> cashReport(LocalDate day) {
        List<TenderLine> lines = new ArrayList<>();
        for (Tender t : Tender.values()) {
            var in = jdbc.sql("""
                            select count(*), coalesce(sum(p.amount), 0) from payments.payment p join payments.receipt r on r.id = p.receipt_id
                             where r.posted_on = ? and r.tender = ?""")
                    .params(day, t.name()).query((rs, n) -> new Object[]{rs.getInt(1), new Money(rs.getBigDecimal(2))}).single();
            var out = jdbc.sql("""
                            select count(*), coalesce(sum(p.amount), 0) from payments.reversal v join payments.payment p on p.id = v.payment_id
                              join payments.receipt r on r.id = p.receipt_id
                             where v.reversed_on = ? and r.tender = ?""")
                    .params(day, t.name()).query((rs, n) -> new Object[]{rs.getInt(1), new Money(rs.getBigDecimal(2))}).single();
            if ((int) in[0] > 0 || (int) out[0] > 0) {
                lines.add(new TenderLine(t, (int) in[0], (Money) in[1], (int) out[0], (Money) out[1]));
            }
        }
        return lines;
    }

    /** The payments register of a day: payments posted and payments reversed, in order. */
    public record Register(List<PaymentView> posted, List<PaymentView> reversed) {
        public Money net() {
            Money in = posted.stream().map(PaymentView::amount).reduce(Money.ZERO, Money::plus);
            Money out = reversed.stream().map(PaymentView::amount).reduce(Money.ZERO, Money::plus);
            return in.minus(out);
        }
    }

    public Register register(LocalDate day) {
        List<PaymentView> posted = jdbc.sql(PaymentService.PAYMENT_SELECT + " where r.posted_on = ? order by p.id").param(day)
                .query(PaymentService.PAYMENT).list();
        List<PaymentView> reversed = jdbc.sql(PaymentService.PAYMENT_SELECT + " where v.reversed_on = ? order by p.id").param(day)
                .query(PaymentService.PAYMENT).list();
        return new Register(posted, reversed);
    }

    /** The day's cash in the ledger (debits less credits to cash) against the payments register. */
    public record Reconciliation(LocalDate day, Money ledgerCash, Money registerNet, Money refunds) {
        public Money difference() {
            return ledgerCash.minus(registerNet.minus(refunds));
        }

        public boolean balanced() {
            return difference().isZero();
        }
    }

    public Reconciliation reconcile(LocalDate day) {
        Money ledgerCash = Money.ZERO;
        for (JournalService.JournalLine line : journal.journal(day, day)) {
            if (GlAccounts.CASH.equals(line.glAccount())) {
                ledgerCash = ledgerCash.plus(line.debit()).minus(line.credit());
            }
        }
        Money net = jdbc.sql("""
                        select coalesce((select sum(p.amount) from payments.payment p join payments.receipt r on r.id = p.receipt_id
                                          where r.posted_on = ?), 0)
                             - coalesce((select sum(p.amount) from payments.reversal v join payments.payment p on p.id = v.payment_id
                                          where v.reversed_on = ?), 0)""")
                .params(day, day).query((rs, n) -> new Money(rs.getBigDecimal(1))).single();
        return new Reconciliation(day, ledgerCash, net, refundsPaid(day));
    }

    /** Refunds paid out of cash on a day (refund checks and ACH credits). */
    Money refundsPaid(LocalDate day) {
        return jdbc.sql("select coalesce(sum(amount), 0) from payments.refund where paid_on = ?").param(day)
                .query((rs, n) -> new Money(rs.getBigDecimal(1))).single();
    }

    private Slip slip(DepositView d, List<DrawerView> in, List<BatchTotal> batches) {
        List<SlipCheck> checks = new ArrayList<>();
        if (!in.isEmpty()) {
            jdbc.sql("""
                            select r.id, r.check_number, r.payer_name, r.total from payments.receipt r
                             where r.drawer_id = any(?) and r.tender in ('CHECK', 'MONEY_ORDER')
                               and not exists (select 1 from payments.payment p join payments.reversal v on v.payment_id = p.id
                                                where p.receipt_id = r.id)
                             order by r.id""")
                    .param(in.stream().map(DrawerView::id).toArray(Long[]::new))
                    .query(rs -> {
                        checks.add(new SlipCheck(rs.getLong(1), rs.getString(2), rs.getString(3), new Money(rs.getBigDecimal(4))));
                    });
        }
        return new Slip(d, in, batches, checks);
    }

    private Money cards(List<Long> drawerIds) {
        if (drawerIds.isEmpty()) {
            return Money.ZERO;
        }
        return jdbc.sql("""
                        select coalesce(sum(p.amount), 0) from payments.payment p join payments.receipt r on r.id = p.receipt_id
                         where r.drawer_id = any(?) and r.tender = 'CARD'
                           and not exists (select 1 from payments.reversal v where v.payment_id = p.id)""")
                .param(drawerIds.toArray(Long[]::new)).query((rs, n) -> new Money(rs.getBigDecimal(1))).single();
    }

    private List<BatchTotal> batches(String condition, Long depositId) {
        var spec = jdbc.sql("""
                select b.id, b.kind, b.name, b.business_day, b.deposit_id,
                       count(p.id) filter (where v.payment_id is null), coalesce(sum(p.amount) filter (where v.payment_id is null), 0)
                  from payments.batch b
                  left join payments.receipt r on r.batch_id = b.id
                  left join payments.payment p on p.receipt_id = r.id
                  left join payments.reversal v on v.payment_id = p.id
                 where %s
                 group by b.id order by b.id""".formatted(condition));
        if (depositId != null) {
            spec = spec.param(depositId);
        }
        return spec.query((rs, n) -> new BatchTotal(rs.getLong(1), BatchKind.valueOf(rs.getString(2)), rs.getString(3),
                rs.getObject(4, LocalDate.class), rs.getInt(6), new Money(rs.getBigDecimal(7)), (Long) rs.getObject(5))).list()
                .stream().filter(b -> depositId != null || b.payments() > 0).toList();
    }
}

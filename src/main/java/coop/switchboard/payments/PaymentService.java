package coop.switchboard.payments;

import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.LedgerItems;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.members.InteractionService;
import coop.switchboard.members.InteractionView;
import coop.switchboard.members.MemberService;
import coop.switchboard.payments.Allocation.Applied;
import coop.switchboard.payments.Allocation.OpenCharge;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Posts payments and takes them back. Every post carries an idempotency key: the receipt's unique key makes a retried
 * or double-clicked post return the first receipt (a concurrent duplicate waits for the first to commit, then finds
 * it). Each account's part is allocated to its open charges by the policy and posted to the ledger as one PAYMENT entry
 * (cash debited, receivables credited) in the same transaction. A reversal is a new ledger entry, never an edit.
 *
 * <p>Payments to one account are serialised by an advisory lock on the account, so two payments never allocate the
 * same open charge twice; a lockbox file takes the posting lock exclusively for its one transaction.
 */
@Service
public class PaymentService {
    /** Advisory lock keys: the posting lock (shared by single posts, exclusive for a file) and one per account. */
    static final int POSTING_LOCK = 7300;
    static final long ACCOUNT_LOCK_BASE = 7301L << 40;

    static final RowMapper<PaymentView> PAYMENT = (rs, n) -> {
        PaymentView.Reversal reversal = null;
        if (rs.getString("reason") != null) {
            long fee = rs.getLong("fee_entry_id");
            reversal = new PaymentView.Reversal(rs.getString("reason"), rs.getBoolean("returned"), rs.getString("return_code"),
                    rs.getObject("reversed_on", LocalDate.class), rs.getString("reversed_by"), rs.wasNull() ? null : fee);
        }
        long drawer = rs.getLong("drawer_id");
        Long drawerId = rs.wasNull() ? null : drawer;
        long batch = rs.getLong("batch_id");
        Long batchId = rs.wasNull() ? null : batch;
        return new PaymentView(rs.getLong("id"), rs.getLong("receipt_id"), rs.getLong("account_id"), new Money(rs.getBigDecimal("amount")),
                Tender.valueOf(rs.getString("tender")), rs.getString("reference"), rs.getString("check_number"),
                rs.getString("card_last4"), rs.getObject("received_on", LocalDate.class), drawerId, batchId,
                rs.getString("posted_by"), rs.getTimestamp("posted_at").toInstant(), reversal);
    };
    static final String PAYMENT_SELECT = """
            select p.id, p.receipt_id, p.account_id, p.amount, r.tender, r.reference, r.check_number, r.card_last4,
                   r.received_on, r.drawer_id, r.batch_id, r.posted_by, r.posted_at,
                   v.reason, v.returned, v.return_code, v.reversed_on, v.reversed_by, v.fee_entry_id
              from payments.payment p
              join payments.receipt r on r.id = p.receipt_id
              left join payments.reversal v on v.payment_id = p.id
            """;

    private final JdbcClient jdbc;
    private final LedgerService ledger;
    private final LedgerItems ledgerItems;
    private final MemberService members;
    private final InteractionService interactions;
    private final StaffPermissions permissions;
    private final PaymentPolicy policy;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PaymentChecks checks;
    private final ReceiptWriter receipts;

    PaymentService(JdbcClient jdbc, LedgerService ledger, LedgerItems ledgerItems, MemberService members, InteractionService interactions,
                   StaffPermissions permissions, PaymentPolicy policy, AuditLog audit, ApplicationEventPublisher events, Clock clock,
                   PaymentChecks checks, ReceiptWriter receipts) {
        this.checks = checks;
        this.receipts = receipts;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.ledgerItems = ledgerItems;
        this.members = members;
        this.interactions = interactions;
        this.permissions = permissions;
        this.policy = policy;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Posts a payment, or returns the receipt an earlier post with the same idempotency key made. */
    @Transactional
    public ReceiptView post(PaymentRequest request) {
        LocalDate today = LocalDate.now(clock);
        Map<Long, MemberService.AccountRef> accounts = checks.check(request, today);
        String fingerprint = fingerprint(request);
        LocalDate receivedOn = request.receivedOn() == null ? today : request.receivedOn();
        String actor = audit.currentActor();
        Timestamp now = Timestamp.from(clock.instant());
        lockForPosting(request.parts().stream().map(PaymentRequest.Part::accountId).toList());
        // Web, phone and agency payments go into the day's open batch, found as the receipt is written (a round trip
        // saved); the first of the day, or the first after a deposit took the batch, starts one and tries again.
        BatchKind dayKind = request.batchId() == null && !request.tender().counter() ? BatchKind.of(request.tender()) : null;
        Optional<ReceiptWriter.Written> inserted = receipts.write(request, fingerprint, request.batchId(), dayKind, today, receivedOn, actor, now);
        for (int attempt = 1; inserted.isEmpty(); attempt++) {
            // The key is taken (now or while this post waited), the drawer closed, or the day has no open batch.
            Optional<ReceiptView> earlier = byKey(request.idempotencyKey());
            if (earlier.isPresent()) {
                return replay(earlier.get(), request.idempotencyKey(), fingerprint);
            }
            if (request.drawerId() != null) {
                throw new InvalidInputException("drawerId", "drawer " + request.drawerId() + " was closed while the payment was taken");
            }
            if (dayKind == null || attempt > 3) {
                throw new IllegalStateException("the receipt for '" + request.idempotencyKey().trim() + "' was neither written nor found");
            }
            // Open the day's batch (or find one another post just opened) and write the receipt again, the batch read
            // under its row lock once more: a deposit may take this batch too before the receipt is in.
            receipts.dayBatch(dayKind, today);
            inserted = receipts.write(request, fingerprint, null, dayKind, today, receivedOn, actor, now);
        }
        long receiptId = inserted.orElseThrow().id();
        Long batchId = inserted.get().batchId();
        Allocation allocation = policy.allocation();
        List<PaymentView> posted = new ArrayList<>();
        Map<Long, List<Applied>> allocations = new HashMap<>();
        for (PaymentRequest.Part part : request.parts()) {
            List<OpenCharge> open = openCharges(part.accountId(), allocation);
            List<Applied> applied = Allocation.apply(part.amount().amount(), open);
            // The payment and how it is applied in one statement: a round trip saved is a tenth of an API post's cost.
            long paymentId = jdbc.sql("""
                            with p as (insert into payments.payment (receipt_id, account_id, amount) values (?, ?, ?) returning id),
                                 a as (insert into payments.allocation (payment_id, entry_id, amount)
                                       select p.id, e, x.a from p, unnest(?::bigint[], ?::numeric[]) as x(e, a))
                            select id from p""")
                    .params(receiptId, part.accountId(), part.amount().amount(), applied.stream().map(Applied::entryId).toArray(Long[]::new),
                            applied.stream().map(Applied::amount).toArray(java.math.BigDecimal[]::new))
                    .query(Long.class).single();
            ledger.post(new NewEntry(part.accountId(), today, EntryKind.PAYMENT, part.amount().negate(), null, null,
                    GlAccounts.CASH, GlAccounts.RECEIVABLE, "PAYMENT", paymentId, description(request), null));
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("receipt", receiptId);
            after.put("amount", part.amount().toString());
            after.put("tender", request.tender().name());
            audit.changed("payment", paymentId, part.accountId(), "POST", null, after);
            events.publishEvent(new PaymentPosted(paymentId, part.accountId(), part.amount(), request.tender(), today));
            posted.add(new PaymentView(paymentId, receiptId, part.accountId(), part.amount(), request.tender(), trim(request.reference()),
                    trim(request.checkNumber()), trim(request.cardLast4()), receivedOn, request.drawerId(), batchId, actor, now.toInstant(), null));
            allocations.put(paymentId, applied);
        }
        return new ReceiptView(receiptId, request.idempotencyKey().trim(), request.tender(), request.total(), trim(request.reference()),
                trim(request.checkNumber()), trim(request.cardLast4()), trim(request.payerName()), request.drawerId(), batchId, receivedOn, actor,
                now.toInstant(), posted, Map.copyOf(allocations), Map.copyOf(MemberService.AccountRef.numbers(accounts)), false);
    }

    /** A receipt with its payments. */
    public ReceiptView receipt(long id) {
        return receiptWhere("id = ?", id).orElseThrow(() -> new NotFoundException("Receipt", id));
    }

    public Optional<ReceiptView> byKey(String idempotencyKey) {
        return idempotencyKey == null ? Optional.empty() : receiptWhere("idempotency_key = ?", idempotencyKey.trim());
    }

    public PaymentView payment(long id) {
        return jdbc.sql(PAYMENT_SELECT + " where p.id = ?").param(id).query(PAYMENT).optional()
                .orElseThrow(() -> new NotFoundException("Payment", id));
    }

    /** The account's payments, newest first. */
    public List<PaymentView> paymentsOf(long accountId, int limit) {
        return jdbc.sql(PAYMENT_SELECT + " where p.account_id = ? order by p.id desc limit ?")
                .params(accountId, Math.max(1, Math.min(limit, 1000))).query(PAYMENT).list();
    }

    /** Payments received between two days (inclusive), newest first, optionally of one account. */
    public List<PaymentView> received(LocalDate from, LocalDate to, Long accountId, int limit) {
        return jdbc.sql(PAYMENT_SELECT + " where r.received_on between ? and ? and (?::bigint is null or p.account_id = ?) order by p.id desc limit ?")
                .params(from, to, accountId, accountId, Math.max(1, Math.min(limit, 10_000))).query(PAYMENT).list();
    }

    /** How a payment paid the account: each charge it paid (entry id, null for a credit left over) and the amount. */
    public List<Applied> allocationOf(long paymentId) {
        return jdbc.sql("select entry_id, amount from payments.allocation where payment_id = ? order by entry_id nulls last")
                .param(paymentId).query((rs, n) -> {
                    long entry = rs.getLong(1);
                    return new Applied(rs.wasNull() ? null : entry, rs.getBigDecimal(2));
                }).list();
    }

    /** The account's open charges in the order the next payment will pay them. */
    public List<OpenCharge> openCharges(long accountId) {
        return openCharges(accountId, policy.allocation());
    }

    /** Whether returned payments have made the account cash-only (no checks or bank drafts). */
    public boolean cashOnly(long accountId) {
        return checks.cashOnly(accountId);
    }

    /**
     * Takes a payment back because it was posted in error. A CSR may reverse only a payment they took today into their
     * own open drawer; anything older or anyone else's needs BILLING, SUPERVISOR or ADMIN.
     */
    @Transactional
    public PaymentView reverse(long paymentId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required");
        }
        PaymentView p = payment(paymentId);
        if (p.reversed()) {
            throw new InvalidInputException("paymentId", "payment " + paymentId + " was already reversed on " + p.reversal().reversedOn());
        }
        LocalDate today = LocalDate.now(clock);
        if (!mayReverseAny()) {
            boolean ownToday = audit.currentActor().equals(p.postedBy()) && p.postedAt().atZone(clock.getZone()).toLocalDate().equals(today)
                    && p.drawerId() != null && drawerOpen(p.drawerId());
            if (!ownToday) {
                throw new NotAllowedException("A CSR may reverse only today's payments in their own open drawer; payment " + paymentId
                        + " needs Billing or a supervisor.");
            }
        }
        lockForPosting(List.of(p.accountId()));
        long entry = ledger.reverse(entryOf(p), today, reason.trim());
        record(p, reason.trim(), false, null, entry, null, today);
        return payment(paymentId);
    }

    /**
     * The bank returned a payment unpaid (an NSF check, an ACH return): the payment is reversed, the returned-payment fee
     * charged, the member sent a notice, and after the policy's number of returned checks in twelve months the account is
     * made cash-only. Returning a payment twice does nothing the second time.
     */
    @Transactional
    public PaymentView returned(long paymentId, String returnCode, String reason, boolean chargeFee) {
        PaymentView p = payment(paymentId);
        if (p.reversed()) {
            return p;
        }
        LocalDate today = LocalDate.now(clock);
        String why = (reason == null || reason.isBlank() ? "Returned by the bank" : reason.trim())
                + (returnCode == null ? "" : " (" + returnCode + ")");
        lockForPosting(List.of(p.accountId()));
        long entry = ledger.reverse(entryOf(p), today, why);
        Long fee = null;
        if (chargeFee && policy.returnedPaymentFee().signum() > 0) {
            fee = ledger.post(NewEntry.charge(p.accountId(), today, EntryKind.FEE, policy.returnedPaymentFee(), null, "RETURNED_PAYMENT",
                    GlAccounts.OTHER_REVENUE, "PAYMENT", paymentId, "Returned payment fee", today));
        }
        record(p, why, true, returnCode, entry, fee, today);
        int returnedChecks = jdbc.sql("""
                        select count(*) from payments.reversal v join payments.payment p on p.id = v.payment_id
                          join payments.receipt r on r.id = p.receipt_id
                         where p.account_id = ? and v.returned and r.tender = 'CHECK' and v.reversed_on > ?""")
                .params(p.accountId(), today.minusMonths(12)).query(Integer.class).single();
        boolean madeCashOnly = false;
        if (p.tender() == Tender.CHECK && returnedChecks >= policy.returnsForCashOnly() && !cashOnly(p.accountId())) {
            jdbc.sql("insert into payments.cash_only (account_id, since, reason, set_by, set_at) values (?, ?, ?, ?, ?) on conflict do nothing")
                    .params(p.accountId(), today, returnedChecks + " returned checks in 12 months", audit.currentActor(),
                            Timestamp.from(clock.instant())).update();
            madeCashOnly = true;
        }
        interactions.log(p.accountId(), InteractionView.Kind.LETTER, "Payment", "Returned payment notice: your " + p.tenderText()
                + " payment of $" + p.amount() + " received " + p.receivedOn() + " was returned by the bank (" + why + ")."
                + (fee == null ? "" : " A returned payment fee of $" + policy.returnedPaymentFee() + " was added.")
                + (madeCashOnly ? " The account now accepts only cash, money orders or cards." : ""));
        events.publishEvent(new PaymentReturned(paymentId, p.accountId(), p.amount(), returnCode, today));
        return payment(paymentId);
    }

    /** Makes an account cash-only again or lifts it (SUPERVISOR or ADMIN). */
    @Transactional
    public void liftCashOnly(long accountId) {
        if (!permissions.hasRole(Role.SUPERVISOR) && !permissions.hasRole(Role.ADMIN)) {
            throw new NotAllowedException("Only a supervisor may lift a cash-only restriction.");
        }
        int n = jdbc.sql("delete from payments.cash_only where account_id = ?").param(accountId).update();
        if (n > 0) {
            audit.changed("cash_only", accountId, accountId, "LIFT", Map.of("cashOnly", true), Map.of("cashOnly", false));
        }
    }

    /** Takes the shared posting lock and each account's lock, in account order so two posts never deadlock. */
    void lockForPosting(List<Long> accountIds) {
        Long[] keys = new TreeSet<>(accountIds).stream().map(id -> ACCOUNT_LOCK_BASE + id).toArray(Long[]::new);
        jdbc.sql("""
                        select pg_advisory_xact_lock_shared(?, 0), (select count(pg_advisory_xact_lock(k))
                                                                       from (select unnest(?::bigint[]) as k order by 1) as o)""")
                .params(POSTING_LOCK, keys).query((rs, n) -> n).single();
    }

    private List<OpenCharge> openCharges(long accountId, Allocation allocation) {
        List<LedgerItems.Item> items = ledgerItems.itemsOf(List.of(accountId)).getOrDefault(accountId, List.of());
        return allocation.openCharges(items, allocationsOf(List.of(accountId)));
    }

    /** The allocations of this module's payments to these accounts, by payment. */
    Map<Long, List<Applied>> allocationsOf(List<Long> accountIds) {
        Map<Long, List<Applied>> result = new HashMap<>();
        jdbc.sql("""
                        select p.id, a.entry_id, a.amount from payments.payment p join payments.allocation a on a.payment_id = p.id
                         where p.account_id = any(?)""")
                .param(accountIds.toArray(Long[]::new))
                .query(rs -> {
                    long charge = rs.getLong(2);
                    Long chargeId = rs.wasNull() ? null : charge;
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Applied(chargeId, rs.getBigDecimal(3)));
                });
        return result;
    }

    /** The payment's ledger entry. */
    private long entryOf(PaymentView p) {
        return ledger.fromSource(p.accountId(), "PAYMENT", p.id()).stream().filter(e -> e.kind() == EntryKind.PAYMENT).findFirst()
                .orElseThrow(() -> new IllegalStateException("payment " + p.id() + " has no ledger entry")).id();
    }

    private void record(PaymentView p, String reason, boolean returned, String code, long entry, Long fee, LocalDate today) {
        jdbc.sql("""
                        insert into payments.reversal (payment_id, reason, returned, return_code, reversal_entry_id, fee_entry_id,
                                                       reversed_on, reversed_by, reversed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id(), reason, returned, code, entry, fee, today, audit.currentActor(), Timestamp.from(clock.instant())).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("reason", reason);
        after.put("returned", returned);
        if (code != null) {
            after.put("returnCode", code);
        }
        audit.changed("payment", p.id(), p.accountId(), returned ? "RETURN" : "REVERSE", Map.of("amount", p.amount().toString()), after);
        events.publishEvent(new PaymentReversed(p.id(), p.accountId(), p.amount(), reason, returned, today));
    }

    private boolean mayReverseAny() {
        return permissions.hasRole(Role.BILLING) || permissions.hasRole(Role.SUPERVISOR) || permissions.hasRole(Role.ADMIN);
    }

    private boolean drawerOpen(long drawerId) {
        return jdbc.sql("select count(*) from payments.drawer where id = ? and status = 'OPEN'").param(drawerId).query(Integer.class).single() > 0;
    }

    private Optional<ReceiptView> receiptWhere(String condition, Object value) {
        record Row(long id, String key, Tender tender, Money total, String reference, String checkNumber, String cardLast4, String payer,
                   Long drawerId, Long batchId, LocalDate receivedOn, String postedBy, java.time.Instant postedAt) {
        }
        Optional<Row> row = jdbc.sql("select * from payments.receipt where " + condition).param(value).query((rs, n) -> {
            long drawer = rs.getLong("drawer_id");
            Long drawerId = rs.wasNull() ? null : drawer;
            long batch = rs.getLong("batch_id");
            Long batchId = rs.wasNull() ? null : batch;
            return new Row(rs.getLong("id"), rs.getString("idempotency_key"), Tender.valueOf(rs.getString("tender")),
                    new Money(rs.getBigDecimal("total")), rs.getString("reference"), rs.getString("check_number"), rs.getString("card_last4"),
                    rs.getString("payer_name"), drawerId, batchId, rs.getObject("received_on", LocalDate.class), rs.getString("posted_by"),
                    rs.getTimestamp("posted_at").toInstant());
        }).optional();
        return row.map(r -> {
            List<PaymentView> paid = jdbc.sql(PAYMENT_SELECT + " where p.receipt_id = ? order by p.id").param(r.id()).query(PAYMENT).list();
            return new ReceiptView(r.id(), r.key(), r.tender(), r.total(), r.reference(), r.checkNumber(), r.cardLast4(), r.payer(),
                    r.drawerId(), r.batchId(), r.receivedOn(), r.postedBy(), r.postedAt(), paid, Map.of(),
                    Map.copyOf(members.accountNumbers(paid.stream().map(PaymentView::accountId).toList())), false);
        });
    }

    private ReceiptView replay(ReceiptView earlier, String key, String fingerprint) {
        String stored = jdbc.sql("select fingerprint from payments.receipt where id = ?").param(earlier.id()).query(String.class).single();
        if (!stored.equals(fingerprint)) {
            throw new InvalidInputException("idempotencyKey", "'" + key.trim() + "' was already used for a different payment (receipt "
                    + earlier.id() + "); use a new key for a new payment");
        }
        return earlier.asReplay();
    }

    private static String fingerprint(PaymentRequest r) {
        StringBuilder s = new StringBuilder().append(r.tender()).append('|');
        r.parts().forEach(p -> s.append(p.accountId()).append('=').append(p.amount()).append(';'));
        s.append('|').append(trim(r.reference())).append('|').append(trim(r.checkNumber())).append('|').append(trim(r.cardLast4()))
                .append('|').append(r.drawerId()).append('|').append(r.batchId());
        return Digests.sha256(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String description(PaymentRequest r) {
        String text = "Payment, " + r.tender().label().toLowerCase();
        if (r.checkNumber() != null && !r.checkNumber().isBlank()) {
            text += " #" + r.checkNumber().trim();
        }
        if (r.cardLast4() != null && !r.cardLast4().isBlank()) {
            text += " ending " + r.cardLast4().trim();
        }
        return text;
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

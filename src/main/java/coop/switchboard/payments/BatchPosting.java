package coop.switchboard.payments;

import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.LedgerItems;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.payments.Allocation.Applied;
import coop.switchboard.payments.Allocation.OpenCharge;
import coop.switchboard.platform.CopyLoader;
import coop.switchboard.platform.CopyRows;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.Money;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Posts a whole batch of payments (a lockbox file, an ACH settlement) in the caller's one transaction: the posting lock
 * is taken exclusively (single posts wait the few seconds this takes), every account's entries are read in one query,
 * allocation runs in memory in file order (two payments to one account see each other), and receipts, payments,
 * allocations and ledger entries are copied in with COPY.
 */
@Component
public class BatchPosting {
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final LedgerService ledger;
    private final LedgerItems ledgerItems;
    private final PaymentService payments;
    private final PaymentPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    BatchPosting(JdbcClient jdbc, DataSource dataSource, LedgerService ledger, LedgerItems ledgerItems, PaymentService payments,
                 PaymentPolicy policy, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.ledger = ledger;
        this.ledgerItems = ledgerItems;
        this.payments = payments;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** A payment in the batch; {@code idempotencyKey} must be unique (a file's hash and line, say). */
    public record Item(String idempotencyKey, long accountId, Money amount, Tender tender, String reference, String checkNumber, String payerName,
                LocalDate receivedOn) {
    }

    /**
     * Makes a batch of payments that happened on their received dates (a demo's or a conversion's history): each is
     * posted, and its ledger entry dated, on its received day. Returns the payment ids in order.
     */
    @Transactional
    public List<Long> postHistory(BatchKind kind, String name, List<Item> items) {
        LocalDate today = LocalDate.now(clock);
        long batchId = jdbc.sql("""
                        insert into payments.batch (kind, name, business_day, item_count, total, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(kind.name(), name, today, items.size(), items.stream().map(Item::amount).reduce(Money.ZERO, Money::plus).amount(),
                        audit.currentActor(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        List<Long> ids = post(batchId, items, true);
        // The money of history was banked long ago: the batch is marked deposited, so no deposit waits for it.
        long deposit = jdbc.sql("""
                        insert into payments.deposit (business_day, cash_total, check_total, check_count, other_total, bank_reference,
                                                      created_by, created_at)
                        select ?, 0, 0, 0, total, ?, ?, ? from payments.batch where id = ? returning id""")
                .params(today, "history: " + name, audit.currentActor(), Timestamp.from(clock.instant()), batchId).query(Long.class).single();
        jdbc.sql("update payments.batch set deposit_id = ? where id = ?").params(deposit, batchId).update();
        return ids;
    }

    /** Posts the items into the batch and returns each one's payment id, in order. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Long> post(long batchId, List<Item> items) {
        return post(batchId, items, false);
    }

    private List<Long> post(long batchId, List<Item> items, boolean onReceivedDays) {
        if (items.isEmpty()) {
            return List.of();
        }
        jdbc.sql("select pg_advisory_xact_lock(?, 0)").param(PaymentService.POSTING_LOCK).query(Object.class).single();
        List<Long> receiptIds = ids("payments.receipt", items.size());
        List<Long> paymentIds = ids("payments.payment", items.size());
        List<Long> accounts = new ArrayList<>(new LinkedHashSet<>(items.stream().map(Item::accountId).toList()));
        Map<Long, List<LedgerItems.Item>> entries = ledgerItems.itemsOf(accounts);
        Map<Long, List<Applied>> allocations = payments.allocationsOf(accounts);
        Allocation allocation = policy.allocation();
        Map<Long, List<OpenCharge>> open = new HashMap<>(accounts.size() * 2);

        LocalDate today = LocalDate.now(clock);
        String actor = audit.currentActor();
        String at = Timestamp.from(clock.instant()).toInstant().toString();
        CopyRows receipts = new CopyRows("payments.receipt", "id, idempotency_key, fingerprint, tender, total, reference, check_number, "
                + "payer_name, batch_id, received_on, posted_on, posted_by, posted_at", items.size() * 140);
        CopyRows paymentRows = new CopyRows("payments.payment", "id, receipt_id, account_id, amount", items.size() * 40);
        CopyRows allocationRows = new CopyRows("payments.allocation", "payment_id, entry_id, amount", items.size() * 60);
        List<NewEntry> ledgerEntries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            long receiptId = receiptIds.get(i);
            long paymentId = paymentIds.get(i);
            List<OpenCharge> charges = open.computeIfAbsent(item.accountId(),
                    a -> new ArrayList<>(allocation.openCharges(entries.getOrDefault(a, List.of()), allocations)));
            List<Applied> applied = Allocation.apply(item.amount().amount(), charges);
            paid(charges, applied);
            String amount = item.amount().amount().toPlainString();
            receipts.add(receiptId).add(item.idempotencyKey()).add("batch:" + batchId).add(item.tender().name()).raw(amount)
                    .add(item.reference()).add(item.checkNumber()).add(item.payerName()).add(batchId).add(item.receivedOn())
                    .add(onReceivedDays ? item.receivedOn() : today)
                    .add(actor).raw(at);
            receipts.end();
            paymentRows.add(paymentId).add(receiptId).add(item.accountId()).raw(amount);
            paymentRows.end();
            for (Applied a : applied) {
                allocationRows.add(paymentId);
                if (a.entryId() == null) {
                    allocationRows.addNull();
                } else {
                    allocationRows.add(a.entryId());
                }
                allocationRows.raw(a.amount().toPlainString());
                allocationRows.end();
            }
            ledgerEntries.add(new NewEntry(item.accountId(), onReceivedDays ? item.receivedOn() : today, EntryKind.PAYMENT, item.amount().negate(), null, null, GlAccounts.CASH,
                    GlAccounts.RECEIVABLE, "PAYMENT", paymentId, description(item), null));
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            new CopyLoader(connection.unwrap(PGConnection.class).getCopyAPI()).load(List.of(receipts, paymentRows, allocationRows));
        } catch (SQLException e) {
            throw new IllegalStateException("could not post the batch's " + items.size() + " payments: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        ledger.postAll(ledgerEntries);
        return paymentIds;
    }

    /** Takes what a payment paid off the account's open charges, so the next payment in the file sees it. */
    private static void paid(List<OpenCharge> charges, List<Applied> applied) {
        for (Applied a : applied) {
            if (a.entryId() == null) {
                continue;
            }
            for (int i = 0; i < charges.size(); i++) {
                OpenCharge c = charges.get(i);
                if (c.entryId() == a.entryId()) {
                    BigDecimal left = c.open().subtract(a.amount());
                    if (left.signum() <= 0) {
                        charges.remove(i);
                    } else {
                        charges.set(i, new OpenCharge(c.entryId(), c.date(), c.kind(), c.category(), left));
                    }
                    break;
                }
            }
        }
    }

    /** {@code n} ids from the table's sequence (its name looked up once: a lookup per row costs a catalog search each). */
    private List<Long> ids(String table, int n) {
        String sequence = jdbc.sql("select pg_get_serial_sequence(?, 'id')").param(table).query(String.class).single();
        return jdbc.sql("select nextval(?::regclass) from generate_series(1, ?)").params(sequence, n).query(Long.class).list();
    }

    private static String description(Item item) {
        String text = "Payment, " + item.tender().label().toLowerCase();
        return item.checkNumber() == null ? text : text + " #" + item.checkNumber();
    }
}

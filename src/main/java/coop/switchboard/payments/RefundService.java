package coop.switchboard.payments;

import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.LedgerItems;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Refunds and balance transfers. A refund of a credit balance (on a final or closed account; a supervisor may refund an
 * active one) or of a deposit is requested, then paid by someone else with BILLING, SUPERVISOR or ADMIN: a deposit is
 * first applied to what the account owes and only the credit left is paid out. Paying posts a REFUND entry (receivables
 * debited, cash credited) and gives a check its number from the refund check sequence; ACH refunds go out as credits in
 * the next ACH file. The refund register lists them all; the check file is the bank's positive-pay list.
 */
@Service
public class RefundService {
    private static final RowMapper<RefundView> ROW = (rs, n) -> new RefundView(rs.getLong("id"), rs.getLong("account_id"),
            RefundView.Kind.valueOf(rs.getString("kind")), new Money(rs.getBigDecimal("amount")), RefundView.Method.valueOf(rs.getString("method")),
            rs.getString("payee_name"), rs.getString("payee_address"), RefundView.Status.valueOf(rs.getString("status")), rs.getString("reason"),
            rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(), rs.getObject("paid_on", LocalDate.class),
            rs.getString("paid_by"), rs.getString("check_number"), (Long) rs.getObject("entry_id"), rs.getString("file_name"),
            rs.getString("cancel_reason"));
    private final JdbcClient jdbc;
    private final LedgerService ledger;
    private final LedgerItems items;
    private final MemberService members;
    private final StaffPermissions permissions;
    private final AuditLog audit;
    private final Clock clock;

    RefundService(JdbcClient jdbc, LedgerService ledger, LedgerItems items, MemberService members, StaffPermissions permissions,
                  AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.items = items;
        this.members = members;
        this.permissions = permissions;
        this.audit = audit;
        this.clock = clock;
    }

    /** A refund and where it stands. */
    public record RefundView(long id, long accountId, Kind kind, Money amount, Method method, String payeeName, String payeeAddress,
                             Status status, String reason, String requestedBy, Instant requestedAt, LocalDate paidOn, String paidBy,
                             String checkNumber, Long entryId, String fileName, String cancelReason) {
        public enum Kind { CREDIT_BALANCE, DEPOSIT }

        public enum Method { CHECK, ACH }

        /** APPLIED: a deposit that went wholly to what the account owed, so nothing was paid out. */
        public enum Status { REQUESTED, PAID, APPLIED, CANCELLED }
    }

    /** What the account could have refunded now: its credit balance and the deposit it holds. */
    public record Refundable(Money creditBalance, Money depositHeld) {
    }

    public Refundable refundable(long accountId) {
        Money balance = ledger.balance(accountId);
        return new Refundable(balance.signum() < 0 ? balance.negate() : Money.ZERO, items.heldIn(accountId, GlAccounts.DEPOSITS_HELD));
    }

    /** Asks for a refund; nothing moves until someone else pays it. */
    @Transactional
    public RefundView request(long accountId, RefundView.Kind kind, Money amount, RefundView.Method method, String payeeName,
                              String payeeAddress, String reason) {
        AccountView account = members.findAccount(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
        InputChecks checks = new InputChecks().required("kind", kind).required("method", method).required("payeeName", payeeName)
                .maxLength("payeeName", payeeName, 80).maxLength("payeeAddress", payeeAddress, 200).required("reason", reason)
                .maxLength("reason", reason, 500);
        if (method == RefundView.Method.CHECK && (payeeAddress == null || payeeAddress.isBlank())) {
            checks.add("payeeAddress", "is required to mail a check");
        }
        Refundable can = refundable(accountId);
        if (amount == null || amount.signum() <= 0) {
            checks.add("amount", "must be more than zero");
        } else if (kind == RefundView.Kind.CREDIT_BALANCE) {
            if (amount.compareTo(can.creditBalance().minus(pendingCredit(accountId))) > 0) {
                checks.add("amount", "is more than the credit balance not already being refunded ($"
                        + can.creditBalance().minus(pendingCredit(accountId)) + ")");
            }
            boolean finalAccount = account.status() == AccountView.AccountStatus.FINAL || account.status() == AccountView.AccountStatus.CLOSED;
            if (!finalAccount && !permissions.hasRole(Role.SUPERVISOR) && !permissions.hasRole(Role.ADMIN)) {
                checks.add("kind", "credit balances are refunded on final or closed accounts; a supervisor may refund an active one");
            }
        } else if (kind == RefundView.Kind.DEPOSIT && amount.compareTo(can.depositHeld()) > 0) {
            checks.add("amount", "is more than the deposit held ($" + can.depositHeld() + ")");
        }
        checks.throwIfAny();
        long id = jdbc.sql("""
                        insert into payments.refund (account_id, kind, amount, method, payee_name, payee_address, status, reason,
                                                     requested_by, requested_at)
                        values (?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?) returning id""")
                .params(accountId, kind.name(), amount.amount(), method.name(), payeeName.trim(), blankToNull(payeeAddress), reason.trim(),
                        audit.currentActor(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.changed("refund", id, accountId, "REQUEST", null, Map.of("kind", kind.name(), "amount", amount.toString(), "method", method.name()));
        return refund(id);
    }

    /** Pays a requested refund (BILLING, SUPERVISOR or ADMIN, not the person who asked for it). */
    @Transactional
    public RefundView pay(long refundId) {
        RefundView r = jdbc.sql("select * from payments.refund where id = ? for update").param(refundId).query(ROW).optional()
                .orElseThrow(() -> new NotFoundException("Refund", refundId));
        if (!permissions.hasRole(Role.BILLING) && !permissions.hasRole(Role.SUPERVISOR) && !permissions.hasRole(Role.ADMIN)) {
            throw new NotAllowedException("Refunds are paid by Billing or a supervisor.");
        }
        if (r.requestedBy().equals(audit.currentActor())) {
            throw new NotAllowedException("Someone other than the person who asked for a refund pays it.");
        }
        if (r.status() != RefundView.Status.REQUESTED) {
            throw new InvalidInputException("refund", "refund " + refundId + " is " + r.status().name().toLowerCase());
        }
        LocalDate today = LocalDate.now(clock);
        Long depositEntry = null;
        Money payOut = r.amount();
        if (r.kind() == RefundView.Kind.DEPOSIT) {
            Money held = items.heldIn(r.accountId(), GlAccounts.DEPOSITS_HELD);
            if (r.amount().compareTo(held) > 0) {
                throw new InvalidInputException("amount", "the deposit held is now $" + held);
            }
            // The deposit leaves the deposits-held liability and pays what the account owes; only a credit is paid out.
            depositEntry = ledger.post(new NewEntry(r.accountId(), today, EntryKind.DEPOSIT, r.amount().negate(), null, "DEPOSIT_REFUND",
                    GlAccounts.DEPOSITS_HELD, GlAccounts.RECEIVABLE, "REFUND", refundId, "Deposit returned to the account", null));
            Money credit = ledger.balance(r.accountId()).negate();
            payOut = credit.signum() <= 0 ? Money.ZERO : (credit.compareTo(r.amount()) < 0 ? credit : r.amount());
        } else {
            Money credit = ledger.balance(r.accountId()).negate();
            if (r.amount().compareTo(credit) > 0) {
                throw new InvalidInputException("amount", "the credit balance is now $" + (credit.signum() < 0 ? Money.ZERO : credit));
            }
        }
        Long entry = null;
        String checkNumber = null;
        RefundView.Status status = RefundView.Status.APPLIED;
        if (payOut.signum() > 0) {
            entry = ledger.post(new NewEntry(r.accountId(), today, EntryKind.REFUND, payOut, null, r.kind().name(), GlAccounts.RECEIVABLE,
                    GlAccounts.CASH, "REFUND", refundId, "Refund by " + r.method().name().toLowerCase() + " to " + r.payeeName(), null));
            if (r.method() == RefundView.Method.CHECK) {
                checkNumber = Long.toString(jdbc.sql("select nextval('payments.refund_check_number')").query(Long.class).single());
            }
            status = RefundView.Status.PAID;
        }
        jdbc.sql("""
                        update payments.refund set status = ?, amount = ?, paid_on = ?, paid_by = ?, check_number = ?, entry_id = ?,
                               deposit_entry_id = ? where id = ?""")
                .params(status.name(), payOut.signum() > 0 ? payOut.amount() : r.amount().amount(), today, audit.currentActor(), checkNumber,
                        entry, depositEntry, refundId)
                .update();
        audit.changed("refund", refundId, r.accountId(), "PAY", Map.of("status", "REQUESTED"),
                Map.of("status", status.name(), "paidOut", payOut.toString()));
        return refund(refundId);
    }

    @Transactional
    public RefundView cancel(long refundId, String reason) {
        RefundView r = refund(refundId);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required");
        }
        if (r.status() != RefundView.Status.REQUESTED) {
            throw new InvalidInputException("refund", "refund " + refundId + " is " + r.status().name().toLowerCase());
        }
        jdbc.sql("update payments.refund set status = 'CANCELLED', cancel_reason = ? where id = ?").params(reason.trim(), refundId).update();
        audit.changed("refund", refundId, r.accountId(), "CANCEL", Map.of("status", "REQUESTED"), Map.of("status", "CANCELLED"));
        return refund(refundId);
    }

    public RefundView refund(long id) {
        return jdbc.sql("select * from payments.refund where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFoundException("Refund", id));
    }

    /** The refund register: refunds asked for or paid in a period, newest first. */
    public List<RefundView> register(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select * from payments.refund
                         where (requested_at at time zone current_setting('TimeZone'))::date between ? and ? or paid_on between ? and ?
                         order by id desc""")
                .params(from, to, from, to).query(ROW).list();
    }

    public List<RefundView> waiting() {
        return jdbc.sql("select * from payments.refund where status = 'REQUESTED' order by id").query(ROW).list();
    }

    public List<RefundView> refundsOf(long accountId) {
        return jdbc.sql("select * from payments.refund where account_id = ? order by id desc").param(accountId).query(ROW).list();
    }

    /** ACH refunds paid and not yet in an ACH file, for the next file's credit batch. */
    List<RefundView> achToSend() {
        return jdbc.sql("select * from payments.refund where status = 'PAID' and method = 'ACH' and file_name is null order by id").query(ROW).list();
    }

    void sent(List<Long> refundIds, String fileName) {
        if (!refundIds.isEmpty()) {
            jdbc.sql("update payments.refund set file_name = ? where id = any(?)").params(fileName, refundIds.toArray(Long[]::new)).update();
        }
    }

    /**
     * The check file for the bank's positive pay: every refund check issued on a day, one CSV line each
     * ({@code check_number,issue_date,amount,payee}). Returns how many.
     */
    public int writeCheckFile(LocalDate day, Writer out) {
        List<RefundView> checks = jdbc.sql("select * from payments.refund where paid_on = ? and check_number is not null order by check_number")
                .param(day).query(ROW).list();
        try {
            out.write("check_number,issue_date,amount,payee\n");
            for (RefundView r : checks) {
                out.write(r.checkNumber() + "," + r.paidOn() + "," + r.amount() + "," + csv(r.payeeName()) + "\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checks.size();
    }

    /** Moves a balance between two of a member's accounts: a transfer entry on each, through transfer clearing. */
    @Transactional
    public long transfer(long fromAccountId, long toAccountId, Money amount, String reason) {
        AccountView from = members.findAccount(fromAccountId).orElseThrow(() -> new NotFoundException("Account", fromAccountId));
        InputChecks checks = new InputChecks().required("reason", reason).maxLength("reason", reason, 500);
        AccountView to = members.findAccount(toAccountId).orElse(null);
        if (to == null) {
            checks.add("toAccountId", "no account " + toAccountId);
        } else if (to.memberId() != from.memberId()) {
            checks.add("toAccountId", "balances move only between one member's accounts");
        } else if (to.id() == from.id()) {
            checks.add("toAccountId", "is the same account");
        }
        if (amount == null || amount.signum() <= 0) {
            checks.add("amount", "must be more than zero");
        }
        checks.throwIfAny();
        LocalDate today = LocalDate.now(clock);
        long id = jdbc.sql("select nextval(pg_get_serial_sequence('payments.balance_transfer', 'id'))").query(Long.class).single();
        String what = "Balance transfer " + from.accountNumber() + " to " + to.accountNumber() + ": " + reason.trim();
        long out = ledger.post(NewEntry.charge(fromAccountId, today, EntryKind.TRANSFER, amount.negate(), null, "transfer",
                "143", "TRANSFER", id, what, null));
        long in = ledger.post(NewEntry.charge(toAccountId, today, EntryKind.TRANSFER, amount, null, "transfer", "143", "TRANSFER", id,
                what, today.plusDays(20)));
        jdbc.sql("""
                        insert into payments.balance_transfer (id, from_account_id, to_account_id, amount, reason, from_entry_id, to_entry_id,
                                                               created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, fromAccountId, toAccountId, amount.amount(), reason.trim(), out, in, audit.currentActor(),
                        Timestamp.from(clock.instant())).update();
        audit.changed("balance_transfer", id, fromAccountId, "CREATE", null, Map.of("to", toAccountId, "amount", amount.toString()));
        return id;
    }

    private Money pendingCredit(long accountId) {
        return new Money(jdbc.sql("select coalesce(sum(amount), 0) from payments.refund where account_id = ? and status = 'REQUESTED' and kind = 'CREDIT_BALANCE'")
                .param(accountId).query(java.math.BigDecimal.class).single());
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

package coop.switchboard.agreements;

import coop.switchboard.members.AccountView.AccountStatus;
import coop.switchboard.shared.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account's status as its services start and stop: a pending (or final) account becomes ACTIVE when a service
 * starts; an active one becomes FINAL when its last service stops (its final bill is due). Each change is audited.
 * The members module has no public way to change an account's status yet, so the change is written here, in the
 * caller's transaction, bumping the account's version like the members module does.
 */
@Component
class AccountStatuses {
    private final JdbcClient jdbc;
    private final AuditLog audit;

    AccountStatuses(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A service started on the account: PENDING or FINAL becomes ACTIVE. */
    AccountStatus serviceStarted(long accountId, long agreementId) {
        AccountStatus now = current(accountId);
        if (now == AccountStatus.PENDING || now == AccountStatus.FINAL) {
            return change(accountId, now, AccountStatus.ACTIVE, "service started (agreement " + agreementId + ")");
        }
        return now;
    }

    /** A service stopped on {@code endDate}: an account with no service left after that day becomes FINAL. */
    AccountStatus serviceStopped(long accountId, long agreementId, LocalDate endDate) {
        AccountStatus now = current(accountId);
        boolean stillServed = jdbc.sql("""
                        select count(*) from agreements.service_agreement
                         where account_id = ? and id <> ? and (end_date is null or end_date > ?)""")
                .params(accountId, agreementId, endDate).query(Integer.class).single() > 0;
        if (!stillServed && (now == AccountStatus.ACTIVE || now == AccountStatus.PENDING)) {
            return change(accountId, now, AccountStatus.FINAL, "last service stopped on " + endDate + " (agreement " + agreementId + ")");
        }
        return now;
    }

    /**
     * Locks the accounts' rows until the transaction ends, in id order, so two stops on one account at once cannot
     * each see the other's service still running and both leave the account ACTIVE with nothing served.
     */
    void lock(long... accountIds) {
        java.util.Arrays.stream(accountIds).distinct().sorted().forEach(id ->
                jdbc.sql("select id from members.account where id = ? for update").param(id).query(Long.class).optional());
    }

    AccountStatus current(long accountId) {
        return AccountStatus.valueOf(jdbc.sql("select status from members.account where id = ?").param(accountId).query(String.class).single());
    }

    private AccountStatus change(long accountId, AccountStatus from, AccountStatus to, String reason) {
        jdbc.sql("update members.account set status = ?, version = version + 1 where id = ? and status = ?")
                .params(to.name(), accountId, from.name()).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", to.name());
        after.put("reason", reason);
        audit.changed("account", accountId, accountId, "STATUS", Map.of("status", from.name()), after);
        return to;
    }
}

package coop.switchboard.agreements;

import coop.switchboard.members.AccountView.AccountStatus;
import coop.switchboard.members.MemberService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * An account's status as its services start and stop: a pending (or final) account becomes ACTIVE when a service
 * starts; an active one becomes FINAL when its last service stops (its final bill is due). Each change is audited.
 * The change itself is the members module's ({@link MemberService#changeAccountStatus}), in the caller's transaction.
 */
@Component
class AccountStatuses {
    private final JdbcClient jdbc;
    private final MemberService members;

    AccountStatuses(JdbcClient jdbc, MemberService members) {
        this.jdbc = jdbc;
        this.members = members;
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
        members.lockAccounts(accountIds);
    }

    AccountStatus current(long accountId) {
        return members.accountStatus(accountId);
    }

    private AccountStatus change(long accountId, AccountStatus from, AccountStatus to, String reason) {
        return members.changeAccountStatus(accountId, from, to, reason) ? to : current(accountId);
    }
}

package coop.switchboard.billing;

import coop.switchboard.agreements.ServiceStopped;
import coop.switchboard.agreements.ServiceTransferred;
import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What billing does when service stops or moves: the final bill for a stopped agreement, and, when a member moving to
 * another of their accounts asked for it, the old account's balance (final bill included) moved to the new account
 * with a transfer entry on each. Both are idempotent: an event delivered again changes nothing.
 */
@Component
class ServiceChanges {
    /** Transfers clear through this account, so each side's journal line has its other half. */
    static final String TRANSFER_CLEARING = "143";
    private final FinalBillService finals;
    private final LedgerService ledger;
    private final JdbcClient jdbc;

    ServiceChanges(FinalBillService finals, LedgerService ledger, JdbcClient jdbc) {
        this.finals = finals;
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(ServiceStopped stopped) {
        finals.finalBill(stopped.agreementId(), stopped.endDate());
    }

    @ApplicationModuleListener
    void on(ServiceTransferred moved) {
        if (!moved.moveBalance() || moved.fromAccountId() == moved.toAccountId()) {
            return;
        }
        // The final bill first, so the balance that moves includes it (this listener may run before the other).
        finals.finalBill(moved.stoppedAgreementId(), moved.startDate());
        if (!ledger.fromSource(moved.fromAccountId(), "TRANSFER", moved.stoppedAgreementId()).isEmpty()) {
            return; // moved already
        }
        Money balance = ledger.balance(moved.fromAccountId());
        if (balance.isZero()) {
            return;
        }
        String what = "Balance moved with the service from account " + moved.fromAccountId() + " to account " + moved.toAccountId();
        ledger.post(NewEntry.charge(moved.fromAccountId(), moved.startDate(), EntryKind.TRANSFER, balance.negate(), null, "transfer",
                TRANSFER_CLEARING, "TRANSFER", moved.stoppedAgreementId(), what, null));
        ledger.post(NewEntry.charge(moved.toAccountId(), moved.startDate(), EntryKind.TRANSFER, balance, null, "transfer",
                TRANSFER_CLEARING, "TRANSFER", moved.stoppedAgreementId(), what, moved.startDate().plusDays(20)));
    }
}

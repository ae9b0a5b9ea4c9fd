package coop.switchboard.agreements;

import coop.switchboard.members.AccountView.AccountStatus;
import coop.switchboard.metering.ReadView;

/**
 * What starting or stopping a service did: the agreement as it now stands, the read stored with it (null for an
 * unmetered service; its status is EXCEPTION when it failed validation and waits in the exceptions queue), and the
 * account's status afterwards.
 */
public record MoveResult(AgreementView agreement, ReadView read, AccountStatus accountStatus) {

    /** Whether the read failed validation and waits for someone in the read exceptions queue. */
    public boolean readWaitsInExceptions() {
        return read != null && "EXCEPTION".equals(read.status());
    }
}

package coop.switchboard.ledger;

/** What an entry records. A correction is never an edit: it is a {@link #REVERSAL} of the entry, then a new one. */
public enum EntryKind {
    CHARGE, PAYMENT, ADJUSTMENT, FEE, DEPOSIT, TRANSFER, WRITE_OFF, REFUND, REVERSAL
}

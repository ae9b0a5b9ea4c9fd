/**
 * The account ledger: insert-only entries (charges, payments, adjustments, fees, deposits, transfers, write-offs,
 * refunds, reversals), each with its source reference and the general-ledger accounts it debits and credits, so every
 * day's journal balances. Balances and aging are always derived from the entries. Publishes
 * {@link coop.switchboard.ledger.LedgerService} and {@link coop.switchboard.ledger.JournalService}. Knows nothing of
 * bills or payments beyond the source reference an entry carries.
 */
package coop.switchboard.ledger;

package coop.switchboard.ledger;

import coop.switchboard.shared.Money;

import java.time.LocalDate;

/**
 * An entry to post. {@code amount} is its effect on what the member owes (a charge positive, a payment or credit
 * negative); {@code debitAccount} and {@code creditAccount} are the general-ledger accounts its absolute amount moves
 * between. {@code sourceType} and {@code sourceId} say what it comes from ({@code BILL 123}, {@code PAYMENT 456}).
 */
public record NewEntry(long accountId, LocalDate entryDate, EntryKind kind, Money amount, String service, String category,
                       String debitAccount, String creditAccount, String sourceType, long sourceId, String description,
                       LocalDate dueDate) {

    /**
     * A charge (positive) or credit (negative) to the member, against a revenue or liability account: a charge debits
     * receivables, a credit debits the other account.
     */
    public static NewEntry charge(long accountId, LocalDate date, EntryKind kind, Money amount, String service, String category,
                                  String otherAccount, String sourceType, long sourceId, String description, LocalDate dueDate) {
        boolean owed = amount.signum() >= 0;
        return new NewEntry(accountId, date, kind, amount, service, category, owed ? GlAccounts.RECEIVABLE : otherAccount,
                owed ? otherAccount : GlAccounts.RECEIVABLE, sourceType, sourceId, description, dueDate);
    }
}

package coop.switchboard.payments.ach;

/** The kind of account an entry posts to, told by the first digit of its transaction code (2, 3, 4 or 5). */
public enum AccountType {
    CHECKING, SAVINGS, GENERAL_LEDGER, LOAN;

    /** The account type of a transaction code (22 checking credit, 37 savings debit, ...), or null for a code of none. */
    public static AccountType of(int transactionCode) {
        return switch (transactionCode / 10) {
            case 2 -> CHECKING;
            case 3 -> SAVINGS;
            case 4 -> GENERAL_LEDGER;
            case 5 -> LOAN;
            default -> null;
        };
    }
}

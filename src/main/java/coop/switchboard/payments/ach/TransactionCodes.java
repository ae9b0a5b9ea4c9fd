package coop.switchboard.payments.ach;

/**
 * NACHA transaction codes for demand (2x), savings (3x), general ledger (4x) and loan (5x) accounts. The second digit
 * says what the entry does: 1 return or NOC of a credit, 2 credit, 3 credit prenote, 4 zero-dollar credit with
 * remittance data; 6 return or NOC of a debit, 7 debit, 8 debit prenote, 9 zero-dollar debit with remittance data.
 * Loan accounts take 51-54 credits, 55 (a debit, for reversals only) and 56.
 */
final class TransactionCodes {
    private TransactionCodes() {
    }

    static boolean isKnown(int code) {
        int account = code / 10;
        int kind = code % 10;
        if (account >= 2 && account <= 4) {
            return (kind >= 1 && kind <= 4) || (kind >= 6 && kind <= 9);
        }
        return account == 5 && kind >= 1 && kind <= 6;
    }

    static boolean isDebit(int code) {
        return isKnown(code) && code % 10 >= 5;
    }

    static boolean isCredit(int code) {
        return isKnown(code) && code % 10 <= 4;
    }

    /** A zero-dollar entry that tests the account and routing before live entries flow. */
    static boolean isPrenote(int code) {
        return isKnown(code) && (code % 10 == 3 || code % 10 == 8);
    }

    /** An automated return or notification of change (21, 26, 31, 36, 41, 46, 51, 56). */
    static boolean isReturnOrNoc(int code) {
        return isKnown(code) && (code % 10 == 1 || code % 10 == 6);
    }
}

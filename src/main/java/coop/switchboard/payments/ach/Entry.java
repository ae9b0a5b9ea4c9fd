package coop.switchboard.payments.ach;

import java.util.List;
import java.util.Objects;

/**
 * An entry detail record (type 6) with its addenda: one debit or credit to one bank account.
 * {@code receivingDfi} and {@code checkDigit} together are the receiver's routing number; {@code dfiAccountNumber} is
 * kept without trailing spaces; {@code individualId} and {@code individualName} are what the originator put there
 * (a utility: its account number and the member's name; in a CCD entry the receiving company). {@code traceNumber}
 * is 15 digits: the originating DFI's 8 then a sequence number. {@code line} is the record's 1-based line in the file
 * it was read from, 0 for an entry made in memory.
 *
 * <p>In an IAT entry {@code dfiAccountNumber} is the foreign receiver's account number, {@code individualName} the
 * receiver's name from the type 10 addenda, and {@code individualId} and {@code discretionaryData} are blank.
 */
public record Entry(int transactionCode, String receivingDfi, char checkDigit, String dfiAccountNumber,
                    long amountCents, String individualId, String individualName, String discretionaryData,
                    int addendaIndicator, String traceNumber, List<Addenda> addenda, int line) {
    public Entry {
        Objects.requireNonNull(receivingDfi, "receivingDfi");
        Objects.requireNonNull(dfiAccountNumber, "dfiAccountNumber");
        Objects.requireNonNull(individualId, "individualId");
        Objects.requireNonNull(individualName, "individualName");
        Objects.requireNonNull(discretionaryData, "discretionaryData");
        Objects.requireNonNull(traceNumber, "traceNumber");
        addenda = List.copyOf(addenda);
        if (amountCents < 0) {
            throw new IllegalArgumentException("an entry's amount is never negative: " + amountCents);
        }
    }

    /**
     * Whether the entry takes money from the receiver's account: transaction codes ending in 5-9 (27 and 37 debits,
     * 28 and 38 debit prenotes, 26 and 36 returns of debits, ...).
     */
    public boolean isDebit() {
        return TransactionCodes.isDebit(transactionCode);
    }

    /** Whether the entry puts money into the receiver's account: codes ending in 1-4 (22, 32 credits, ...). */
    public boolean isCredit() {
        return TransactionCodes.isCredit(transactionCode);
    }

    /** Whether the entry is a zero-dollar prenote (23, 28, 33, 38, 43, 48, 53) that tests routing and account. */
    public boolean isPrenote() {
        return TransactionCodes.isPrenote(transactionCode);
    }

    /** Whether the entry is an automated return or notification of change (21, 26, 31, 36, ...). */
    public boolean isReturnOrNoc() {
        return TransactionCodes.isReturnOrNoc(transactionCode);
    }

    /** Checking, savings, general ledger or loan, from the transaction code. */
    public AccountType accountType() {
        return AccountType.of(transactionCode);
    }

    /** The receiver's 9-digit routing number. */
    public String routingNumber() {
        return receivingDfi + checkDigit;
    }
}

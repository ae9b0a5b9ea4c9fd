package coop.switchboard.payments.ach;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * An entry the utility wants to originate, before it has a batch or a trace number: a PPD or CCD debit of a member's
 * checking (27) or savings (37) account, a prenote (28, 38; or 23, 33 for credits) to test the account first, or a
 * refund credit (22, 32). {@code individualId} is the member's account number at the utility (15 characters at most),
 * which comes back on returns and NOCs; {@code individualName} is cut to 22 characters when the file is built.
 */
public record EntryDraft(SecCode secCode, int transactionCode, String routingNumber, String accountNumber,
                         long amountCents, String individualId, String individualName, LocalDate effectiveDate) {
    private static final Set<Integer> CODES = Set.of(22, 23, 27, 28, 32, 33, 37, 38);
    private static final long LARGEST_AMOUNT = 99_999_999_99L;

    public EntryDraft {
        if (secCode != SecCode.PPD && secCode != SecCode.CCD) {
            throw new IllegalArgumentException("Switchboard originates PPD and CCD entries, not " + secCode);
        }
        if (!CODES.contains(transactionCode)) {
            throw new IllegalArgumentException("transaction code " + transactionCode
                    + " is not one Switchboard originates (22, 23, 27, 28, 32, 33, 37, 38)");
        }
        AbaRouting.requireValid(routingNumber);
        accountNumber = Objects.requireNonNull(accountNumber, "accountNumber").strip();
        if (accountNumber.isEmpty() || accountNumber.length() > 17 || !accountNumber.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("bank account number \"" + accountNumber
                    + "\" must be 1 to 17 letters, digits or hyphens");
        }
        if (TransactionCodes.isPrenote(transactionCode) ? amountCents != 0 : amountCents <= 0) {
            throw new IllegalArgumentException(TransactionCodes.isPrenote(transactionCode)
                    ? "a prenote carries no amount, not " + NachaReader.dollars(amountCents)
                    : "an entry's amount must be more than zero, not " + amountCents + " cents");
        }
        if (amountCents > LARGEST_AMOUNT) {
            throw new IllegalArgumentException(NachaReader.dollars(amountCents) + " is more than an entry can carry");
        }
        individualId = Objects.requireNonNull(individualId, "individualId").strip();
        if (individualId.length() > 15) {
            throw new IllegalArgumentException("individual id \"" + individualId + "\" is longer than 15 characters");
        }
        if (individualName == null || individualName.isBlank()) {
            throw new IllegalArgumentException("individual name is missing");
        }
        Objects.requireNonNull(effectiveDate, "effectiveDate");
    }

    boolean isDebit() {
        return TransactionCodes.isDebit(transactionCode);
    }
}

package coop.switchboard.payments.lockbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a bank's lockbox or remittance file says was received: the payments ({@link Item}s) to match to accounts and
 * post, and the count and total the file vouches for. A file is only ever built from a file that passed every control
 * check, so {@code controlCount == items().size()} and {@code controlTotal} equals the sum of the item amounts.
 *
 * @param format       {@link #BAI2}, {@link #BAI_LOCKBOX} or {@link #CSV}
 * @param depositDate  the day the money was deposited: the latest lockbox deposit date (BAI lockbox), group as-of date
 *                     (BAI2) or item date (CSV); null only for a CSV file without items
 * @param items        the money received, in file order
 * @param controlCount the number of items the file's control records vouch for
 * @param controlTotal their total in dollars, scale 2
 */
public record LockboxFile(String format, LocalDate depositDate, List<Item> items, int controlCount, BigDecimal controlTotal) {

    /** A BAI2 cash management (balance and transaction) file. */
    public static final String BAI2 = "BAI2";
    /** A fixed-width BAI lockbox transmission (records 1, 2, 5, 6, 4, 7, 8, 9). */
    public static final String BAI_LOCKBOX = "BAI_LOCKBOX";
    /** Switchboard's CSV remittance format for processors without a BAI file. */
    public static final String CSV = "CSV";

    public LockboxFile {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(controlTotal, "controlTotal");
        items = List.copyOf(items);
        controlTotal = cents(controlTotal, "control total");
    }

    /**
     * One payment received: a check with its stub, an ACH or wire credit, or a processor's remittance row.
     *
     * @param line            the line of the file where the item's record starts (1-based)
     * @param reference       what to match the account by: the stub's scan line digits, an account number or the
     *                        payer's reference text, trimmed; null when the file gives none
     * @param amount          dollars, scale 2
     * @param checkNumber     the check's serial number without padding zeros; null when none
     * @param payerName       the remitter as the bank captured it; null when none
     * @param remitterRouting the routing (transit) number of the payer's bank; null when none
     * @param remitterAccount the payer's bank account number without padding zeros; null when none
     * @param date            the day the payment was received (the deposit or as-of date, or the CSV row's date)
     * @param batch           the bank's batch number (BAI lockbox) or the receiving bank account (BAI2); null for CSV
     * @param typeCode        the BAI2 detail type code, e.g. {@code 115} (lockbox deposit); null for other formats
     */
    public record Item(int line, String reference, BigDecimal amount, String checkNumber, String payerName,
                       String remitterRouting, String remitterAccount, LocalDate date, String batch, String typeCode) {

        public Item {
            Objects.requireNonNull(amount, "amount");
            amount = cents(amount, "amount");
            reference = textOrNull(reference);
            checkNumber = textOrNull(checkNumber);
            payerName = textOrNull(payerName);
            remitterRouting = textOrNull(remitterRouting);
            remitterAccount = textOrNull(remitterAccount);
            batch = textOrNull(batch);
            typeCode = textOrNull(typeCode);
        }
    }

    private static BigDecimal cents(BigDecimal amount, String what) {
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " " + amount.toPlainString() + " has fractions of a cent");
        }
    }

    private static String textOrNull(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}

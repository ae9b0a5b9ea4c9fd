package coop.switchboard.shared;


import java.math.BigDecimal;

/**
 * The scan line printed on a bill's remittance stub and read back by the lockbox: the account number zero-padded to 10
 * digits, the amount due in cents zero-padded to 9 (a credit or zero prints {@code 000000000}), and one Luhn check
 * digit over those 19 digits, separated by single spaces: {@code 0001234567 000012345 7}.
 */
public final class ScanLine {
    static final int ACCOUNT_DIGITS = 10;
    static final int AMOUNT_DIGITS = 9;
    private static final long MAX_CENTS = 999_999_999L;

    private ScanLine() {
    }

    /** What a scan line says: the account number (without its padding zeros) and the amount due. */
    public record Parsed(String accountNumber, Money amountDue) {
    }

    /** The scan line for an account and the amount due on its bill. */
    public static String of(String accountNumber, Money amountDue) {
        if (accountNumber == null || accountNumber.isEmpty() || accountNumber.length() > ACCOUNT_DIGITS
                || !accountNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("account number '" + accountNumber + "' is not 1 to " + ACCOUNT_DIGITS + " digits");
        }
        if (amountDue == null) {
            throw new IllegalArgumentException("amount due is required");
        }
        long cents = Math.max(0, amountDue.cents());
        if (cents > MAX_CENTS) {
            throw new IllegalArgumentException("amount due " + amountDue + " does not fit the scan line's " + AMOUNT_DIGITS + " digits");
        }
        String account = pad(accountNumber, ACCOUNT_DIGITS);
        String amount = pad(Long.toString(cents), AMOUNT_DIGITS);
        return account + " " + amount + " " + CheckDigit.luhn(account + amount);
    }

    /**
     * Reads a scan line back (spaces between the groups may be repeated, as OCR sometimes gives them). Throws
     * {@link IllegalArgumentException} saying which group is wrong, or that the check digit does not match.
     */
    public static Parsed parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("scan line is empty");
        }
        String[] groups = line.strip().split("\\s+");
        if (groups.length != 3) {
            throw new IllegalArgumentException("scan line '" + line.strip() + "' has " + groups.length
                    + " groups; expected account number, amount and check digit");
        }
        String account = groups[0];
        String amount = groups[1];
        String check = groups[2];
        requireDigits("account number", account, ACCOUNT_DIGITS);
        requireDigits("amount", amount, AMOUNT_DIGITS);
        requireDigits("check digit", check, 1);
        int expected = CheckDigit.luhn(account + amount);
        if (expected != check.charAt(0) - '0') {
            throw new IllegalArgumentException("check digit " + check + " does not match the account number and amount of '"
                    + line.strip() + "'; the line was misread or mistyped");
        }
        String stripped = account.replaceFirst("^0+(?=.)", "");
        return new Parsed(stripped, new Money(BigDecimal.valueOf(Long.parseLong(amount), Money.SCALE)));
    }

    private static void requireDigits(String what, String value, int length) {
        if (value.length() != length || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " '" + value + "' is not " + length + (length == 1 ? " digit" : " digits"));
        }
    }

    private static String pad(String digits, int length) {
        return "0".repeat(length - digits.length()) + digits;
    }
}

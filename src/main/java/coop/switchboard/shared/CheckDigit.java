package coop.switchboard.shared;

/**
 * Luhn (mod 10) check digits for account numbers: catches every single-digit typo and almost every
 * transposition, which is what a CSR keying a number from a stub needs.
 */
public final class CheckDigit {
    private CheckDigit() {
    }

    /** The check digit for a string of decimal digits. */
    public static int luhn(String digits) {
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit: " + c);
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    /** The base number with its check digit appended. */
    public static String append(long base) {
        String digits = Long.toString(base);
        return digits + luhn(digits);
    }

    /** Whether a full number (base plus check digit) is valid. */
    public static boolean isValid(String number) {
        if (number == null || number.length() < 2 || !number.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return luhn(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1) - '0';
    }
}

package coop.switchboard.members;

/** Social security numbers and employer identification numbers: nine digits, shown as 123-45-6789. */
final class TaxIds {
    private TaxIds() {
    }

    /** The nine digits, or null when the input is not nine digits once dashes and spaces are removed. */
    static String normalise(String input) {
        if (input == null) {
            return null;
        }
        String digits = input.replaceAll("[\\s-]", "");
        return digits.matches("\\d{9}") ? digits : null;
    }

    static String format(String digits) {
        if (digits == null || digits.length() != 9) {
            return digits;
        }
        return digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
    }
}

package coop.switchboard.members;

/** Social security numbers and employer identification numbers: nine digits either way. */
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

    /** An SSN as 123-45-6789, an EIN (a business's tax id) as 12-3456789. */
    static String format(String digits, boolean business) {
        if (digits == null || digits.length() != 9) {
            return digits;
        }
        return business ? digits.substring(0, 2) + "-" + digits.substring(2)
                : digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
    }
}

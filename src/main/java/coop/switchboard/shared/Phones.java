package coop.switchboard.shared;

/** North American phone numbers, stored as ten digits and shown as (509) 555-0142. */
public final class Phones {
    private Phones() {
    }

    /** The ten digits of a phone number, or null when it is not one. */
    public static String digits(String input) {
        if (input == null) {
            return null;
        }
        String d = input.replaceAll("[^0-9]", "");
        if (d.length() == 11 && d.charAt(0) == '1') {
            d = d.substring(1);
        }
        return d.length() == 10 ? d : null;
    }

    public static String format(String digits) {
        if (digits == null || digits.length() != 10) {
            return digits;
        }
        return "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
    }
}

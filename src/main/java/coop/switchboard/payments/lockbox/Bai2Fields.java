package coop.switchboard.payments.lockbox;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/** The values inside BAI2 fields: amounts in cents, counts, YYMMDD dates, type codes; each names the line when wrong. */
final class Bai2Fields {

    private Bai2Fields() {
    }

    static String field(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : "";
    }

    static boolean blankFrom(List<String> fields, int from) {
        for (int i = from; i < fields.size(); i++) {
            if (!fields.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    static String typeCode(String text, int line) {
        if (text.length() != 3 || !digits(text)) {
            throw new LockboxFormatException(line, "type code '" + text + "' is not three digits");
        }
        return text;
    }

    /** Whole cents: digits with an optional sign; blank is zero (BAI2 leaves an amount out when there is none). */
    static long amount(String text, int line, String what) {
        if (text.isEmpty()) {
            return 0;
        }
        int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        String digits = text.substring(start);
        if (digits.isEmpty() || digits.length() > 18 || !digits(digits)) {
            throw new LockboxFormatException(line, what + " '" + text + "' is not an amount in cents (digits with an optional sign)");
        }
        long cents = Long.parseLong(digits);
        return text.startsWith("-") ? -cents : cents;
    }

    static int count(String text, int line, String what) {
        if (text.isEmpty()) {
            return 0;
        }
        if (text.length() > 9 || !digits(text)) {
            throw new LockboxFormatException(line, what + " '" + text + "' is not a whole number");
        }
        return Integer.parseInt(text);
    }

    static LocalDate date(String text, int line, String what) {
        if (text.length() != 6 || !digits(text)) {
            throw new LockboxFormatException(line, what + " '" + text + "' is not a date in the form YYMMDD");
        }
        try {
            return LocalDate.of(2000 + Integer.parseInt(text.substring(0, 2)), Integer.parseInt(text.substring(2, 4)),
                    Integer.parseInt(text.substring(4, 6)));
        } catch (DateTimeException e) {
            throw new LockboxFormatException(line, what + " '" + text + "' is not a calendar date (YYMMDD)");
        }
    }

    static LockboxFormatException unknownFundsType(String fundsType, int line) {
        return new LockboxFormatException(line, "funds type '" + fundsType + "' is not one BAI2 defines (0, 1, 2, S, V, D or Z)");
    }

    static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

package coop.switchboard.payments.ach;

import java.time.DateTimeException;
import java.time.LocalDate;

/** One 94-character record of a file being read, with its line, giving fields by NACHA's 1-based positions. */
final class RecordLine {
    static final int LENGTH = 94;

    private final String text;
    private final int line;

    RecordLine(String text, int line) {
        this.text = text;
        this.line = line;
    }

    String text() {
        return text;
    }

    int line() {
        return line;
    }

    char type() {
        return text.charAt(0);
    }

    /** A line of nines that fills the file's last block of ten records. */
    boolean isPadding() {
        return isPadding(text);
    }

    static boolean isPadding(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c == '9');
    }

    /** What the record is, as a person names it ("entry detail record"). */
    String kind() {
        return kindOf(text);
    }

    static String kindOf(String text) {
        return switch (text.isEmpty() ? ' ' : text.charAt(0)) {
            case '1' -> "file header record";
            case '5' -> "batch header record";
            case '6' -> "entry detail record";
            case '7' -> "addenda record";
            case '8' -> "batch control record";
            case '9' -> isPadding(text) ? "block padding record" : "file control record";
            default -> "record";
        };
    }

    /** The kind with "a" or "an" before it. */
    String kindWithArticle() {
        String kind = kind();
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    /** The field at positions {@code from}-{@code to} (1-based, inclusive) as it stands. */
    String raw(int from, int to) {
        return text.substring(from - 1, to);
    }

    /** The field without its trailing spaces (left-justified text is padded on the right). */
    String text(int from, int to) {
        return raw(from, to).stripTrailing();
    }

    /** The field without leading or trailing spaces, for identifiers that files justify either way. */
    String identifier(int from, int to) {
        return raw(from, to).strip();
    }

    /** The field, which must be all digits. */
    String digits(int from, int to, String field) {
        String value = raw(from, to);
        if (!AbaRouting.allDigits(value)) {
            throw fail(field + " (positions " + from + "-" + to + ") is \"" + value + "\"; it must be digits");
        }
        return value;
    }

    long number(int from, int to, String field) {
        return Long.parseLong(digits(from, to, field));
    }

    int integer(int from, int to, String field) {
        return Integer.parseInt(digits(from, to, field));
    }

    /** A YYMMDD date (years 2000-2099); null when {@code optional} and the field is blank or zeros. */
    LocalDate date(int from, int to, String field, boolean optional) {
        String value = raw(from, to);
        if (optional && (value.isBlank() || value.equals("000000"))) {
            return null;
        }
        digits(from, to, field);
        try {
            return LocalDate.of(2000 + Integer.parseInt(value.substring(0, 2)), Integer.parseInt(value.substring(2, 4)),
                    Integer.parseInt(value.substring(4, 6)));
        } catch (DateTimeException e) {
            throw fail(field + " (positions " + from + "-" + to + ") is \"" + value + "\", not a date (YYMMDD)");
        }
    }

    NachaFormatException fail(String reason) {
        return new NachaFormatException(line, reason);
    }
}

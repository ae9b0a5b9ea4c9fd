package coop.switchboard.payments.ach;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * One record being written, field by field: text left-justified and space-filled, numbers right-justified and
 * zero-filled. A value that does not fit its field, or holds a character outside printable ASCII, is refused with
 * {@link IllegalArgumentException} naming the field: nothing is cut or changed here.
 */
final class FixedWidthRecord {
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private final StringBuilder text = new StringBuilder(RecordLine.LENGTH);
    private final String kind;

    FixedWidthRecord(char type, String kind) {
        this.kind = kind;
        text.append(type);
    }

    FixedWidthRecord text(String value, int width, String field) {
        if (value.length() > width) {
            throw new IllegalArgumentException(kind + " " + field + " \"" + value + "\" is longer than its " + width
                    + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                throw new IllegalArgumentException(kind + " " + field + " \"" + value
                        + "\" holds a character a NACHA file cannot carry: \"" + c + "\"");
            }
        }
        text.append(value).append(" ".repeat(width - value.length()));
        return this;
    }

    /** Text right-justified, as in the immediate origin " 231380104". */
    FixedWidthRecord rightJustified(String value, int width, String field) {
        return text(" ".repeat(Math.max(0, width - value.length())) + value, width, field);
    }

    FixedWidthRecord digits(String value, int width, String field) {
        if (value.length() != width || !AbaRouting.allDigits(value)) {
            throw new IllegalArgumentException(kind + " " + field + " \"" + value + "\" must be " + width + " digits");
        }
        text.append(value);
        return this;
    }

    FixedWidthRecord number(long value, int width, String field) {
        String digits = Long.toString(value);
        if (value < 0 || digits.length() > width) {
            throw new IllegalArgumentException(kind + " " + field + " " + value + " does not fit " + width + " digits");
        }
        text.append("0".repeat(width - digits.length())).append(digits);
        return this;
    }

    /** YYMMDD, or blanks for a null date. */
    FixedWidthRecord date(LocalDate date) {
        text.append(date == null ? "      " : YYMMDD.format(date));
        return this;
    }

    FixedWidthRecord blank(int width) {
        text.append(" ".repeat(width));
        return this;
    }

    String build() {
        if (text.length() != RecordLine.LENGTH) {
            throw new IllegalStateException(kind + " came out " + text.length() + " characters: " + text);
        }
        return text.toString();
    }
}

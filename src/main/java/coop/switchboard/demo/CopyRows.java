package coop.switchboard.demo;

import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Rows of one table in PostgreSQL's COPY text format: tab-separated fields, {@code \N} for null, backslash escapes,
 * one line a row. Fields are appended in the order of {@link #columns}; {@link #end()} closes the row.
 */
final class CopyRows {
    private static final HexFormat HEX = HexFormat.of();
    final String table;
    final String columns;
    private final StringBuilder text;
    private int rows;
    private boolean rowStarted;

    CopyRows(String table, String columns, int capacity) {
        this.table = table;
        this.columns = columns;
        this.text = new StringBuilder(capacity);
    }

    String copySql() {
        return "COPY " + table + " (" + columns + ") FROM STDIN";
    }

    int rows() {
        return rows;
    }

    int length() {
        return text.length();
    }

    CharSequence text() {
        return text;
    }

    CopyRows add(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    CopyRows add(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyRows add(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    CopyRows add(LocalDate date) {
        return date == null ? addNull() : raw(date.toString());
    }

    /** A value already in COPY form (a number, a timestamp literal) that needs no escaping. */
    CopyRows raw(String literal) {
        separate();
        text.append(literal);
        return this;
    }

    /** bytea in hex form; the backslash of {@code \x} is itself escaped, as COPY text format requires. */
    CopyRows add(byte[] bytes) {
        if (bytes == null) {
            return addNull();
        }
        separate();
        text.append("\\\\x");
        HEX.formatHex(text, bytes);
        return this;
    }

    CopyRows addNull() {
        separate();
        text.append("\\N");
        return this;
    }

    void end() {
        text.append('\n');
        rowStarted = false;
        rows++;
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        } else {
            rowStarted = true;
        }
    }
}

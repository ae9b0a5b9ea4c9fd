package coop.switchboard.platform;

import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Rows of one table in PostgreSQL's COPY text format: tab-separated fields, {@code \N} for null, backslash escapes,
 * one line a row. Fields are appended in the order of {@link #columns}; {@link #end()} closes the row.
 */
public final class CopyRows {
    private static final HexFormat HEX = HexFormat.of();
    private final String table;
    private final String columns;
    private final StringBuilder text;
    private int rows;
    private boolean rowStarted;

    public CopyRows(String table, String columns, int capacity) {
        this.table = table;
        this.columns = columns;
        this.text = new StringBuilder(capacity);
    }

    public String copySql() {
        return "COPY " + table + " (" + columns + ") FROM STDIN";
    }

    public int rows() {
        return rows;
    }

    public int length() {
        return text.length();
    }

    public CharSequence text() {
        return text;
    }

    public CopyRows add(String value) {
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

    public CopyRows add(long value) {
        separate();
        text.append(value);
        return this;
    }

    public CopyRows add(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    public CopyRows add(LocalDate date) {
        return date == null ? addNull() : raw(date.toString());
    }

    /** A value already in COPY form (a number, a timestamp literal) that needs no escaping. */
    public CopyRows raw(String literal) {
        separate();
        text.append(literal);
        return this;
    }

    /** bytea in hex form; the backslash of {@code \x} is itself escaped, as COPY text format requires. */
    public CopyRows add(byte[] bytes) {
        if (bytes == null) {
            return addNull();
        }
        separate();
        text.append("\\\\x");
        HEX.formatHex(text, bytes);
        return this;
    }

    public CopyRows addNull() {
        separate();
        text.append("\\N");
        return this;
    }

    public void end() {
        text.append('\n');
        rowStarted = false;
        rows++;
    }

    public String table() {
        return table;
    }

    public String columns() {
        return columns;
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        } else {
            rowStarted = true;
        }
    }
}

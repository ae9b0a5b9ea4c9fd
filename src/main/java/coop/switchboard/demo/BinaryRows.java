package coop.switchboard.demo;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Rows of one table in PostgreSQL's binary COPY format, for the demo's largest table (register reads: tens of
 * millions of rows at a million members), where parsing dates, timestamps and numbers from text is most of the
 * server's work. Fields are appended in the order of {@link #columns}; {@link #row} starts each row.
 */
final class BinaryRows {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
    private static final long PG_EPOCH_DAY = 10_957;
    final String table;
    final String columns;
    private final short[] digits = new short[8];
    private byte[] bytes;
    private int length;
    private int rows;

    BinaryRows(String table, String columns, int capacity) {
        this.table = table;
        this.columns = columns;
        this.bytes = new byte[capacity];
    }

    int rows() {
        return rows;
    }

    int length() {
        return length;
    }

    /** The row bytes written so far (without the COPY header and trailer). */
    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    BinaryRows row(int fields) {
        room(2);
        short2(fields);
        rows++;
        return this;
    }

    BinaryRows int8(long value) {
        room(12);
        int4(8);
        long8(value);
        return this;
    }

    /** A text field; constants are best passed as {@link #ascii} bytes made once. */
    BinaryRows text(String value) {
        return value == null ? addNull() : text(value.getBytes(StandardCharsets.UTF_8));
    }

    BinaryRows text(byte[] utf8) {
        room(4 + utf8.length);
        int4(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    BinaryRows date(long epochDay) {
        room(8);
        int4(4);
        int4((int) (epochDay - PG_EPOCH_DAY));
        return this;
    }

    BinaryRows timestamptz(long epochSecond) {
        room(12);
        int4(8);
        long8((epochSecond - PG_EPOCH_DAY * 86_400) * 1_000_000);
        return this;
    }

    /** A non-negative numeric of {@code unscaled} × 10^-{@code scale}, scale 0 to 4. */
    BinaryRows numeric(long unscaled, int scale) {
        if (unscaled < 0 || scale < 0 || scale > 4) {
            throw new IllegalArgumentException("numeric " + unscaled + " scale " + scale);
        }
        long pow = (long) StrictMath.pow(10, scale);
        long whole = unscaled / pow;
        int fraction = (int) (unscaled % pow * (10_000 / pow));
        int n = 0;
        for (long w = whole; w > 0; w /= 10_000) {
            n++;
        }
        int weight = n - 1;
        long w = whole;
        for (int i = n - 1; i >= 0; i--) {
            digits[i] = (short) (w % 10_000);
            w /= 10_000;
        }
        if (fraction != 0) {
            digits[n++] = (short) fraction;
        }
        while (n > 0 && digits[n - 1] == 0) {
            n--;
        }
        if (n == 0) {
            weight = 0;
        }
        room(12 + 2 * n);
        int4(8 + 2 * n);
        short2(n);
        short2(weight);
        short2(0);
        short2(scale);
        for (int i = 0; i < n; i++) {
            short2(digits[i]);
        }
        return this;
    }

    BinaryRows addNull() {
        room(4);
        int4(-1);
        return this;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Streams the rows with {@code COPY ... FROM STDIN (FORMAT binary)}, checking the count the server wrote. */
    void copyTo(CopyManager copy) throws SQLException {
        CopyIn in = copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)");
        try {
            in.writeToCopy(HEADER, 0, HEADER.length);
            for (int from = 0; from < length; from += 1 << 16) {
                in.writeToCopy(bytes, from, Math.min(1 << 16, length - from));
            }
            in.writeToCopy(new byte[]{(byte) 0xFF, (byte) 0xFF}, 0, 2);
            long written = in.endCopy();
            if (written != rows) {
                throw new IllegalStateException("COPY " + table + " wrote " + written + " rows of " + rows);
            }
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private void short2(int v) {
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    private void int4(int v) {
        bytes[length++] = (byte) (v >>> 24);
        bytes[length++] = (byte) (v >>> 16);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    private void long8(long v) {
        int4((int) (v >>> 32));
        int4((int) v);
    }
}

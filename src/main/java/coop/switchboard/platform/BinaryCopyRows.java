package coop.switchboard.platform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows of one table in PostgreSQL's binary COPY format. The server takes numbers, dates and timestamps as they are
 * stored instead of parsing their text (numeric, date and timestamptz input are most of a text COPY's parsing), and the
 * client skips formatting them. Each row's fields are appended in the order of {@link #columns}, with the method of
 * the column's type: {@link #int8}, {@link #int4}, {@link #int2}, {@link #text}, {@link #date}, {@link #timestamptz},
 * {@link #bool}, {@link #numeric}, and arrays of text or numeric; {@link #end()} closes the row.
 */
public final class BinaryCopyRows {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long EPOCH_DAY_2000 = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECOND_2000 = EPOCH_DAY_2000 * 86_400;
    private static final int TEXT_OID = 25;
    private static final int NUMERIC_OID = 1700;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    /** Buffers of rows already sent, reused by the next rows on the thread (a bill run's chunks are a few MB each). */
    private static final ThreadLocal<java.util.ArrayDeque<byte[]>> POOL = ThreadLocal.withInitial(java.util.ArrayDeque::new);

    private final String table;
    private final String columns;
    private final int fields;
    private byte[] buf;
    private int pos;
    private int rows;
    private int rowFields;
    // Where the open array's element count and null flag go, and how many elements it has so far.
    private int arrayStart = -1;
    private int arrayCount;
    private boolean arrayNulls;
    private final short[] digits = new short[40];

    public BinaryCopyRows(String table, String columns, int capacity) {
        this.table = table;
        this.columns = columns;
        this.fields = columns.split(",").length;
        byte[] pooled = POOL.get().poll();
        this.buf = pooled != null && pooled.length >= capacity ? pooled : new byte[Math.max(64, capacity)];
        System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
        this.pos = HEADER.length;
    }

    public String copySql() {
        return "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)";
    }

    public String table() {
        return table;
    }

    public int rows() {
        return rows;
    }

    /** The rows with the header and trailer, ready to send: {@code length()} bytes of {@code bytes()}. */
    public byte[] bytes() {
        return buf;
    }

    public int length() {
        return pos + 2;
    }

    public BinaryCopyRows addNull() {
        field();
        putInt(-1);
        return this;
    }

    public BinaryCopyRows int8(long value) {
        field();
        putInt(8);
        putLong(value);
        return this;
    }

    public BinaryCopyRows int8(Long value) {
        return value == null ? addNull() : int8(value.longValue());
    }

    public BinaryCopyRows int4(int value) {
        field();
        putInt(4);
        putInt(value);
        return this;
    }

    public BinaryCopyRows int2(int value) {
        field();
        putInt(2);
        putShort(value);
        return this;
    }

    public BinaryCopyRows bool(boolean value) {
        field();
        putInt(1);
        ensure(1);
        buf[pos++] = (byte) (value ? 1 : 0);
        return this;
    }

    public BinaryCopyRows date(LocalDate date) {
        if (date == null) {
            return addNull();
        }
        field();
        putInt(4);
        putInt((int) (date.toEpochDay() - EPOCH_DAY_2000));
        return this;
    }

    public BinaryCopyRows timestamptz(Instant instant) {
        if (instant == null) {
            return addNull();
        }
        field();
        putInt(8);
        putLong((instant.getEpochSecond() - EPOCH_SECOND_2000) * 1_000_000 + instant.getNano() / 1_000);
        return this;
    }

    public BinaryCopyRows text(String value) {
        if (value == null) {
            return addNull();
        }
        field();
        putText(value);
        return this;
    }

    public BinaryCopyRows numeric(BigDecimal value) {
        if (value == null) {
            return addNull();
        }
        field();
        putNumeric(value);
        return this;
    }

    /** Opens an array field of text ({@code text[]}); elements follow with {@link #textElement}, then {@link #endArray}. */
    public BinaryCopyRows beginTextArray() {
        return beginArray(TEXT_OID);
    }

    /** Opens an array field of numeric; elements follow with {@link #numericElement}, then {@link #endArray}. */
    public BinaryCopyRows beginNumericArray() {
        return beginArray(NUMERIC_OID);
    }

    public BinaryCopyRows textElement(String value) {
        arrayCount++;
        if (value == null) {
            arrayNulls = true;
            putInt(-1);
        } else {
            putText(value);
        }
        return this;
    }

    public BinaryCopyRows numericElement(BigDecimal value) {
        arrayCount++;
        if (value == null) {
            arrayNulls = true;
            putInt(-1);
        } else {
            putNumeric(value);
        }
        return this;
    }

    public BinaryCopyRows endArray() {
        // The field's length, then: dimensions, has-nulls, element type, elements, lower bound.
        int start = arrayStart;
        int length = pos - start - 4;
        if (arrayCount == 0) {
            // An empty array has no dimensions.
            pos = start + 4;
            putIntAt(start, 12);
            putInt(0);
            putInt(0);
            putInt(intAt(start + 12));
        } else {
            putIntAt(start, length);
            putIntAt(start + 8, arrayNulls ? 1 : 0);
            putIntAt(start + 16, arrayCount);
        }
        arrayStart = -1;
        return this;
    }

    public void end() {
        if (rowFields != fields) {
            throw new IllegalStateException(table + ": a row of " + rowFields + " fields for " + fields + " columns");
        }
        rowFields = 0;
        rows++;
    }

    /** Closes the data with the trailer; call once, before sending. */
    public BinaryCopyRows finish() {
        ensure(2);
        buf[pos] = (byte) 0xFF;
        buf[pos + 1] = (byte) 0xFF;
        return this;
    }

    /** Hands the buffer on to the thread's next rows; these rows are not to be used after. */
    public void release() {
        java.util.ArrayDeque<byte[]> pool = POOL.get();
        if (buf != null && pool.size() < 4 && buf.length <= 64 << 20) {
            pool.push(buf);
        }
        buf = null;
    }

    private BinaryCopyRows beginArray(int elementType) {
        field();
        arrayStart = pos;
        arrayCount = 0;
        arrayNulls = false;
        putInt(0); // length, set by endArray
        putInt(1); // dimensions
        putInt(0); // has nulls
        putInt(elementType);
        putInt(0); // elements
        putInt(1); // lower bound
        return this;
    }

    private void field() {
        if (rowFields == 0) {
            putShort(fields);
        }
        rowFields++;
    }

    private void putText(String value) {
        int n = value.length();
        ensure(4 + n);
        int lengthAt = pos;
        pos += 4;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // Not ASCII: encode the whole string.
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                pos = lengthAt;
                putInt(bytes.length);
                ensure(bytes.length);
                System.arraycopy(bytes, 0, buf, pos, bytes.length);
                pos += bytes.length;
                return;
            }
            buf[pos + i] = (byte) c;
        }
        putIntAt(lengthAt, n);
        pos += n;
    }

    /**
     * numeric's binary form: the number of base-10,000 digits, the weight of the first (its power of 10,000), the sign,
     * the display scale, then the digits, the point falling between digit groups.
     */
    private void putNumeric(BigDecimal value) {
        int scale = value.scale();
        if (scale < 0) {
            value = value.setScale(0);
            scale = 0;
        }
        int signum = value.signum();
        // Align the decimal point on a group boundary: the fraction gets a multiple of four digits.
        int pad = (4 - scale % 4) % 4;
        int fractionGroups = (scale + pad) / 4;
        int n = 0; // digits[] filled from the last group backwards
        BigInteger unscaled = value.unscaledValue().abs();
        if (unscaled.bitLength() < 50) {
            long v = unscaled.longValue() * POW10[pad];
            while (v != 0) {
                digits[digits.length - 1 - n++] = (short) (v % 10_000);
                v /= 10_000;
            }
        } else {
            BigInteger v = unscaled.multiply(BigInteger.TEN.pow(pad));
            while (v.signum() != 0) {
                BigInteger[] qr = v.divideAndRemainder(TEN_THOUSAND);
                if (n == digits.length) {
                    throw new IllegalArgumentException("numeric too long for COPY: " + value);
                }
                digits[digits.length - 1 - n++] = qr[1].shortValue();
                v = qr[0];
            }
        }
        int first = digits.length - n;
        int last = digits.length - 1;
        // The last group's weight is -fractionGroups; drop trailing zero groups (the display scale keeps the zeros).
        int weightOfLast = -fractionGroups;
        while (last >= first && digits[last] == 0) {
            last--;
            weightOfLast++;
        }
        int count = last - first + 1;
        int weight = count == 0 ? 0 : weightOfLast + count - 1;
        ensure(4 + 8 + 2 * count);
        putInt(8 + 2 * count);
        putShort(count);
        putShort(weight);
        putShort(signum < 0 ? 0x4000 : 0);
        putShort(scale);
        for (int i = first; i <= last; i++) {
            putShort(digits[i]);
        }
    }

    private static final long[] POW10 = {1, 10, 100, 1000};

    private void ensure(int more) {
        if (pos + more + 2 > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more + 2));
        }
    }

    private void putShort(int v) {
        ensure(2);
        buf[pos] = (byte) (v >>> 8);
        buf[pos + 1] = (byte) v;
        pos += 2;
    }

    private void putInt(int v) {
        ensure(4);
        putIntAt(pos, v);
        pos += 4;
    }

    private void putIntAt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private int intAt(int at) {
        return (buf[at] & 0xFF) << 24 | (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8 | (buf[at + 3] & 0xFF);
    }

    private void putLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[pos + i] = (byte) v;
            v >>>= 8;
        }
        pos += 8;
    }
}

package coop.switchboard.platform;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Streams a {@link Batch} into PostgreSQL table by table with {@code COPY ... FROM STDIN}, encoding to UTF-8 in
 * 64 KB pieces so a batch is never copied whole into bytes.
 */
public final class CopyLoader {
    private static final int CHUNK = 64 * 1024;
    private final CopyManager copy;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
    private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK);

    public CopyLoader(CopyManager copy) {
        this.copy = copy;
    }

    /** Copies each table's rows in turn (tables without rows are skipped). */
    public void load(Iterable<CopyRows> tables) throws SQLException {
        for (CopyRows rows : tables) {
            if (rows.rows() > 0) {
                load(rows);
            }
        }
    }

    public void load(CopyRows rows) throws SQLException {
        CopyIn in = copy.copyIn(rows.copySql());
        try {
            CharBuffer chars = CharBuffer.wrap(rows.text());
            encoder.reset();
            while (true) {
                CoderResult result = encoder.encode(chars, bytes, true);
                if (result.isError()) {
                    throw new IllegalStateException("cannot encode " + rows.table() + " rows as UTF-8: " + result);
                }
                send(in);
                if (result.isUnderflow()) {
                    break;
                }
            }
            encoder.flush(bytes);
            send(in);
            long written = in.endCopy();
            if (written != rows.rows()) {
                throw new IllegalStateException("COPY " + rows.table() + " wrote " + written + " rows of " + rows.rows());
            }
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Copies binary rows (the trailer is added here). */
    public void load(BinaryCopyRows rows) throws SQLException {
        if (rows.rows() == 0) {
            return;
        }
        rows.finish();
        CopyIn in = copy.copyIn(rows.copySql());
        try {
            byte[] data = rows.bytes();
            int length = rows.length();
            for (int at = 0; at < length; at += CHUNK) {
                in.writeToCopy(data, at, Math.min(CHUNK, length - at));
            }
            long written = in.endCopy();
            if (written != rows.rows()) {
                throw new IllegalStateException("COPY " + rows.table() + " wrote " + written + " rows of " + rows.rows());
            }
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
            rows.release();
        }
    }

    private void send(CopyIn in) throws SQLException {
        bytes.flip();
        if (bytes.hasRemaining()) {
            in.writeToCopy(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        }
        bytes.clear();
    }
}

package coop.switchboard.metering;

import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Imports register reads from CSV ({@code meter,register,read_date,reading,type,source,reader}; documented in
 * docs/metering.md) in one transaction: every line is checked as a read entered by hand would be, lines that cannot
 * be used are reported by number and skipped, each read is stored once, and a file imported before adds nothing.
 */
@Service
public class ReadImportService {
    static final String HEADER = "meter,register,read_date,reading,type,source,reader";
    private final ReadService reads;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ReadImportService(ReadService reads, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.reads = reads;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ImportResult importCsv(InputStream raw, String name) {
        long started = System.nanoTime();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<String> rejected = new ArrayList<>();
        long rejectedCount = 0;
        long lines = 0;
        List<NewRead> accepted = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new DigestInputStream(raw, sha), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").replace(" ", "").replace("\"", "").toLowerCase(Locale.ROOT).equals(HEADER)) {
                throw new InvalidInputException("file", "line 1: the header must be " + HEADER);
            }
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                try {
                    NewRead read = parse(line);
                    reads.checkRead(read, "");
                    accepted.add(read);
                } catch (IllegalArgumentException | InvalidInputException e) {
                    rejectedCount++;
                    if (rejected.size() < 200) {
                        rejected.add("line " + number + ": " + e.getMessage().replace("; ", ", "));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        if (jdbc.sql("select count(*) from metering.import_file where kind = 'READS' and sha256 = ?").param(hash).query(Integer.class).single() > 0) {
            return new ImportResult(name, "reads", lines, 0, true, rejected, rejectedCount, (System.nanoTime() - started) / 1e9);
        }
        long importId = jdbc.sql("""
                        insert into metering.import_file (kind, sha256, name, rows_read, rows_added, imported_by, imported_at)
                        values ('READS', ?, ?, ?, 0, ?, ?) returning id""")
                .params(hash, name, lines, audit.currentActor(), Timestamp.from(clock.instant())).query(Long.class).single();
        long added = 0;
        for (NewRead read : accepted) {
            MeterRecord meter = reads.meter(read.meterNumber()).orElseThrow();
            if (reads.store(meter, read, importId, null).added()) {
                added++;
            }
        }
        jdbc.sql("update metering.import_file set rows_added = ? where id = ?").params(added, importId).update();
        return new ImportResult(name, "reads", lines, added, false, rejected, rejectedCount, (System.nanoTime() - started) / 1e9);
    }

    /** One CSV line as a read; throws with what is wrong. Quoted fields are not needed by this format and not accepted. */
    static NewRead parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("needs 7 values (" + HEADER + "), found " + f.length);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].trim();
        }
        Register register;
        LocalDate date;
        BigDecimal reading;
        try {
            register = Register.parse(f[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("register: " + e.getMessage());
        }
        try {
            date = LocalDate.parse(f[2]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("read_date '" + f[2] + "' is not YYYY-MM-DD");
        }
        try {
            reading = new BigDecimal(f[3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reading '" + f[3] + "' is not a number");
        }
        ReadType type;
        ReadSource source;
        try {
            type = f[4].isEmpty() ? ReadType.ACTUAL : ReadType.parse(f[4]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type: " + e.getMessage());
        }
        try {
            source = f[5].isEmpty() ? ReadSource.HANDHELD : ReadSource.parse(f[5]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source: " + e.getMessage());
        }
        return new NewRead(f[0], register, date, null, reading, type, source, f[6].isEmpty() ? null : f[6], null);
    }
}

package coop.switchboard.payments.ach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a NACHA ACH file into a {@link NachaFile}, or rejects it with a {@link NachaFormatException} naming the first
 * offending line and what is wrong with it. The reader is strict: a bank that receives a file with wrong totals
 * rejects it, and a utility should not post returns from a file its bank would not have accepted.
 *
 * <p>Accepted: LF, CRLF or CR line endings; blank lines at the end; a byte order mark; a whole file on one line whose
 * length is a multiple of 94 (then a "line" is the record's position); lines of 94 nines padding the last block; a
 * file that is not padded to a multiple of ten records at all; non-blank reserved fields.
 *
 * <p>Rejected: a record that is not 94 characters; an unknown record type; records out of order (file header, then
 * batches of a header, entries each followed by their addenda, and a control, then the file control); a non-numeric
 * numeric field or an impossible date; a receiving DFI or immediate destination routing number that fails its check
 * digit; an unknown SEC, service class, transaction or addenda type code; a credit in a debits-only batch or the
 * reverse; a prenote with an amount; an addenda indicator that disagrees with the addenda; a batch control whose
 * service class, company, originating DFI, batch number, record count, entry hash or totals disagree with its batch;
 * a file control whose batch count, record count, entry hash, totals or block count disagree with the file; a missing
 * file control; anything but padding after it. ADV files (automated accounting advices, service class 280) are
 * rejected as unsupported; IAT batches are read far enough to check their totals, their addenda kept as records.
 *
 * <p>Two moov-io/ach fixtures show the strictness: {@code 20110805A.ach} is otherwise sound but its file control counts
 * 5 batches while it holds 4, so it is rejected at its file control (line 93); {@code 20110729A-invalid.ach} has the
 * same file control fault but is rejected at line 1 already, its file header being 93 characters (its immediate
 * origin lost a digit).
 *
 * <p>{@link #restoringTrimmedSpaces()} gives a reader that first puts back the trailing spaces an editor or a transfer
 * tool stripped: a line shorter than 94 characters whose last character is not a space is padded with spaces. A short
 * line that ends in a space was cut, not trimmed, and is still rejected.
 */
public final class NachaReader {
    private final boolean restoreTrimmedSpaces;

    private NachaReader(boolean restoreTrimmedSpaces) {
        this.restoreTrimmedSpaces = restoreTrimmedSpaces;
    }

    /** A reader that rejects any record that is not exactly 94 characters. */
    public static NachaReader strict() {
        return new NachaReader(false);
    }

    /** A reader that pads lines whose trailing spaces were trimmed back to 94 characters, and is otherwise strict. */
    public static NachaReader restoringTrimmedSpaces() {
        return new NachaReader(true);
    }

    public NachaFile read(String content) {
        return parse(records(content));
    }

    /** Reads a file as ISO-8859-1, so that a record's length is its length in bytes. */
    public NachaFile read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a stream to its end as ISO-8859-1; the caller closes it. */
    public NachaFile read(InputStream in) {
        try {
            return read(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<RecordLine> records(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = text.split("\r\n|\n|\r", -1);
        int end = lines.length;
        while (end > 0 && lines[end - 1].isBlank()) {
            end--;
        }
        if (end == 0) {
            throw new NachaFormatException(1, "the file is empty");
        }
        List<RecordLine> records = new ArrayList<>(end);
        if (end == 1 && lines[0].length() > RecordLine.LENGTH && lines[0].length() % RecordLine.LENGTH == 0) {
            for (int i = 0; i < lines[0].length() / RecordLine.LENGTH; i++) {
                String record = lines[0].substring(i * RecordLine.LENGTH, (i + 1) * RecordLine.LENGTH);
                records.add(checked(record, i + 1, ""));
            }
            return records;
        }
        String hint = end == 1 && lines[0].length() > RecordLine.LENGTH
                ? " (a file on one line must be a multiple of 94 characters)" : "";
        for (int i = 0; i < end; i++) {
            records.add(checked(lines[i], i + 1, hint));
        }
        return records;
    }

    private RecordLine checked(String line, int number, String hint) {
        if (line.isBlank()) {
            throw new NachaFormatException(number, "a blank line inside the file");
        }
        char type = line.charAt(0);
        if ("156789".indexOf(type) < 0) {
            throw new NachaFormatException(number, "unknown record type \"" + type
                    + "\"; NACHA records start with 1, 5, 6, 7, 8 or 9");
        }
        if (line.length() == RecordLine.LENGTH) {
            return new RecordLine(line, number);
        }
        if (restoreTrimmedSpaces && line.length() < RecordLine.LENGTH && line.charAt(line.length() - 1) != ' ') {
            return new RecordLine(line + " ".repeat(RecordLine.LENGTH - line.length()), number);
        }
        throw new NachaFormatException(number, RecordLine.kindOf(line) + " is " + line.length()
                + " characters; NACHA records are 94" + hint);
    }

    private static NachaFile parse(List<RecordLine> records) {
        RecordLine first = records.getFirst();
        if (first.type() != '1') {
            throw first.fail("the file starts with " + first.kindWithArticle() + "; a NACHA file starts with a file header record");
        }
        FileHeader header = RecordLayouts.fileHeader(first);
        List<Batch> batches = new ArrayList<>();
        int i = 1;
        while (true) {
            if (i == records.size()) {
                throw records.getLast().fail("the file ends without a file control record");
            }
            RecordLine r = records.get(i);
            if (r.type() == '5') {
                i = readBatch(records, i, batches);
            } else if (r.type() == '9' && !r.isPadding()) {
                break;
            } else {
                throw outOfOrder(r, records.get(i - 1), "a batch header record or the file control record");
            }
        }
        RecordLine controlLine = records.get(i);
        FileControl control = RecordLayouts.fileControl(controlLine);
        for (RecordLine r : records.subList(i + 1, records.size())) {
            if (!r.isPadding()) {
                throw r.fail(r.kindWithArticle() + " after the file control record (line " + controlLine.line()
                        + "); only block padding (lines of 94 nines) may follow it");
            }
        }
        checkFileControl(controlLine, control, FileControl.of(batches));
        return new NachaFile(header, batches, control);
    }

    /** Reads the batch whose header is {@code records[start]}, adds it, and returns the index after its control. */
    private static int readBatch(List<RecordLine> records, int start, List<Batch> batches) {
        RecordLine headerLine = records.get(start);
        BatchHeader header = RecordLayouts.batchHeader(headerLine);
        List<Entry> entries = new ArrayList<>();
        int i = start + 1;
        while (i < records.size() && records.get(i).type() == '6') {
            RecordLine entryLine = records.get(i++);
            List<RecordLine> addenda = new ArrayList<>();
            while (i < records.size() && records.get(i).type() == '7') {
                addenda.add(records.get(i++));
            }
            entries.add(header.secCode() == SecCode.IAT
                    ? RecordLayouts.iatEntry(entryLine, addenda, header)
                    : RecordLayouts.entry(entryLine, addenda, header));
        }
        if (i == records.size()) {
            throw records.getLast().fail("the file ends inside the batch that starts on line " + headerLine.line()
                    + "; its batch control record is missing");
        }
        RecordLine controlLine = records.get(i);
        if (controlLine.type() != '8') {
            throw outOfOrder(controlLine, records.get(i - 1), entries.isEmpty() ? "an entry detail record"
                    : "an entry detail, addenda or batch control record");
        }
        if (entries.isEmpty()) {
            throw controlLine.fail("the batch that starts on line " + headerLine.line() + " has no entries");
        }
        BatchControl control = RecordLayouts.batchControl(controlLine);
        checkBatchControl(controlLine, headerLine.line(), control, BatchControl.of(header, entries));
        batches.add(new Batch(header, entries, control));
        return i + 1;
    }

    private static NachaFormatException outOfOrder(RecordLine r, RecordLine previous, String expected) {
        return r.fail(r.kindWithArticle() + " cannot follow " + previous.kindWithArticle() + " (line "
                + previous.line() + "); expected " + expected);
    }

    private static void checkBatchControl(RecordLine r, int headerLine, BatchControl found, BatchControl expected) {
        String header = "its batch header's (line " + headerLine + ")";
        if (found.serviceClassCode() != expected.serviceClassCode()) {
            throw r.fail("batch control service class code " + found.serviceClassCode() + " does not match " + header
                    + ", " + expected.serviceClassCode());
        }
        if (!found.companyIdentification().equals(expected.companyIdentification())) {
            throw r.fail("batch control company identification \"" + found.companyIdentification() + "\" does not match "
                    + header + ", \"" + expected.companyIdentification() + "\"");
        }
        if (!found.originatingDfi().equals(expected.originatingDfi())) {
            throw r.fail("batch control originating DFI " + found.originatingDfi() + " does not match " + header + ", "
                    + expected.originatingDfi());
        }
        if (found.batchNumber() != expected.batchNumber()) {
            throw r.fail("batch control batch number " + found.batchNumber() + " does not match " + header + ", "
                    + expected.batchNumber());
        }
        if (found.entryAddendaCount() != expected.entryAddendaCount()) {
            throw r.fail("batch control counts " + found.entryAddendaCount() + " entry and addenda records; the batch holds "
                    + expected.entryAddendaCount());
        }
        if (found.entryHash() != expected.entryHash()) {
            throw r.fail("batch control entry hash is " + hash(found.entryHash()) + "; the entries' receiving DFIs sum to "
                    + hash(expected.entryHash()));
        }
        if (found.totalDebitCents() != expected.totalDebitCents()) {
            throw r.fail("batch control total debits are " + dollars(found.totalDebitCents()) + "; the debit entries sum to "
                    + dollars(expected.totalDebitCents()));
        }
        if (found.totalCreditCents() != expected.totalCreditCents()) {
            throw r.fail("batch control total credits are " + dollars(found.totalCreditCents())
                    + "; the credit entries sum to " + dollars(expected.totalCreditCents()));
        }
    }

    private static void checkFileControl(RecordLine r, FileControl found, FileControl expected) {
        if (found.batchCount() != expected.batchCount()) {
            throw r.fail("file control counts " + found.batchCount() + " batches; the file holds " + expected.batchCount());
        }
        if (found.entryAddendaCount() != expected.entryAddendaCount()) {
            throw r.fail("file control counts " + found.entryAddendaCount() + " entry and addenda records; the file holds "
                    + expected.entryAddendaCount());
        }
        if (found.entryHash() != expected.entryHash()) {
            throw r.fail("file control entry hash is " + hash(found.entryHash()) + "; the batches' entry hashes sum to "
                    + hash(expected.entryHash()));
        }
        if (found.totalDebitCents() != expected.totalDebitCents()) {
            throw r.fail("file control total debits are " + dollars(found.totalDebitCents()) + "; the batches' debits sum to "
                    + dollars(expected.totalDebitCents()));
        }
        if (found.totalCreditCents() != expected.totalCreditCents()) {
            throw r.fail("file control total credits are " + dollars(found.totalCreditCents())
                    + "; the batches' credits sum to " + dollars(expected.totalCreditCents()));
        }
        if (found.blockCount() != expected.blockCount()) {
            throw r.fail("file control counts " + found.blockCount() + " blocks of ten records; the file's records up to "
                    + "its file control need " + expected.blockCount());
        }
    }

    private static String hash(long hash) {
        return String.format("%010d", hash);
    }

    /** Cents as dollars for a person to read: 461000000 is "$4,610,000.00". */
    static String dollars(long cents) {
        return String.format("$%,d.%02d", cents / 100, cents % 100);
    }
}

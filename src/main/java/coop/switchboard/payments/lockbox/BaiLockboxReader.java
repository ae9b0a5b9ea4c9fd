package coop.switchboard.payments.lockbox;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a fixed-width BAI lockbox transmission: immediate address header (1), service record (2), then per lockbox a
 * detail header (5), batches of checks (6, each followed by its overflow records 4) closed by a batch total (7), and a
 * lockbox total (8); a destination trailer (9) ends the file. Columns are 0-based, end exclusive, as {@link #LAYOUT}
 * lists them; a line may stop short of its blank filler (banks and editors trim trailing blanks).
 * <p>
 * Checked: the batch total's item count and amount against its checks, the lockbox total's count and amount against
 * its batches, the lockbox number and deposit date of 7 and 8 against their 5, that overflow records belong to the
 * check before them and run 01, 02, ... to the last-record indicator 9, and the trailer's record count.
 */
final class BaiLockboxReader {

    static final String LAYOUT = """
            1 immediate address header: 1-3 priority, 3-13 destination, 13-23 origin, 23-29 processing date YYMMDD, 29-33 time
            2 service record:           1-21 destination and origin, 21-31 reference, 31-34 service type, 34-37 record size, 37-41 blocking factor, 41-42 format
            5 detail header:            1-4 batch, 4-7 reference, 7-14 lockbox number, 14-20 deposit date YYMMDD, 20-40 destination and origin
            6 detail (a check):         1-4 batch, 4-7 item, 7-17 amount in cents, 17-26 remitter routing, 26-36 remitter account, 36-46 check number, 46-52 check date MMDDYY, 52-82 remitter name, 82-102 payee name
            4 overflow:                 1-4 batch, 4-7 item, 7-8 overflow of record type (6), 8-10 sequence 01.., 10-11 indicator (0 more follow, 9 last), 11-41 memo (invoice or account number)
            7 batch total:              1-4 batch, 4-7 item, 7-14 lockbox number, 14-20 deposit date, 20-23 item count, 23-33 amount in cents
            8 lockbox total:            1-4 batch, 4-7 item, 7-14 lockbox number, 14-20 deposit date, 20-24 item count, 24-34 amount in cents
            9 destination trailer:      1-7 number of records in the file, 1 and 9 included
            """;

    static final int MEMO_WIDTH = 30;

    private final List<LockboxFile.Item> items = new ArrayList<>();
    private long fileCents;
    private LocalDate processingDate;
    private LocalDate latestDepositDate;
    private boolean serviceRecordSeen;
    private int records;

    private boolean inLockbox;
    private int lockboxLine;
    private String lockboxNumber;
    private LocalDate depositDate;
    private int lockboxItems;
    private long lockboxCents;

    private String batch;
    private int batchLine;
    private int batchItems;
    private long batchCents;

    private int itemLine;
    private String itemBatch;
    private String itemNumber;
    private long itemCents;
    private String checkNumber;
    private String payerName;
    private String remitterRouting;
    private String remitterAccount;
    private StringBuilder memo;
    private int overflowSequence;
    private boolean overflowEnded;

    private BaiLockboxReader() {
    }

    static LockboxFile read(String content) {
        return new BaiLockboxReader().readLines(content);
    }

    private LockboxFile readLines(String content) {
        int length = content.length();
        int position = 0;
        int lineNumber = 0;
        int trailerLine = 0;
        while (position < length) {
            int newline = content.indexOf('\n', position);
            int end = newline < 0 ? length : newline;
            if (end > position && content.charAt(end - 1) == '\r') {
                end--;
            }
            lineNumber++;
            String line = content.substring(position, end);
            position = newline < 0 ? length : newline + 1;
            if (line.isBlank()) {
                continue;
            }
            if (trailerLine > 0) {
                throw new LockboxFormatException(lineNumber, "record after the destination trailer (9) of line " + trailerLine);
            }
            records++;
            char type = line.charAt(0);
            if (records == 1 && type != '1') {
                throw new LockboxFormatException(lineNumber, "a BAI lockbox file starts with an immediate address header (1); this one starts with record type " + type);
            }
            switch (type) {
                case '1' -> immediateAddressHeader(line, lineNumber);
                case '2' -> serviceRecord(lineNumber);
                case '5' -> detailHeader(line, lineNumber);
                case '6' -> detail(line, lineNumber);
                case '4' -> overflow(line, lineNumber);
                case '7' -> batchTotal(line, lineNumber);
                case '8' -> lockboxTotal(line, lineNumber);
                case '9' -> {
                    destinationTrailer(line, lineNumber);
                    trailerLine = lineNumber;
                }
                default -> throw new LockboxFormatException(lineNumber,
                        "record type '" + type + "' is not a BAI lockbox record (1, 2, 5, 6, 4, 7, 8 or 9)");
            }
        }
        if (trailerLine == 0) {
            throw new LockboxFormatException(Math.max(lineNumber, 1), "the file ends without a destination trailer (9)");
        }
        return new LockboxFile(LockboxFile.BAI_LOCKBOX, latestDepositDate != null ? latestDepositDate : processingDate,
                items, items.size(), Cents.dollars(fileCents));
    }

    private void immediateAddressHeader(String line, int lineNumber) {
        if (records > 1) {
            throw new LockboxFormatException(lineNumber, "a second immediate address header (1); a file has one");
        }
        number(line, 1, 3, lineNumber, "priority code");
        processingDate = date(line, 23, lineNumber, "processing date");
    }

    private void serviceRecord(int lineNumber) {
        if (records != 2) {
            throw new LockboxFormatException(lineNumber, "the service record (2) must come right after the immediate address header (1)");
        }
        serviceRecordSeen = true;
    }

    private void detailHeader(String line, int lineNumber) {
        if (!serviceRecordSeen) {
            throw new LockboxFormatException(lineNumber, "detail header (5) before the service record (2)");
        }
        if (inLockbox) {
            throw new LockboxFormatException(lineNumber, "detail header (5) before the lockbox total (8) of lockbox " + lockboxNumber + " opened on line " + lockboxLine);
        }
        inLockbox = true;
        lockboxLine = lineNumber;
        lockboxNumber = digits(line, 7, 14, lineNumber, "lockbox number");
        depositDate = date(line, 14, lineNumber, "deposit date");
        if (latestDepositDate == null || depositDate.isAfter(latestDepositDate)) {
            latestDepositDate = depositDate;
        }
        lockboxItems = 0;
        lockboxCents = 0;
        batch = null;
        batchItems = 0;
        batchCents = 0;
    }

    private void detail(String line, int lineNumber) {
        if (!inLockbox) {
            throw new LockboxFormatException(lineNumber, "detail (6) outside a lockbox (5 ... 8)");
        }
        finishItem();
        String detailBatch = digits(line, 1, 4, lineNumber, "batch number");
        if (batch == null) {
            batch = detailBatch;
            batchLine = lineNumber;
        } else if (!batch.equals(detailBatch)) {
            throw new LockboxFormatException(lineNumber, "detail (6) is in batch " + detailBatch + " but batch " + batch
                    + " (from line " + batchLine + ") has not been closed by its batch total (7)");
        }
        itemLine = lineNumber;
        itemBatch = detailBatch;
        itemNumber = digits(line, 4, 7, lineNumber, "item number");
        itemCents = number(line, 7, 17, lineNumber, "check amount");
        remitterRouting = optionalDigits(line, 17, 26, lineNumber, "remitter routing number", false);
        remitterAccount = optionalDigits(line, 26, 36, lineNumber, "remitter account number", true);
        checkNumber = optionalDigits(line, 36, 46, lineNumber, "check number", true);
        payerName = text(line, 52, 82);
        memo = null;
        overflowSequence = 0;
        overflowEnded = false;
        batchItems++;
        batchCents += itemCents;
    }

    private void overflow(String line, int lineNumber) {
        if (itemLine == 0) {
            throw new LockboxFormatException(lineNumber, "overflow record (4) with no detail (6) before it");
        }
        String overflowBatch = digits(line, 1, 4, lineNumber, "batch number");
        String overflowItem = digits(line, 4, 7, lineNumber, "item number");
        if (!overflowBatch.equals(itemBatch) || !overflowItem.equals(itemNumber)) {
            throw new LockboxFormatException(lineNumber, "overflow record (4) is for batch " + overflowBatch + " item " + overflowItem
                    + " but follows batch " + itemBatch + " item " + itemNumber + " (line " + itemLine + ")");
        }
        String recordType = text(line, 7, 8);
        if (!"6".equals(recordType)) {
            throw new LockboxFormatException(lineNumber, "overflow record (4) continues record type '" + (recordType == null ? "" : recordType) + "'; only overflow of the detail (6) is read");
        }
        if (overflowEnded) {
            throw new LockboxFormatException(lineNumber, "overflow record (4) after the item's last overflow record (indicator 9)");
        }
        int sequence = (int) number(line, 8, 10, lineNumber, "overflow sequence number");
        if (sequence != overflowSequence + 1) {
            throw new LockboxFormatException(lineNumber, "overflow sequence number " + sequence + " where " + (overflowSequence + 1) + " was expected");
        }
        overflowSequence = sequence;
        String indicator = text(line, 10, 11);
        if ("9".equals(indicator)) {
            overflowEnded = true;
        } else if (!"0".equals(indicator)) {
            throw new LockboxFormatException(lineNumber, "overflow indicator '" + (indicator == null ? "" : indicator) + "' is not 0 (more follow) or 9 (last)");
        }
        if (memo == null) {
            memo = new StringBuilder(MEMO_WIDTH);
        }
        while (memo.length() < (sequence - 1) * MEMO_WIDTH) {
            memo.append(' ');
        }
        memo.append(line, Math.min(11, line.length()), Math.min(11 + MEMO_WIDTH, line.length()));
    }

    private void finishItem() {
        if (itemLine == 0) {
            return;
        }
        if (memo != null && !overflowEnded) {
            throw new LockboxFormatException(itemLine, "the overflow records of batch " + itemBatch + " item " + itemNumber
                    + " stop before the last one (indicator 9)");
        }
        items.add(new LockboxFile.Item(itemLine, memo == null ? null : memo.toString(), Cents.dollars(itemCents), checkNumber,
                payerName, remitterRouting, remitterAccount, depositDate, itemBatch, null));
        itemLine = 0;
        memo = null;
    }

    private void batchTotal(String line, int lineNumber) {
        if (!inLockbox) {
            throw new LockboxFormatException(lineNumber, "batch total (7) outside a lockbox (5 ... 8)");
        }
        finishItem();
        String totalBatch = digits(line, 1, 4, lineNumber, "batch number");
        sameLockbox(line, lineNumber, "batch total (7)");
        long count = number(line, 20, 23, lineNumber, "batch item count");
        long cents = number(line, 23, 33, lineNumber, "batch amount");
        if (batch != null && !batch.equals(totalBatch)) {
            throw new LockboxFormatException(lineNumber, "batch total (7) is for batch " + totalBatch + " but closes the checks of batch " + batch);
        }
        if (count != batchItems) {
            throw new LockboxFormatException(lineNumber, "batch " + totalBatch + " total (7) counts " + count + " items but the batch has " + batchItems);
        }
        if (cents != batchCents) {
            throw new LockboxFormatException(lineNumber, "batch " + totalBatch + " total (7) gives " + Cents.shown(cents)
                    + " but the batch's checks add up to " + Cents.shown(batchCents));
        }
        lockboxItems += batchItems;
        lockboxCents += batchCents;
        batch = null;
        batchItems = 0;
        batchCents = 0;
    }

    private void lockboxTotal(String line, int lineNumber) {
        if (!inLockbox) {
            throw new LockboxFormatException(lineNumber, "lockbox total (8) without a detail header (5) before it");
        }
        finishItem();
        if (batchItems > 0) {
            throw new LockboxFormatException(lineNumber, "lockbox total (8) before the batch total (7) of batch " + batch + " (from line " + batchLine + ")");
        }
        sameLockbox(line, lineNumber, "lockbox total (8)");
        long count = number(line, 20, 24, lineNumber, "lockbox item count");
        long cents = number(line, 24, 34, lineNumber, "lockbox amount");
        if (count != lockboxItems) {
            throw new LockboxFormatException(lineNumber, "lockbox " + lockboxNumber + " total (8) counts " + count
                    + " items but its batch totals (7) count " + lockboxItems);
        }
        if (cents != lockboxCents) {
            throw new LockboxFormatException(lineNumber, "lockbox " + lockboxNumber + " total (8) gives " + Cents.shown(cents)
                    + " but its batch totals (7) add up to " + Cents.shown(lockboxCents));
        }
        fileCents += lockboxCents;
        inLockbox = false;
    }

    private void destinationTrailer(String line, int lineNumber) {
        if (inLockbox) {
            throw new LockboxFormatException(lineNumber, "destination trailer (9) before the lockbox total (8) of lockbox " + lockboxNumber);
        }
        long count = number(line, 1, 7, lineNumber, "record count");
        if (count != records) {
            throw new LockboxFormatException(lineNumber, "destination trailer (9) counts " + count + " records but the file has " + records);
        }
    }

    private void sameLockbox(String line, int lineNumber, String what) {
        String number = digits(line, 7, 14, lineNumber, "lockbox number");
        if (!number.equals(lockboxNumber)) {
            throw new LockboxFormatException(lineNumber, what + " is for lockbox " + number + " but lockbox " + lockboxNumber
                    + " was opened on line " + lockboxLine);
        }
        LocalDate date = date(line, 14, lineNumber, "deposit date");
        if (!date.equals(depositDate)) {
            throw new LockboxFormatException(lineNumber, what + " gives deposit date " + date + " but the detail header (5) on line "
                    + lockboxLine + " gives " + depositDate);
        }
    }

    /** The field's characters; a line that stops short counts as blanks. */
    private static String field(String line, int start, int end) {
        if (start >= line.length()) {
            return "";
        }
        return line.substring(start, Math.min(end, line.length()));
    }

    private static String text(String line, int start, int end) {
        String text = field(line, start, end).strip();
        return text.isEmpty() ? null : text;
    }

    private static String digits(String line, int start, int end, int lineNumber, String what) {
        String field = field(line, start, end);
        if (field.length() != end - start || !allDigits(field)) {
            throw new LockboxFormatException(lineNumber, what + " '" + field.strip() + "' (columns " + (start + 1) + "-" + end
                    + ") is not " + (end - start) + " digits");
        }
        return field;
    }

    private static long number(String line, int start, int end, int lineNumber, String what) {
        String field = digits(line, start, end, lineNumber, what);
        long value = 0;
        for (int i = 0; i < field.length(); i++) {
            value = value * 10 + (field.charAt(i) - '0');
        }
        return value;
    }

    /** Digits or blank; all zeros means none. With {@code stripZeros} the padding zeros in front are dropped. */
    private static String optionalDigits(String line, int start, int end, int lineNumber, String what, boolean stripZeros) {
        String field = field(line, start, end).strip();
        if (field.isEmpty()) {
            return null;
        }
        if (!allDigits(field)) {
            throw new LockboxFormatException(lineNumber, what + " '" + field + "' (columns " + (start + 1) + "-" + end + ") is not digits");
        }
        int first = 0;
        while (first < field.length() && field.charAt(first) == '0') {
            first++;
        }
        if (first == field.length()) {
            return null;
        }
        return stripZeros ? field.substring(first) : field;
    }

    /** A YYMMDD date, in this century. */
    private static LocalDate date(String line, int start, int lineNumber, String what) {
        String field = digits(line, start, start + 6, lineNumber, what);
        int year = (field.charAt(0) - '0') * 10 + field.charAt(1) - '0';
        int month = (field.charAt(2) - '0') * 10 + field.charAt(3) - '0';
        int day = (field.charAt(4) - '0') * 10 + field.charAt(5) - '0';
        try {
            return LocalDate.of(2000 + year, month, day);
        } catch (DateTimeException e) {
            throw new LockboxFormatException(lineNumber, what + " '" + field + "' is not a calendar date (YYMMDD)");
        }
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

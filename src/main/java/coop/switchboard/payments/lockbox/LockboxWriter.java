package coop.switchboard.payments.lockbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes lockbox files that {@link LockboxReader} reads back to the same items: the fixed-width BAI lockbox layout
 * (as a bank sends it; used for tests, demos and benchmarks) and Switchboard's CSV format.
 * <p>
 * In the BAI lockbox layout the writer decides the grouping: batches of up to {@value #ITEMS_PER_BATCH} checks,
 * numbered 001, 002, ... within a lockbox, and a new lockbox (detail header 5 ... lockbox total 8, same lockbox number)
 * after {@value #BATCHES_PER_LOCKBOX} batches, because the lockbox total counts at most 9,999 items. So an item's
 * {@code line} and {@code batch} are the writer's, not the caller's; its {@code typeCode} is not written. Each
 * reference goes into overflow records (4) of 30 characters; the check date column carries the deposit date.
 */
public final class LockboxWriter {

    public static final int ITEMS_PER_BATCH = 100;
    public static final int BATCHES_PER_LOCKBOX = 99;

    private static final String DESTINATION_AND_ORIGIN = "SWITCHBRD 0000000000";
    private static final long MAX_TEN_DIGITS = 9_999_999_999L;
    private static final int MAX_OVERFLOW_RECORDS = 99;
    private static final int NAME_WIDTH = 30;

    private LockboxWriter() {
    }

    /** A BAI lockbox transmission for lockbox 0000001. */
    public static String write(LocalDate depositDate, List<LockboxFile.Item> items) {
        return write("0000001", depositDate, items);
    }

    /**
     * A BAI lockbox transmission of {@code items} deposited on {@code depositDate} to a lockbox (up to 7 digits). Every
     * item's date must be empty or the deposit date. Throws {@link IllegalArgumentException} for an item the layout
     * cannot hold, naming it by its position (1-based).
     */
    public static String write(String lockboxNumber, LocalDate depositDate, List<LockboxFile.Item> items) {
        if (lockboxNumber == null || lockboxNumber.isEmpty() || lockboxNumber.length() > 7 || !digits(lockboxNumber)) {
            throw new IllegalArgumentException("lockbox number '" + lockboxNumber + "' is not 1 to 7 digits");
        }
        if (depositDate.getYear() < 2000 || depositDate.getYear() > 2099) {
            throw new IllegalArgumentException("deposit date " + depositDate + " is outside the layout's years 2000-2099");
        }
        String lockbox = zeros(lockboxNumber, 7);
        String yymmdd = twoDigits(depositDate.getYear() % 100) + twoDigits(depositDate.getMonthValue()) + twoDigits(depositDate.getDayOfMonth());
        String mmddyy = yymmdd.substring(2, 6) + yymmdd.substring(0, 2);
        StringBuilder out = new StringBuilder(128 + items.size() * 150);
        out.append("100").append(DESTINATION_AND_ORIGIN).append(yymmdd).append("0000\n");
        out.append('2').append(DESTINATION_AND_ORIGIN).append("0000000000").append("400104").append("0000").append("1\n");
        int records = 2;
        int index = 0;
        do {
            out.append("5000000").append(lockbox).append(yymmdd).append(DESTINATION_AND_ORIGIN).append('\n');
            records++;
            int lockboxItems = 0;
            long lockboxCents = 0;
            int batch = 0;
            while (batch == 0 || batch < BATCHES_PER_LOCKBOX && index < items.size()
                    && lockboxCents + cents(items.get(index), index, depositDate) <= MAX_TEN_DIGITS) {
                batch++;
                String batchNumber = items.isEmpty() ? "000" : zeros(Integer.toString(batch), 3);
                int batchItems = 0;
                long batchCents = 0;
                while (batchItems < ITEMS_PER_BATCH && index < items.size()) {
                    LockboxFile.Item item = items.get(index);
                    long cents = cents(item, index, depositDate);
                    if (lockboxCents + batchCents + cents > MAX_TEN_DIGITS) {
                        break;
                    }
                    index++;
                    batchItems++;
                    batchCents += cents;
                    records += detail(out, item, index, batchNumber, zeros(Integer.toString(batchItems), 3), cents, mmddyy);
                }
                out.append('7').append(batchNumber).append("000").append(lockbox).append(yymmdd)
                        .append(zeros(Integer.toString(batchItems), 3)).append(zeros(Long.toString(batchCents), 10)).append('\n');
                records++;
                lockboxItems += batchItems;
                lockboxCents += batchCents;
            }
            out.append("8000000").append(lockbox).append(yymmdd).append(zeros(Integer.toString(lockboxItems), 4))
                    .append(zeros(Long.toString(lockboxCents), 10)).append('\n');
            records++;
        } while (index < items.size());
        records++;
        if (records > 999_999) {
            throw new IllegalArgumentException(records + " records do not fit the destination trailer's 6-digit record count");
        }
        out.append('9').append(zeros(Integer.toString(records), 6)).append('\n');
        return out.toString();
    }

    /** Writes the detail (6) and its overflow records (4); returns how many records that is. */
    private static int detail(StringBuilder out, LockboxFile.Item item, int position, String batch, String itemNumber, long cents, String mmddyy) {
        String routing = item.remitterRouting();
        if (routing != null && (routing.length() != 9 || !digits(routing))) {
            throw new IllegalArgumentException("item " + position + ": remitter routing number '" + routing + "' is not 9 digits");
        }
        String account = item.remitterAccount();
        if (account != null && (account.length() > 10 || !digits(account))) {
            throw new IllegalArgumentException("item " + position + ": remitter account '" + account + "' is not 1 to 10 digits");
        }
        String check = item.checkNumber();
        if (check != null && (check.length() > 10 || !digits(check))) {
            throw new IllegalArgumentException("item " + position + ": check number '" + check + "' is not 1 to 10 digits");
        }
        String name = item.payerName();
        if (name != null && (name.length() > NAME_WIDTH || !singleLine(name))) {
            throw new IllegalArgumentException("item " + position + ": payer name '" + name + "' is longer than " + NAME_WIDTH + " characters or breaks the line");
        }
        String reference = item.reference();
        if (reference != null && (reference.length() > MAX_OVERFLOW_RECORDS * BaiLockboxReader.MEMO_WIDTH || !singleLine(reference))) {
            throw new IllegalArgumentException("item " + position + ": reference is longer than "
                    + MAX_OVERFLOW_RECORDS * BaiLockboxReader.MEMO_WIDTH + " characters or breaks the line");
        }
        out.append('6').append(batch).append(itemNumber).append(zeros(Long.toString(cents), 10))
                .append(routing == null ? "000000000" : routing)
                .append(account == null ? "0000000000" : zeros(account, 10))
                .append(check == null ? "0000000000" : zeros(check, 10))
                .append(mmddyy);
        if (name != null) {
            out.append(name);
        }
        out.append('\n');
        if (reference == null) {
            return 1;
        }
        int overflows = (reference.length() + BaiLockboxReader.MEMO_WIDTH - 1) / BaiLockboxReader.MEMO_WIDTH;
        for (int i = 0; i < overflows; i++) {
            out.append('4').append(batch).append(itemNumber).append('6').append(twoDigits(i + 1)).append(i == overflows - 1 ? '9' : '0')
                    .append(reference, i * BaiLockboxReader.MEMO_WIDTH, Math.min(reference.length(), (i + 1) * BaiLockboxReader.MEMO_WIDTH))
                    .append('\n');
        }
        return 1 + overflows;
    }

    /**
     * Switchboard's CSV format: the header, one row per item (reference, amount, check number, payer name, date) and
     * the TOTAL line. Routing, account, batch and type code are not part of it. Every item needs a date.
     */
    public static String writeCsv(List<LockboxFile.Item> items) {
        StringBuilder out = new StringBuilder(64 + items.size() * 64);
        out.append(CsvLockboxReader.HEADER).append('\n');
        long cents = 0;
        for (int i = 0; i < items.size(); i++) {
            LockboxFile.Item item = items.get(i);
            if (item.date() == null) {
                throw new IllegalArgumentException("item " + (i + 1) + " has no date; the CSV format requires one");
            }
            if (item.amount().signum() < 0) {
                throw new IllegalArgumentException("item " + (i + 1) + ": amount " + item.amount() + " is negative");
            }
            if (CsvLockboxReader.TOTAL.equals(item.reference())) {
                throw new IllegalArgumentException("item " + (i + 1) + ": a reference of TOTAL would read as the TOTAL line");
            }
            csvField(out, item.reference());
            out.append(',').append(item.amount().toPlainString()).append(',');
            csvField(out, item.checkNumber());
            out.append(',');
            csvField(out, item.payerName());
            out.append(',').append(item.date()).append('\n');
            cents += Cents.of(item.amount());
        }
        out.append(CsvLockboxReader.TOTAL).append(',').append(items.size()).append(',').append(Cents.shown(cents)).append('\n');
        return out.toString();
    }

    private static void csvField(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static long cents(LockboxFile.Item item, int index, LocalDate depositDate) {
        BigDecimal amount = item.amount();
        if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(MAX_TEN_DIGITS, 2)) > 0) {
            throw new IllegalArgumentException("item " + (index + 1) + ": amount " + amount + " is not between 0.00 and 99999999.99");
        }
        if (item.date() != null && !item.date().equals(depositDate)) {
            throw new IllegalArgumentException("item " + (index + 1) + " is dated " + item.date() + " but the deposit is on " + depositDate);
        }
        return Cents.of(amount);
    }

    private static boolean singleLine(String text) {
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String zeros(String digits, int width) {
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}

package coop.switchboard.payments.lockbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static coop.switchboard.payments.lockbox.Bai2Fields.amount;
import static coop.switchboard.payments.lockbox.Bai2Fields.blankFrom;
import static coop.switchboard.payments.lockbox.Bai2Fields.count;
import static coop.switchboard.payments.lockbox.Bai2Fields.date;
import static coop.switchboard.payments.lockbox.Bai2Fields.field;
import static coop.switchboard.payments.lockbox.Bai2Fields.typeCode;
import static coop.switchboard.payments.lockbox.Bai2Fields.unknownFundsType;

/**
 * Reads the credits out of a BAI2 file and checks every control the format carries:
 * <ul>
 * <li>account trailer (49): its total is the sum of every amount in the account identifier (03, summary and status
 * amounts alike, not the availability amounts of funds types S and D) and in its transaction details (16, credits and
 * debits alike, as written, unsigned); its record count covers 03 through 49 with every 88;</li>
 * <li>group trailer (98): total = sum of the account trailers' totals, number of accounts, records 02 through 98;</li>
 * <li>file trailer (99): total = sum of the group trailers' totals, number of groups, records 01 through 99.</li>
 * </ul>
 * A blank amount means zero (so an account trailer with a blank total says the account's amounts add up to zero).
 * Items are the transaction details with credit type codes 100–399, in groups whose status is update (1) or
 * correction (3); groups marked deletion (2) or test only (4) are checked but bring no items.
 */
final class Bai2Reader {

    private static final int DETAIL_HEAD_FIELDS = 3;

    private final List<LockboxFile.Item> items = new ArrayList<>();
    private long itemCents;

    private LocalDate creationDate;
    private LocalDate latestAsOfDate;
    private long fileGroupTotals;
    private int fileGroups;
    private int fileRecords;

    private boolean inGroup;
    private LocalDate asOfDate;
    private boolean groupPosts;
    private long groupAccountTotals;
    private int groupAccounts;
    private int groupRecords;

    private boolean inAccount;
    private String accountNumber;
    private long accountCents;
    private int accountRecords;

    private Bai2Reader() {
    }

    static LockboxFile read(String content) {
        return new Bai2Reader().readRecords(Bai2Records.of(content));
    }

    private LockboxFile readRecords(List<Bai2Record> records) {
        if (records.isEmpty()) {
            throw new LockboxFormatException(1, "the file is empty");
        }
        Bai2Record first = records.getFirst();
        if (!first.code().equals("01")) {
            throw new LockboxFormatException(first.line(), "a BAI2 file starts with a file header (01); this one starts with record type " + first.code());
        }
        for (int i = 0; i < records.size(); i++) {
            Bai2Record record = records.get(i);
            fileRecords += record.records();
            if (inGroup) {
                groupRecords += record.records();
            }
            if (inAccount) {
                accountRecords += record.records();
            }
            switch (record.code()) {
                case "01" -> fileHeader(record, i);
                case "02" -> groupHeader(record);
                case "03" -> accountIdentifier(record);
                case "16" -> transactionDetail(record);
                case "49" -> accountTrailer(record);
                case "98" -> groupTrailer(record);
                case "99" -> {
                    fileTrailer(record);
                    if (i + 1 < records.size()) {
                        throw new LockboxFormatException(records.get(i + 1).line(), "record after the file trailer (99)");
                    }
                    return new LockboxFile(LockboxFile.BAI2, latestAsOfDate != null ? latestAsOfDate : creationDate,
                            items, items.size(), Cents.dollars(itemCents));
                }
                default -> throw new LockboxFormatException(record.line(),
                        "record type " + record.code() + " is not a BAI2 record (01, 02, 03, 16, 49, 88, 98 or 99)");
            }
        }
        throw new LockboxFormatException(records.getLast().line(), "the file ends without a file trailer (99)");
    }

    private void fileHeader(Bai2Record record, int index) {
        if (index > 0) {
            throw new LockboxFormatException(record.line(), "a second file header (01); one file cannot hold another");
        }
        List<String> fields = record.fields();
        creationDate = date(field(fields, 2), record.line(), "file creation date");
        String version = field(fields, 7);
        if (!version.equals("2")) {
            throw new LockboxFormatException(record.line(), "file header gives version '" + version + "'; only BAI version 2 is read");
        }
    }

    private void groupHeader(Bai2Record record) {
        if (inGroup) {
            throw new LockboxFormatException(record.line(), "group header (02) before the group trailer (98) of the group before it");
        }
        List<String> fields = record.fields();
        String status = field(fields, 2);
        groupPosts = switch (status) {
            case "", "1", "3" -> true;
            case "2", "4" -> false;
            default -> throw new LockboxFormatException(record.line(),
                    "group status '" + status + "' is not 1 (update), 2 (deletion), 3 (correction) or 4 (test only)");
        };
        asOfDate = date(field(fields, 3), record.line(), "group as-of date");
        if (latestAsOfDate == null || asOfDate.isAfter(latestAsOfDate)) {
            latestAsOfDate = asOfDate;
        }
        inGroup = true;
        groupAccountTotals = 0;
        groupAccounts = 0;
        groupRecords = record.records();
    }

    private void accountIdentifier(Bai2Record record) {
        if (!inGroup) {
            throw new LockboxFormatException(record.line(), "account identifier (03) outside a group (02 ... 98)");
        }
        if (inAccount) {
            throw new LockboxFormatException(record.line(), "account identifier (03) before the account trailer (49) of account " + accountNumber);
        }
        List<String> fields = record.summaryFields(2);
        accountNumber = field(fields, 0);
        if (accountNumber.isEmpty()) {
            throw new LockboxFormatException(record.line(), "account identifier (03) has no account number");
        }
        long cents = 0;
        int at = 2;
        while (at < fields.size()) {
            if (blankFrom(fields, at)) {
                break;
            }
            String typeCode = fields.get(at);
            if (!typeCode.isEmpty()) {
                typeCode(typeCode, record.line());
            }
            cents = Math.addExact(cents, amount(field(fields, at + 1), record.line(), "summary amount for type code " + typeCode));
            count(field(fields, at + 2), record.line(), "item count for type code " + typeCode);
            at = afterAvailability(fields, at + 3, record.line());
        }
        inAccount = true;
        accountCents = cents;
        accountRecords = record.records();
        groupAccounts++;
    }

    private void transactionDetail(Bai2Record record) {
        if (!inAccount) {
            throw new LockboxFormatException(record.line(), "transaction detail (16) outside an account (03 ... 49)");
        }
        List<String> head = new ArrayList<>(8);
        int needed = DETAIL_HEAD_FIELDS;
        StringBuilder text = null;
        for (Bai2Record.Segment segment : record.segments()) {
            String s = segment.text();
            if (text != null) {
                text.append(' ').append(s);
                continue;
            }
            int start = 0;
            while (head.size() < needed && start <= s.length()) {
                int comma = s.indexOf(',', start);
                int end = comma < 0 ? s.length() : comma;
                head.add(s.substring(start, end).strip());
                start = end + 1;
                needed = detailHeadSize(head, record.line());
            }
            if (head.size() == needed) {
                text = new StringBuilder();
                if (start < s.length()) {
                    text.append(s, start, s.length());
                }
            }
        }
        while (head.size() < needed) {
            if (head.size() >= DETAIL_HEAD_FIELDS && head.size() < needed - 2) {
                throw new LockboxFormatException(record.line(), "the detail ends before the availability fields of its funds type " + head.get(2));
            }
            head.add("");
            needed = detailHeadSize(head, record.line());
        }
        String typeCode = typeCode(head.get(0), record.line());
        String amountText = head.get(1);
        if (amountText.startsWith("-")) {
            throw new LockboxFormatException(record.line(), "detail amount '" + amountText + "' has a sign; the type code says whether it is a credit or a debit");
        }
        long cents = amount(amountText, record.line(), "detail amount");
        afterAvailability(head, 2, record.line());
        accountCents = Math.addExact(accountCents, cents);

        int code = Integer.parseInt(typeCode);
        if (groupPosts && code >= 100 && code <= 399) {
            String customerReference = head.get(needed - 1);
            String reference = customerReference.isEmpty() && text != null ? text.toString() : customerReference;
            items.add(new LockboxFile.Item(record.line(), reference, Cents.dollars(cents), null, null, null, null,
                    asOfDate, accountNumber, typeCode));
            itemCents += cents;
        }
    }

    /** How many fields a detail has before its text, once its funds type (and for D its distribution count) is read. */
    private static int detailHeadSize(List<String> head, int line) {
        if (head.size() < DETAIL_HEAD_FIELDS) {
            return DETAIL_HEAD_FIELDS;
        }
        String fundsType = head.get(2);
        int availability = switch (fundsType) {
            case "", "0", "1", "2", "Z" -> 0;
            case "S" -> 3;
            case "V" -> 2;
            case "D" -> head.size() > DETAIL_HEAD_FIELDS
                    ? 1 + 2 * count(head.get(DETAIL_HEAD_FIELDS), line, "number of distributions")
                    : 1;
            default -> throw unknownFundsType(fundsType, line);
        };
        return DETAIL_HEAD_FIELDS + availability + 2;
    }

    /**
     * Checks the funds type at {@code at} and the availability fields it brings (S: three amounts; V: value date and
     * time; D: a count and that many day/amount pairs), and returns the index after them.
     */
    private static int afterAvailability(List<String> fields, int at, int line) {
        String fundsType = field(fields, at);
        switch (fundsType) {
            case "", "0", "1", "2", "Z" -> {
                return at + 1;
            }
            case "S" -> {
                amount(field(fields, at + 1), line, "immediate availability amount");
                amount(field(fields, at + 2), line, "one-day availability amount");
                amount(field(fields, at + 3), line, "two-or-more-day availability amount");
                return at + 4;
            }
            case "V" -> {
                String valueDate = field(fields, at + 1);
                if (valueDate.isEmpty()) {
                    throw new LockboxFormatException(line, "funds type V (value dated) has no value date");
                }
                date(valueDate, line, "value date");
                return at + 3;
            }
            case "D" -> {
                int distributions = count(field(fields, at + 1), line, "number of distributions");
                for (int d = 0; d < distributions; d++) {
                    count(field(fields, at + 2 + 2 * d), line, "days of availability of distribution " + (d + 1));
                    amount(field(fields, at + 3 + 2 * d), line, "amount of distribution " + (d + 1));
                }
                return at + 2 + 2 * distributions;
            }
            default -> throw unknownFundsType(fundsType, line);
        }
    }

    private void accountTrailer(Bai2Record record) {
        if (!inAccount) {
            throw new LockboxFormatException(record.line(), "account trailer (49) without an account identifier (03) before it");
        }
        List<String> fields = record.fields();
        long total = amount(field(fields, 0), record.line(), "account control total");
        int count = count(field(fields, 1), record.line(), "account record count");
        if (total != accountCents) {
            throw new LockboxFormatException(record.line(), "account " + accountNumber + " trailer (49) gives a total of "
                    + Cents.shown(total) + " but the account's summary and detail amounts add up to " + Cents.shown(accountCents));
        }
        if (count != accountRecords) {
            throw new LockboxFormatException(record.line(), "account " + accountNumber + " trailer (49) counts " + count
                    + " records but the account has " + accountRecords + " (03 through 49, with continuations)");
        }
        inAccount = false;
        groupAccountTotals = Math.addExact(groupAccountTotals, total);
    }

    private void groupTrailer(Bai2Record record) {
        if (!inGroup) {
            throw new LockboxFormatException(record.line(), "group trailer (98) without a group header (02) before it");
        }
        if (inAccount) {
            throw new LockboxFormatException(record.line(), "group trailer (98) before the account trailer (49) of account " + accountNumber);
        }
        List<String> fields = record.fields();
        long total = amount(field(fields, 0), record.line(), "group control total");
        int accounts = count(field(fields, 1), record.line(), "group number of accounts");
        int count = count(field(fields, 2), record.line(), "group record count");
        if (total != groupAccountTotals) {
            throw new LockboxFormatException(record.line(), "group trailer (98) gives a total of " + Cents.shown(total)
                    + " but the group's account trailers add up to " + Cents.shown(groupAccountTotals));
        }
        if (accounts != groupAccounts) {
            throw new LockboxFormatException(record.line(), "group trailer (98) counts " + accounts
                    + " accounts but the group has " + groupAccounts);
        }
        if (count != groupRecords) {
            throw new LockboxFormatException(record.line(), "group trailer (98) counts " + count
                    + " records but the group has " + groupRecords + " (02 through 98, with continuations)");
        }
        inGroup = false;
        fileGroups++;
        fileGroupTotals = Math.addExact(fileGroupTotals, total);
    }

    private void fileTrailer(Bai2Record record) {
        if (inGroup) {
            throw new LockboxFormatException(record.line(), "file trailer (99) before the group trailer (98) of the last group");
        }
        List<String> fields = record.fields();
        long total = amount(field(fields, 0), record.line(), "file control total");
        int groups = count(field(fields, 1), record.line(), "file number of groups");
        int count = count(field(fields, 2), record.line(), "file record count");
        if (total != fileGroupTotals) {
            throw new LockboxFormatException(record.line(), "file trailer (99) gives a total of " + Cents.shown(total)
                    + " but the group trailers add up to " + Cents.shown(fileGroupTotals));
        }
        if (groups != fileGroups) {
            throw new LockboxFormatException(record.line(), "file trailer (99) counts " + groups + " groups but the file has " + fileGroups);
        }
        if (count != fileRecords) {
            throw new LockboxFormatException(record.line(), "file trailer (99) counts " + count
                    + " records but the file has " + fileRecords + " (01 through 99, with continuations)");
        }
    }
}

package coop.switchboard.payments.lockbox;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Switchboard's CSV remittance format (RFC 4180: comma-separated, fields in double quotes when they hold a comma,
 * a quote or a line break, a quote inside doubled):
 * <pre>
 * reference,amount,check_number,payer_name,date
 * 0001234567000012345 7,123.45,1042,"Smith, Jane",2025-03-14
 * TOTAL,1,123.45
 * </pre>
 * The header must begin with exactly these five columns; columns after them are allowed and ignored. Every row has
 * as many fields as the header (a row with more is almost always a comma that should have been quoted). Amounts are
 * dollars with up to two decimals and no sign, thousands separator or currency symbol; dates are YYYY-MM-DD and
 * required; reference, check number and payer name may be empty. The last line must be {@code TOTAL,<count>,<amount>}
 * and agree with the rows. Blank lines are skipped.
 */
final class CsvLockboxReader {

    static final String HEADER = "reference,amount,check_number,payer_name,date";
    static final List<String> COLUMNS = List.of("reference", "amount", "check_number", "payer_name", "date");
    static final String TOTAL = "TOTAL";

    private final String content;
    private int position;
    private int lineNumber = 1;
    private int rowLine;

    private CsvLockboxReader(String content) {
        this.content = content;
    }

    static LockboxFile read(String content) {
        return new CsvLockboxReader(content).readRows();
    }

    private LockboxFile readRows() {
        List<String> header;
        try {
            header = nextRow();
        } catch (LockboxFormatException e) {
            header = null;
        }
        if (header == null || header.size() < COLUMNS.size() || !header.subList(0, COLUMNS.size()).equals(COLUMNS)) {
            int lineEnd = content.indexOf('\n');
            String found = (lineEnd < 0 ? content : content.substring(0, lineEnd)).strip();
            throw new LockboxFormatException(1, "the first line is neither a BAI2 file header (01), a BAI lockbox header (1) nor the CSV header '"
                    + HEADER + "'; found '" + (found.length() > 80 ? found.substring(0, 80) + "..." : found) + "'");
        }
        int columns = header.size();
        List<LockboxFile.Item> items = new ArrayList<>();
        long cents = 0;
        LocalDate latest = null;
        int lastLine = 1;
        for (List<String> row = nextRow(); row != null; row = nextRow()) {
            if (row.size() == 1 && row.getFirst().isBlank()) {
                continue;
            }
            lastLine = rowLine;
            if (row.getFirst().equals(TOTAL)) {
                total(row, items.size(), cents);
                int totalLine = rowLine;
                for (List<String> after = nextRow(); after != null; after = nextRow()) {
                    if (!(after.size() == 1 && after.getFirst().isBlank())) {
                        throw new LockboxFormatException(rowLine, "row after the TOTAL line (line " + totalLine + "); TOTAL must be the last line");
                    }
                }
                return new LockboxFile(LockboxFile.CSV, latest, items, items.size(), Cents.dollars(cents));
            }
            if (row.size() != columns) {
                throw new LockboxFormatException(rowLine, "the row has " + row.size() + " fields but the header has " + columns
                        + (row.size() > columns ? "; a field that holds a comma must be in double quotes" : ""));
            }
            long amount = dollars(row.get(1), "amount");
            LocalDate date = date(row.get(4));
            items.add(new LockboxFile.Item(rowLine, row.get(0), Cents.dollars(amount), row.get(2), row.get(3), null, null, date, null, null));
            cents += amount;
            if (latest == null || date.isAfter(latest)) {
                latest = date;
            }
        }
        throw new LockboxFormatException(lastLine, "the file ends without its TOTAL line; the last line must be TOTAL,<count>,<amount>");
    }

    private void total(List<String> row, int count, long cents) {
        for (int i = 3; i < row.size(); i++) {
            if (!row.get(i).isBlank()) {
                throw new LockboxFormatException(rowLine, "the TOTAL line has more than TOTAL,<count>,<amount>");
            }
        }
        if (row.size() < 3) {
            throw new LockboxFormatException(rowLine, "the TOTAL line must be TOTAL,<count>,<amount>");
        }
        String countText = row.get(1).strip();
        if (countText.isEmpty() || countText.length() > 9 || !allDigits(countText, 0, countText.length())) {
            throw new LockboxFormatException(rowLine, "TOTAL count '" + countText + "' is not a whole number");
        }
        int totalCount = Integer.parseInt(countText);
        long totalCents = dollars(row.get(2), "TOTAL amount");
        if (totalCount != count || totalCents != cents) {
            throw new LockboxFormatException(rowLine, "TOTAL says " + totalCount + " payments of " + Cents.shown(totalCents)
                    + " but the file has " + count + " payments of " + Cents.shown(cents));
        }
    }

    /** Whole cents of {@code 123}, {@code 123.4} or {@code 123.45}. */
    private long dollars(String field, String column) {
        String text = field.strip();
        int point = text.indexOf('.');
        int whole = point < 0 ? text.length() : point;
        int decimals = point < 0 ? 0 : text.length() - point - 1;
        if (text.startsWith("-") && text.length() > 1) {
            throw new LockboxFormatException(rowLine, "field " + column + ": '" + text + "' is negative; a remittance is money received");
        }
        if (whole == 0 || whole > 13 || !allDigits(text, 0, whole) || (point >= 0 && (decimals < 1 || decimals > 2))
                || !allDigits(text, whole + 1, text.length())) {
            throw new LockboxFormatException(rowLine, "field " + column + ": '" + text + "' is not an amount of dollars like 123.45");
        }
        long cents = Long.parseLong(text.substring(0, whole)) * 100;
        if (decimals > 0) {
            cents += Integer.parseInt(text.substring(point + 1)) * (decimals == 1 ? 10 : 1);
        }
        return cents;
    }

    private LocalDate date(String field) {
        String text = field.strip();
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || !allDigits(text, 0, 4) || !allDigits(text, 5, 7) || !allDigits(text, 8, 10)) {
            throw new LockboxFormatException(rowLine, "field date: '" + text + "' is not a date like 2025-03-14 (YYYY-MM-DD)");
        }
        try {
            return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10), Integer.parseInt(text, 8, 10, 10));
        } catch (DateTimeException e) {
            throw new LockboxFormatException(rowLine, "field date: '" + text + "' is not a calendar date");
        }
    }

    /** The next record's fields, or null at the end; {@link #rowLine} is set to the line it starts on. */
    private List<String> nextRow() {
        int length = content.length();
        if (position >= length) {
            return null;
        }
        rowLine = lineNumber;
        List<String> fields = new ArrayList<>(COLUMNS.size());
        StringBuilder field = new StringBuilder();
        while (true) {
            if (position < length && content.charAt(position) == '"' && field.isEmpty()) {
                position++;
                while (true) {
                    if (position >= length) {
                        throw new LockboxFormatException(rowLine, "a quoted field is not closed by a double quote");
                    }
                    char c = content.charAt(position++);
                    if (c == '"') {
                        if (position < length && content.charAt(position) == '"') {
                            field.append('"');
                            position++;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') {
                            lineNumber++;
                        }
                        field.append(c);
                    }
                }
                if (position < length && content.charAt(position) != ',' && content.charAt(position) != '\n' && content.charAt(position) != '\r') {
                    throw new LockboxFormatException(lineNumber, "text after the closing double quote of a field; a quote inside a field is written twice (\"\")");
                }
            }
            while (position < length) {
                char c = content.charAt(position);
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                if (c == '"') {
                    throw new LockboxFormatException(lineNumber, "a double quote inside a field that does not start with one; quote the whole field");
                }
                field.append(c);
                position++;
            }
            fields.add(field.toString());
            field.setLength(0);
            if (position >= length) {
                return fields;
            }
            char c = content.charAt(position++);
            if (c == ',') {
                continue;
            }
            if (c == '\r' && position < length && content.charAt(position) == '\n') {
                position++;
            }
            lineNumber++;
            return fields;
        }
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

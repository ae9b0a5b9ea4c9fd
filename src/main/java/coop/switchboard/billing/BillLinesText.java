package coop.switchboard.billing;

import coop.switchboard.rates.BillLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A segment's charge lines as the one text value {@code billing.bill_segment.lines} holds (the migration
 * bill_lines_as_text, whose {@code billing.bill_line} view reads it apart): a record per line, separated by the ASCII
 * record separator, its fields (component, kind, description, quantity, unit, unit price, amount) by the unit
 * separator, an empty field for a missing quantity, unit or price.
 */
final class BillLinesText {
    private static final char RECORD = 0x1E;
    private static final char UNIT = 0x1F;

    private BillLinesText() {
    }

    static String encode(List<BillLine> lines) {
        StringBuilder text = new StringBuilder(lines.size() * 64);
        for (BillLine line : lines) {
            if (!text.isEmpty()) {
                text.append(RECORD);
            }
            field(text, line.component()).append(UNIT);
            field(text, line.kind()).append(UNIT);
            field(text, line.description()).append(UNIT);
            number(text, line.quantity() == null ? null : line.quantity().value(), 16, 4, "quantity", line).append(UNIT);
            field(text, line.unit()).append(UNIT);
            number(text, line.unitPrice() == null ? null : line.unitPrice().value(), 12, 6, "unit price", line).append(UNIT);
            number(text, line.amount().amount(), 15, 2, "amount", line);
        }
        return text.toString();
    }

    /** A text field of a line, the two separators (never meaningful on a bill) replaced by spaces. */
    private static StringBuilder field(StringBuilder text, String value) {
        if (value == null) {
            return text;
        }
        if (value.indexOf(RECORD) < 0 && value.indexOf(UNIT) < 0) {
            return text.append(value); // the usual case, copied whole
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            text.append(c == RECORD || c == UNIT ? ' ' : c);
        }
        return text;
    }

    /**
     * A number of a line, refused (failing the chunk, as the typed arrays did) when it has more whole digits than its
     * column in billing.bill_line holds: numeric(16,4) quantities, numeric(12,6) prices, numeric(15,2) amounts.
     */
    private static StringBuilder number(StringBuilder text, BigDecimal value, int precision, int scale, String what, BillLine line) {
        if (value == null) {
            return text;
        }
        // Rounded as the column will round it (only a value with more decimals than the column can change).
        BigDecimal stored = value.scale() > scale ? value.setScale(scale, RoundingMode.HALF_UP) : value;
        int wholeDigits = precision - scale;
        if (stored.precision() - stored.scale() > wholeDigits) {
            throw new IllegalStateException("the " + what + " " + value.toPlainString() + " of the line '" + line.description()
                    + "' is too large for a bill line (at most " + wholeDigits + " digits before the decimal point)");
        }
        return text.append(value.toPlainString());
    }
}

package coop.switchboard.payments.lockbox;

import java.util.ArrayList;
import java.util.List;

/**
 * One logical BAI2 record: its two-digit code, the line it starts on, and its text in segments. The first segment is
 * the record itself; each continuation (an {@code 88} record, or a line that starts with no record code) adds one.
 *
 * @param records how many records it counts for in the trailers' record counts: itself and its {@code 88}s (a line
 *                continued without a record code is not a record)
 */
record Bai2Record(String code, int line, List<Segment> segments, int records) {

    /**
     * The text of one physical record after its {@code "NN,"} code, without the {@code "/"} that ends it.
     *
     * @param delimited whether it ended with {@code "/"} (so the next segment starts a new field)
     */
    record Segment(String text, boolean delimited) {
    }

    /** All fields of a record with no free text (every record but 16): the segments split at commas, in order. */
    List<String> fields() {
        List<String> fields = new ArrayList<>();
        for (Segment segment : segments) {
            addFields(segment.text(), fields);
        }
        return fields;
    }

    /**
     * The fields of an account identifier (03): as {@link #fields()}, but without an empty field at the end of a
     * segment where that field would start a new summary ({@code 015,35217175,,,/} has one comma too many, a habit
     * of some banks, and the summary list goes on in the 88 after it). {@code at} is where the summaries start.
     */
    List<String> summaryFields(int at) {
        List<String> fields = new ArrayList<>();
        int next = at;
        for (Segment segment : segments) {
            addFields(segment.text(), fields);
            while (next < fields.size()) {
                if (next == fields.size() - 1 && fields.get(next).isEmpty()) {
                    fields.removeLast();
                    break;
                }
                int size = summaryWidth(fields, next);
                if (next + size > fields.size()) {
                    break;
                }
                next += size;
            }
        }
        return fields;
    }

    /**
     * How many fields the summary starting at {@code at} takes: type code, amount, item count, funds type and the
     * funds type's availability fields (S: 3, V: 2, D: a count and that many day/amount pairs); more than are left
     * while the funds type (or D's count) is not read yet.
     */
    private static int summaryWidth(List<String> fields, int at) {
        int incomplete = Integer.MAX_VALUE / 2;
        if (at + 3 >= fields.size()) {
            return incomplete;
        }
        return switch (fields.get(at + 3)) {
            case "S" -> 7;
            case "V" -> 6;
            case "D" -> {
                if (at + 4 >= fields.size()) {
                    yield incomplete;
                }
                String count = fields.get(at + 4);
                yield count.length() > 0 && count.length() < 6 && count.chars().allMatch(Character::isDigit)
                        ? 5 + 2 * Integer.parseInt(count) : 5;
            }
            default -> 4;
        };
    }

    private static void addFields(String text, List<String> fields) {
        int start = 0;
        for (int comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', start)) {
            fields.add(text.substring(start, comma).strip());
            start = comma + 1;
        }
        fields.add(text.substring(start).strip());
    }
}

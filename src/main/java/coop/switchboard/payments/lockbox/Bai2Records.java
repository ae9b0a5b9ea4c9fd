package coop.switchboard.payments.lockbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a BAI2 file into logical records. Banks write BAI2 in more ways than the standard's one record per line:
 * <ul>
 * <li>a record may be continued by {@code 88} records, or simply by the next line when that line starts with no
 * record code (a "newline-delimited" continuation);</li>
 * <li>several records may share a line, each ending with {@code "/"} and followed by blanks and the next record code;</li>
 * <li>the last record may lack its {@code "/"}, and lines may carry trailing blanks.</li>
 * </ul>
 * A {@code "/"} inside a field (a reference such as {@code AB/GS/01}, a date in text) is data: a record only ends at a
 * {@code "/"} followed by the end of the line, or by blanks and a record code.
 */
final class Bai2Records {

    static final String CONTINUATION = "88";

    private Bai2Records() {
    }

    static List<Bai2Record> of(String content) {
        List<Bai2Record> records = new ArrayList<>();
        String code = null;
        int startLine = 0;
        int count = 0;
        List<Bai2Record.Segment> segments = null;
        int lineNumber = 0;
        int length = content.length();
        int position = 0;
        while (position < length) {
            int newline = content.indexOf('\n', position);
            int end = newline < 0 ? length : newline;
            if (end > position && content.charAt(end - 1) == '\r') {
                end--;
            }
            lineNumber++;
            String line = content.substring(position, end);
            position = newline < 0 ? length : newline + 1;

            int start = skipBlanks(line, 0);
            if (start == line.length()) {
                continue;
            }
            while (start < line.length()) {
                boolean coded = startsRecord(line, start);
                int textStart = coded ? start + 3 : start;
                int pieceEnd = pieceEnd(line, textStart);
                String piece = line.substring(textStart, pieceEnd).stripTrailing();
                boolean delimited = piece.endsWith("/");
                Bai2Record.Segment segment = new Bai2Record.Segment(delimited ? piece.substring(0, piece.length() - 1) : piece, delimited);
                String pieceCode = coded ? line.substring(start, start + 2) : null;
                if (pieceCode == null || pieceCode.equals(CONTINUATION)) {
                    if (segments == null) {
                        throw new LockboxFormatException(lineNumber, pieceCode == null
                                ? "expected a record: two digits and a comma, such as '01,'"
                                : "continuation record (88) with no record before it to continue");
                    }
                    segments.add(segment);
                    if (pieceCode != null) {
                        count++;
                    }
                } else {
                    if (segments != null) {
                        records.add(new Bai2Record(code, startLine, List.copyOf(segments), count));
                    }
                    code = pieceCode;
                    startLine = lineNumber;
                    count = 1;
                    segments = new ArrayList<>(2);
                    segments.add(segment);
                }
                start = skipBlanks(line, pieceEnd);
            }
        }
        if (segments != null) {
            records.add(new Bai2Record(code, startLine, List.copyOf(segments), count));
        }
        return records;
    }

    /** Where the piece of a line starting at {@code from} ends: after a "/" that is followed by blanks and a record. */
    private static int pieceEnd(String line, int from) {
        for (int slash = line.indexOf('/', from); slash >= 0; slash = line.indexOf('/', slash + 1)) {
            int next = skipBlanks(line, slash + 1);
            if (next > slash + 1 && next < line.length() && startsKnownRecord(line, next)) {
                return slash + 1;
            }
        }
        return line.length();
    }

    private static boolean startsRecord(String line, int at) {
        return at + 2 < line.length() && isDigit(line.charAt(at)) && isDigit(line.charAt(at + 1)) && line.charAt(at + 2) == ',';
    }

    private static boolean startsKnownRecord(String line, int at) {
        if (!startsRecord(line, at)) {
            return false;
        }
        return switch (line.substring(at, at + 2)) {
            case "01", "02", "03", "16", "49", "88", "98", "99" -> true;
            default -> false;
        };
    }

    private static int skipBlanks(String line, int from) {
        int at = from;
        while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

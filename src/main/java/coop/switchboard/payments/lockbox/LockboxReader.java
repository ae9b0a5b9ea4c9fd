package coop.switchboard.payments.lockbox;

/**
 * Reads a lockbox or remittance file, whichever of the three formats it is (see docs/payments-lockbox.md):
 * <ul>
 * <li>{@link LockboxFile#BAI2}: a BAI2 cash management file, which starts with its file header {@code 01,};</li>
 * <li>{@link LockboxFile#BAI_LOCKBOX}: a fixed-width BAI lockbox transmission, which starts with its immediate
 * address header, record type {@code 1} and a two-digit priority;</li>
 * <li>{@link LockboxFile#CSV}: Switchboard's CSV format, which starts with its header
 * {@code reference,amount,check_number,payer_name,date}.</li>
 * </ul>
 * Every control record is checked; a file that fails any check is rejected whole with a {@link LockboxFormatException}
 * naming the line. A byte order mark at the start is ignored.
 */
public final class LockboxReader {

    private LockboxReader() {
    }

    /** The file's items and controls; throws {@link LockboxFormatException} when it is malformed or does not add up. */
    public static LockboxFile read(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        if (text.isBlank()) {
            throw new LockboxFormatException(1, "the file is empty");
        }
        int start = 0;
        while (text.charAt(start) == '\n' || text.charAt(start) == '\r') {
            start++;
        }
        if (start + 2 < text.length() && digit(text.charAt(start)) && digit(text.charAt(start + 1)) && text.charAt(start + 2) == ',') {
            return Bai2Reader.read(text);
        }
        if (start + 2 < text.length() && text.charAt(start) == '1' && digit(text.charAt(start + 1)) && digit(text.charAt(start + 2))) {
            return BaiLockboxReader.read(text);
        }
        return CsvLockboxReader.read(text);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}

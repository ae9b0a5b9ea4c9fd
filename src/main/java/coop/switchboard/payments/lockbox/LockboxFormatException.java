package coop.switchboard.payments.lockbox;

/**
 * A lockbox or remittance file that cannot be read or does not add up: a malformed record, an unknown record type, a
 * bad number or date, or a control total, count or record count that disagrees with the records it covers. The whole
 * file is rejected; the message is {@code "line 12: "} followed by the {@link #reason()}.
 */
public final class LockboxFormatException extends IllegalArgumentException {

    private final int line;
    private final String reason;

    public LockboxFormatException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based line of the file where the problem is (for a control total, the trailer's line). */
    public int line() {
        return line;
    }

    /** What is wrong, in plain English, without the line number. */
    public String reason() {
        return reason;
    }
}

package coop.switchboard.shared;

/**
 * A file Switchboard will not read (a bank's NACHA or lockbox file, a Green Button export): {@link #line()} is the
 * 1-based line of the problem (0 or less when it cannot be told) and {@link #reason()} says in plain English what is
 * wrong. The message is {@code "line 12: "} followed by the reason.
 */
public abstract class FileFormatException extends IllegalArgumentException {
    private final int line;
    private final String reason;

    protected FileFormatException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based line of the file where the problem is (for a control total, the trailer's line). */
    public int line() {
        return line;
    }

    /** What is wrong, without the line number. */
    public String reason() {
        return reason;
    }
}

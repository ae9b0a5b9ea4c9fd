package coop.switchboard.payments.ach;

/**
 * A NACHA file that Switchboard will not read: {@link #line()} is the 1-based line of the offending record (in a file
 * written as one long line, the record's position) and {@link #reason()} says in plain English what is wrong with it.
 */
public final class NachaFormatException extends IllegalArgumentException {
    private final int line;
    private final String reason;

    public NachaFormatException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}

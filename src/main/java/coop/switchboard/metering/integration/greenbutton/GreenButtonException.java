package coop.switchboard.metering.integration.greenbutton;

/**
 * A Green Button file that cannot be read: malformed XML, a missing or non-numeric required element, or an
 * IntervalBlock whose units cannot be known. The message starts with the line of the file where the problem is.
 */
public final class GreenButtonException extends IllegalArgumentException {

    private final int line;

    public GreenButtonException(int line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    GreenButtonException(int line, String message, Throwable cause) {
        this(line, message);
        initCause(cause);
    }

    /** The 1-based line in the file, or -1 when the parser could not tell. */
    public int line() {
        return line;
    }
}

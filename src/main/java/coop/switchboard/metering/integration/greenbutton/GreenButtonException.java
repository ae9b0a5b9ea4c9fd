package coop.switchboard.metering.integration.greenbutton;

import coop.switchboard.shared.FileFormatException;

/**
 * A Green Button file that cannot be read: malformed XML, a missing or non-numeric required element, or an
 * IntervalBlock whose units cannot be known. The message starts with the line of the file where the problem is.
 */
public final class GreenButtonException extends FileFormatException {

    public GreenButtonException(int line, String message) {
        super(line, message);
    }

    GreenButtonException(int line, String message, Throwable cause) {
        this(line, message);
        initCause(cause);
    }
}

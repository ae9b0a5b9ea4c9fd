package coop.switchboard.payments.ach;

import coop.switchboard.shared.FileFormatException;

/**
 * A NACHA file that Switchboard will not read: {@link #line()} is the 1-based line of the offending record (in a file
 * written as one long line, the record's position) and {@link #reason()} says in plain English what is wrong with it.
 */
public final class NachaFormatException extends FileFormatException {
    public NachaFormatException(int line, String reason) {
        super(line, reason);
    }
}

package coop.switchboard.payments.lockbox;

import coop.switchboard.shared.FileFormatException;

/**
 * A lockbox or remittance file that cannot be read or does not add up: a malformed record, an unknown record type, a
 * bad number or date, or a control total, count or record count that disagrees with the records it covers. The whole
 * file is rejected; the message is {@code "line 12: "} followed by the {@link #reason()}.
 */
public final class LockboxFormatException extends FileFormatException {
    public LockboxFormatException(int line, String reason) {
        super(line, reason);
    }
}

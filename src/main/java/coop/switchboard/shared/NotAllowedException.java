package coop.switchboard.shared;

/**
 * The signed-in person's roles do not allow this (a CSR reversing yesterday's payment, say). A 403 on the API; the
 * console says what they may do instead.
 */
public class NotAllowedException extends RuntimeException {
    public NotAllowedException(String message) {
        super(message);
    }
}

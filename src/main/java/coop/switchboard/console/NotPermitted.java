package coop.switchboard.console;

/**
 * A change the signed-in person's roles do not allow (tariffs, cycles and read exceptions are changed by BILLING and
 * ADMIN; everyone may read them). Rendered by {@link NotPermittedPage} as a 403 page that says what they can still do.
 */
final class NotPermitted extends RuntimeException {
    private final String stillAllowed;
    private final String backPath;
    private final String backLabel;

    NotPermitted(String message, String stillAllowed, String backPath, String backLabel) {
        super(message, null, false, false);
        this.stillAllowed = stillAllowed;
        this.backPath = backPath;
        this.backLabel = backLabel;
    }

    String stillAllowed() {
        return stillAllowed;
    }

    String backPath() {
        return backPath;
    }

    String backLabel() {
        return backLabel;
    }
}

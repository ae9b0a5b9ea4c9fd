package coop.switchboard.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every problem with a piece of input, each naming its field, and throws them together, so a
 * form shows all its mistakes at once and nothing is saved until all are mended.
 */
public final class InputChecks {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private final List<InvalidInputException.Violation> violations = new ArrayList<>();

    public InputChecks required(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
        }
        return this;
    }

    public InputChecks required(String field, Object value) {
        if (value == null) {
            add(field, "is required");
        }
        return this;
    }

    public InputChecks maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters");
        }
        return this;
    }

    public InputChecks email(String field, String value) {
        if (value != null && !value.isBlank() && !EMAIL.matcher(value.trim()).matches()) {
            add(field, "is not an email address");
        }
        return this;
    }

    /** A North American phone number: ten digits once punctuation is removed (a leading 1 is allowed). */
    public InputChecks phone(String field, String value) {
        if (value != null && !value.isBlank() && Phones.digits(value) == null) {
            add(field, "must be a 10-digit phone number");
        }
        return this;
    }

    public InputChecks check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return this;
    }

    public InputChecks add(String field, String message) {
        violations.add(new InvalidInputException.Violation(field, message));
        return this;
    }

    public boolean hasProblems() {
        return !violations.isEmpty();
    }

    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}

package coop.switchboard.shared;

import java.util.List;

/**
 * Input that cannot be accepted, naming each offending field, so the console can mark the field and the API
 * can answer with a problem detail. Thrown before anything is saved.
 */
public class InvalidInputException extends RuntimeException {
    private final transient List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One field and what is wrong with it. */
    public record Violation(String field, String message) {
    }
}

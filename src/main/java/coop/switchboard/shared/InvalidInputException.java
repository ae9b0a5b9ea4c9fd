package coop.switchboard.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The first message for each field, in the order the fields were checked (what a form shows beside each input). */
    public Map<String, String> byField() {
        Map<String, String> byField = new LinkedHashMap<>();
        violations.forEach(v -> byField.putIfAbsent(v.field(), v.message()));
        return byField;
    }

    /** One field and what is wrong with it. */
    public record Violation(String field, String message) {
    }
}

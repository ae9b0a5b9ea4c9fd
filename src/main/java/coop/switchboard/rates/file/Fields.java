package coop.switchboard.rates.file;

import coop.switchboard.shared.InvalidInputException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a JSON/YAML tree while remembering where it is, so every problem is reported with the field's path
 * ({@code versions[0].components[2].blocks[1].price}) and all problems of a file are reported together.
 */
final class Fields {
    private final List<InvalidInputException.Violation> violations = new ArrayList<>();

    void fail(String path, String message) {
        violations.add(new InvalidInputException.Violation(path, message));
    }

    boolean failed() {
        return !violations.isEmpty();
    }

    int count() {
        return violations.size();
    }

    void throwIfFailed() {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String at(String path, int index) {
        return path + "[" + index + "]";
    }

    static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    String text(JsonNode node, String path, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                fail(at(path, field), "is required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            fail(at(path, field), "must be text");
            return null;
        }
        String s = v.asString().trim();
        if (s.isEmpty() && required) {
            fail(at(path, field), "is required");
            return null;
        }
        return s;
    }

    BigDecimal decimal(JsonNode node, String path, String field, boolean required, int maxScale, boolean allowNegative) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                fail(at(path, field), "is required");
            }
            return null;
        }
        return decimal(v, at(path, field), maxScale, allowNegative);
    }

    BigDecimal decimal(JsonNode v, String path, int maxScale, boolean allowNegative) {
        BigDecimal d;
        try {
            d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asString().trim().replace(",", "").replace("$", ""));
        } catch (NumberFormatException e) {
            fail(path, "must be a number, not '" + v.asString() + "'");
            return null;
        }
        d = d.stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        if (d.scale() > maxScale) {
            fail(path, "has more than " + maxScale + " decimals (" + d.toPlainString() + ")");
            return null;
        }
        if (!allowNegative && d.signum() < 0) {
            fail(path, "must not be negative");
            return null;
        }
        return d;
    }

    Integer integer(JsonNode node, String path, String field, Integer fallback, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() && !(v.isString() && v.asString().trim().matches("-?\\d+"))) {
            fail(at(path, field), "must be a whole number");
            return fallback;
        }
        int i = v.isIntegralNumber() ? v.asInt() : Integer.parseInt(v.asString().trim());
        if (i < min || i > max) {
            fail(at(path, field), "must be from " + min + " to " + max);
            return fallback;
        }
        return i;
    }

    <T> T choice(JsonNode node, String path, String field, T fallback, Function<String, T> parse) {
        String s = text(node, path, field, false);
        if (s == null) {
            return fallback;
        }
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            fail(at(path, field), e.getMessage());
            return fallback;
        }
    }

    List<JsonNode> list(JsonNode node, String path, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                fail(at(path, field), "is required");
            }
            return List.of();
        }
        if (!v.isArray()) {
            fail(at(path, field), "must be a list");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        v.forEach(items::add);
        return items;
    }

    List<Map.Entry<String, JsonNode>> map(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isObject()) {
            fail(at(path, field), "must be a map of name: value");
            return List.of();
        }
        return new ArrayList<>(v.properties());
    }

    /** Names of fields present in an object that the reader does not know: reported, never silently dropped. */
    void onlyKnown(JsonNode node, String path, java.util.Set<String> known) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!known.contains(e.getKey())) {
                fail(at(path, e.getKey()), "is not a field here (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}

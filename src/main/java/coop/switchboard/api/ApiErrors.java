package coop.switchboard.api;

import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotAllowedException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every API error as an RFC 9457 problem detail; input errors list each field with what is wrong with it. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {
    static final URI INVALID = URI.create("https://switchboard.coop/problems/invalid-input");

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return invalid(e.violations().stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return p;
    }

    @ExceptionHandler(NotAllowedException.class)
    ProblemDetail notAllowed(NotAllowedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        p.setTitle("Not allowed");
        return p;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(Map.of("field", e.getName(), "message", "is not a valid value: '" + e.getValue() + "'")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return invalid(List.of(Map.of("field", e.getParameterName(), "message", "is required")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException j && !j.getPath().isEmpty()) {
            String field = j.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return invalid(List.of(Map.of("field", field, "message", "has a value of the wrong type or an unknown value")));
        }
        return invalid(List.of(Map.of("field", "body", "message", "is not valid JSON")));
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(m -> m.get("field") + " " + m.get("message")).collect(Collectors.joining("; ")));
        p.setType(INVALID);
        p.setTitle("Invalid input");
        p.setProperty("errors", errors);
        return p;
    }
}

package io.servicequality.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.ConstraintViolation;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * One entry of a problem's {@code errors} extension, and of a rejected batch item's {@code errors}.
 *
 * @param field the JSON path of the offending field ({@code servqual.reliability.expectation}); absent when the
 *     problem concerns the request as a whole
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String field, String message) {

    /** By field (a problem of the whole request first), then message: the order clients see. */
    public static final Comparator<FieldProblem> ORDER = Comparator.comparing(
                    FieldProblem::field, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(FieldProblem::message);

    /** Bean Validation's violations, named by their property path, in a stable order. */
    public static List<FieldProblem> of(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(violation -> {
                    String path = violation.getPropertyPath().toString();
                    return new FieldProblem(path.isEmpty() ? null : path, violation.getMessage());
                })
                .sorted(ORDER)
                .toList();
    }

    /** A value of the wrong type or a body that is not JSON, named by the path Jackson reports. */
    public static FieldProblem of(JacksonException ex) {
        String path = pathOf(ex);
        if (path.isEmpty()) {
            return new FieldProblem(null, "is not valid JSON");
        }
        return new FieldProblem(path, expectationFor(ex));
    }

    /** {@code servqual.reliability.expectation} or {@code items[2].csat}, from Jackson's reference chain. */
    private static String pathOf(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expectationFor(JacksonException ex) {
        if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expectationFor(mismatch.getTargetType());
        }
        return "has the wrong type or format";
    }

    /** What a value of {@code type} must look like, in words a client can show next to the field. */
    public static String expectationFor(Class<?> type) {
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant, e.g. 2026-11-20T00:00:00Z";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type.isRecord()) {
            return "must be a JSON object";
        }
        if (List.class.isAssignableFrom(type)) {
            return "must be a JSON array";
        }
        return "has the wrong type or format";
    }
}

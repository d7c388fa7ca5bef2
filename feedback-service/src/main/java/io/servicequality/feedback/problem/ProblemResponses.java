package io.servicequality.feedback.problem;

import io.servicequality.feedback.eventlog.EventLogUnavailableException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns every failure into {@code application/problem+json} with a stable type; a 500 never echoes a message. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://servicequality.io/problems/";
    static final URI VALIDATION_FAILED = URI.create(TYPE_BASE + "validation-failed");
    static final URI MALFORMED_REQUEST = URI.create(TYPE_BASE + "malformed-request");
    static final URI NOT_FOUND = URI.create(TYPE_BASE + "not-found");
    static final URI DEPENDENCY_UNAVAILABLE = URI.create(TYPE_BASE + "dependency-unavailable");
    static final URI INTERNAL_ERROR = URI.create(TYPE_BASE + "internal-error");

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError fieldError
                        ? new FieldProblem(fieldError.getField(), fieldError.getDefaultMessage())
                        : new FieldProblem(null, error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(FieldProblem::message))
                .toList();
        String detail = errors.stream()
                .map(e -> e.field() == null ? e.message() : e.field() + " " + e.message())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, "Validation failed", detail);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Optional<JacksonException> jackson = causeOfType(ex, JacksonException.class);
        String field = jackson.map(ProblemResponses::pathOf)
                .filter(path -> !path.isEmpty())
                .orElse(null);
        ProblemDetail problem;
        if (field != null) {
            String message = expectationFor(jackson.get());
            problem = problem(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request", field + " " + message);
            problem.setProperty("errors", List.of(new FieldProblem(field, message)));
        } else {
            problem = problem(
                    HttpStatus.BAD_REQUEST,
                    MALFORMED_REQUEST,
                    "Malformed request",
                    "The request body is missing or is not valid JSON.");
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName()
                : Optional.ofNullable(ex.getPropertyName()).orElse("value");
        String message = ex.getRequiredType() == null ? "has the wrong type" : expectationFor(ex.getRequiredType());
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request", field + " " + message);
        problem.setProperty("errors", List.of(new FieldProblem(field, message)));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> eventLogUnavailable(EventLogUnavailableException ex) {
        log.warn("Answering 503: {}", ex.getMessage(), ex.getCause());
        long seconds = Math.max(1, ex.retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        DEPENDENCY_UNAVAILABLE,
                        "Dependency unavailable",
                        "The event log did not confirm the write; nothing was accepted. Retry with the same eventId."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        log.error("Unexpected failure", ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        INTERNAL_ERROR,
                        "Internal error",
                        "An unexpected error occurred."));
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
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

    private static String expectationFor(Class<?> type) {
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2026-11-20T09:15:00Z";
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
        return "has the wrong type or format";
    }

    private static <T extends Throwable> Optional<T> causeOfType(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}

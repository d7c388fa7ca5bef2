package io.servicequality.web.problem;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The problems a feature raises itself, as exceptions {@link ProblemDetailsAdvice} answers as they are: each carries
 * its status, a stable {@code type}, a title and a detail a client may show; validation problems name each field under
 * {@code errors}.
 */
public final class Problems {

    private Problems() {}

    /** 400 {@code validation-failed} naming one field (or, with a {@code null} field, the request as a whole). */
    public static ErrorResponseException validationFailed(String field, String message) {
        return validationFailed(List.of(new FieldProblem(field, message)));
    }

    /** 400 {@code validation-failed} naming each field, in the order given. */
    public static ErrorResponseException validationFailed(List<FieldProblem> errors) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, validationProblem(errors), null);
    }

    /** 404 {@code not-found}. */
    public static ErrorResponseException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", detail);
    }

    /** 409 {@code conflict}: the request contradicts what is stored, e.g. a code another branch already has. */
    public static ErrorResponseException conflict(String field, String message) {
        List<FieldProblem> errors = List.of(new FieldProblem(field, message));
        ErrorResponseException conflict = of(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detailOf(errors));
        conflict.getBody().setProperty("errors", errors);
        return conflict;
    }

    /** 413 {@code payload-too-large}: nothing was done. */
    public static ErrorResponseException payloadTooLarge(String detail) {
        return of(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", detail);
    }

    /** 429 {@code rate-limited}: nothing was done; {@code Retry-After} says when to try again. */
    public static ErrorResponseException rateLimited(String detail, Duration retryAfter) {
        return retryAfter(
                of(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too many requests", detail), retryAfter);
    }

    /**
     * 503 {@code dependency-unavailable}: a store or the broker did not answer; {@code detail} says whether anything was
     * done, {@code Retry-After} when to try again.
     */
    public static ErrorResponseException dependencyUnavailable(String detail, Duration retryAfter, Throwable cause) {
        ErrorResponseException unavailable = new ErrorResponseException(
                HttpStatus.SERVICE_UNAVAILABLE,
                body(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ProblemTypes.DEPENDENCY_UNAVAILABLE,
                        "Dependency unavailable",
                        detail),
                cause);
        return retryAfter(unavailable, retryAfter);
    }

    /** Any other problem: a feature's own {@code type} ({@link ProblemTypes#of}), title and detail. */
    public static ErrorResponseException of(HttpStatus status, URI type, String title, String detail) {
        return new ErrorResponseException(status, body(status, type, title, detail), null);
    }

    static ProblemDetail validationProblem(List<FieldProblem> errors) {
        ProblemDetail problem =
                body(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "Validation failed", detailOf(errors));
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * The body of a problem, for an exception of a feature's own that extends {@link ErrorResponseException} (and adds
     * properties, e.g. the current status of the aggregate that refused an action).
     */
    public static ProblemDetail body(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /**
     * The trace id of the request being answered, when it is traced (Micrometer Tracing keeps it in the logging MDC):
     * a problem carries it as {@code traceId}, so that the one line a client reports leads to the trace and the logs.
     */
    public static Optional<String> currentTraceId() {
        return Optional.ofNullable(MDC.get("traceId")).filter(id -> !id.isBlank());
    }

    /** {@code "branchId must not be blank; to must be after from"}: readable without the {@code errors} list. */
    static String detailOf(List<FieldProblem> errors) {
        return errors.stream()
                .map(error -> error.field() == null ? error.message() : error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
    }

    /** Sets {@code Retry-After} on {@code problem}, in whole seconds (at least one), and returns it. */
    public static ErrorResponseException retryAfter(ErrorResponseException problem, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problem;
    }
}

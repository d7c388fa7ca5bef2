package io.servicequality.feedback.problem;

import io.servicequality.feedback.eventlog.EventLogUnavailableException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
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

/** Turns every failure into {@code application/problem+json} with a stable type; a 500 never echoes a message. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://servicequality.io/problems/";
    static final URI VALIDATION_FAILED = URI.create(TYPE_BASE + "validation-failed");
    static final URI MALFORMED_REQUEST = URI.create(TYPE_BASE + "malformed-request");
    static final URI NOT_FOUND = URI.create(TYPE_BASE + "not-found");
    static final URI DEPENDENCY_UNAVAILABLE = URI.create(TYPE_BASE + "dependency-unavailable");
    static final URI INTERNAL_ERROR = URI.create(TYPE_BASE + "internal-error");
    static final URI PAYLOAD_TOO_LARGE = URI.create(TYPE_BASE + "payload-too-large");
    static final URI RATE_LIMITED = URI.create(TYPE_BASE + "rate-limited");
    static final URI IDEMPOTENCY_KEY_REUSED = URI.create(TYPE_BASE + "idempotency-key-reused");
    static final URI REQUEST_IN_PROGRESS = URI.create(TYPE_BASE + "request-in-progress");

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError fieldError
                        ? new FieldProblem(fieldError.getField(), fieldError.getDefaultMessage())
                        : new FieldProblem(null, error.getDefaultMessage()))
                .sorted(FieldProblem.ORDER)
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
        Optional<PayloadTooLargeException> tooLarge = causeOfType(ex, PayloadTooLargeException.class);
        if (tooLarge.isPresent()) {
            return handleExceptionInternal(
                    ex, tooLarge(tooLarge.get()), headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        FieldProblem field = causeOfType(ex, JacksonException.class)
                .map(FieldProblem::of)
                .filter(problem -> problem.field() != null)
                .orElse(null);
        ProblemDetail problem;
        if (field != null) {
            problem = problem(
                    HttpStatus.BAD_REQUEST,
                    MALFORMED_REQUEST,
                    "Malformed request",
                    field.field() + " " + field.message());
            problem.setProperty("errors", List.of(field));
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
        String message =
                ex.getRequiredType() == null ? "has the wrong type" : FieldProblem.expectationFor(ex.getRequiredType());
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
    ResponseEntity<ProblemDetail> badRequest(BadRequestException ex) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, "Validation failed", ex.getMessage());
        problem.setProperty("errors", List.of(ex.problem()));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException ex) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(ex));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> retryLater(RetryLaterException ex) {
        long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
        ResponseEntity.BodyBuilder response;
        ProblemDetail problem;
        if (ex.reason() == RetryLaterException.Reason.RATE_LIMITED) {
            response = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS);
            problem = problem(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, "Too many requests", ex.getMessage());
        } else {
            log.warn("Answering 503: {}", ex.getMessage(), ex.getCause());
            response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
            problem = problem(
                    HttpStatus.SERVICE_UNAVAILABLE, DEPENDENCY_UNAVAILABLE, "Dependency unavailable", ex.getMessage());
        }
        return response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
        if (ex.kind() == ConflictException.Kind.IDEMPOTENCY_KEY_REUSED) {
            return ResponseEntity.unprocessableContent()
                    .body(problem(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            IDEMPOTENCY_KEY_REUSED,
                            "Idempotency-Key reused",
                            ex.getMessage()));
        }
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(HttpStatus.CONFLICT, REQUEST_IN_PROGRESS, "Request in progress", ex.getMessage()));
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

    private static ProblemDetail tooLarge(PayloadTooLargeException ex) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, PAYLOAD_TOO_LARGE, "Payload too large", ex.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
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

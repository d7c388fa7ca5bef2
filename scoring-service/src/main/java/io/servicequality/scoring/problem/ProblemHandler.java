package io.servicequality.scoring.problem;

import java.net.URI;
import java.util.List;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    static final String TYPE_BASE = "https://servicequality.io/problems/";

    /** One offending field of a request. */
    record FieldProblem(String field, String message) {}

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), messageOf(error)))
                .toList();
        return handleExceptionInternal(ex, validationFailed(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error ->
                                new FieldProblem(result.getMethodParameter().getParameterName(), messageOf(error))))
                .toList();
        return handleExceptionInternal(ex, validationFailed(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        var errors = List.of(new FieldProblem(ex.getParameterName(), "is required"));
        return handleExceptionInternal(ex, validationFailed(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = List.of(new FieldProblem(ex.getPropertyName(), "has an invalid format"));
        return handleExceptionInternal(ex, validationFailed(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request body is not valid JSON.");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ProblemDetail dependencyUnavailable(DataAccessResourceFailureException ex) {
        log.warn("store unavailable: {}", ex.toString());
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "dependency-unavailable",
                "A service this request depends on is unavailable; try again shortly.");
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ProblemDetail stateNotQueryable(InvalidStateStoreException ex) {
        log.info("counting state not queryable now: {}", ex.toString());
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "dependency-unavailable",
                "The buckets are being restored or rebalanced; try again shortly.");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        log.error("unexpected error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred.");
    }

    /** Problems Spring builds itself (404, 405, 406, …) get a stable type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && URI.create("about:blank").equals(problem.getType())) {
            problem.setType(URI.create(TYPE_BASE + slugOf(statusCode)));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static String slugOf(HttpStatusCode statusCode) {
        if (statusCode.value() == 404) {
            return "not-found";
        }
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        return status == null
                ? "http-" + statusCode.value()
                : status.name().toLowerCase().replace('_', '-');
    }

    private static ProblemDetail validationFailed(List<FieldProblem> errors) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid or missing fields.");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** A value that could not be converted gets a plain message instead of the converter's internals. */
    private static String messageOf(MessageSourceResolvable error) {
        if (error instanceof FieldError fieldError && fieldError.isBindingFailure()) {
            return "has an invalid format";
        }
        return error.getDefaultMessage();
    }
}

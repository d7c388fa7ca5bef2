package io.servicequality.web.problem;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place where a failure becomes {@code application/problem+json}, in every service: a stable {@code type}
 * ({@link ProblemTypes}), fields named under {@code errors} ({@link FieldProblem}), {@code Retry-After} where waiting
 * helps, and never an exception's message on a 500. Ordered last, so an advice of a service or starter for its own
 * exception types (e.g. platform-security's 401/403) answers first.
 *
 * <p>A field with a value of the wrong type, in the body or in the query, is {@code validation-failed} naming the
 * field and what its value must look like; a body that is not JSON at all is {@code malformed-request}.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** The type Spring gave problems before 7.0 when none was set. */
    private static final URI BLANK = URI.create("about:blank");

    /** How long a client should wait before retrying after a store did not answer. */
    private static final String STORE_RETRY_AFTER_SECONDS = "5";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BindingResult binding = ex.getBindingResult();
        List<FieldProblem> errors = binding.getAllErrors().stream()
                .map(error -> error instanceof FieldError field
                        ? new FieldProblem(field.getField(), messageOf(field, binding))
                        : new FieldProblem(null, error.getDefaultMessage()))
                .sorted(FieldProblem.ORDER)
                .toList();
        return validationFailed(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error ->
                                new FieldProblem(result.getMethodParameter().getParameterName(), messageOf(error))))
                .toList();
        return validationFailed(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return validationFailed(ex, List.of(new FieldProblem(ex.getParameterName(), "is required")), headers, request);
    }

    /** A query or path parameter that cannot be converted: named, with what its value must look like. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName()
                : Optional.ofNullable(ex.getPropertyName()).orElse("value");
        String message = ex.getRequiredType() == null
                ? "has an invalid format"
                : FieldProblem.expectationFor(ex.getRequiredType());
        return validationFailed(ex, List.of(new FieldProblem(field, message)), headers, request);
    }

    /**
     * A body that could not be read: a problem raised while reading it (e.g. a body over the size limit) answers as
     * itself; a value of the wrong type names its field; anything else is not JSON.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Optional<ErrorResponseException> raised = causeOfType(ex, ErrorResponseException.class);
        if (raised.isPresent()) {
            return handleErrorResponseException(
                    raised.get(), raised.get().getHeaders(), raised.get().getStatusCode(), request);
        }
        Optional<JacksonException> jackson = causeOfType(ex, JacksonException.class);
        FieldProblem field = jackson.map(FieldProblem::of)
                .filter(problem -> problem.field() != null)
                .orElse(null);
        if (field != null && jackson.get() instanceof MismatchedInputException) {
            return validationFailed(ex, List.of(field), headers, request);
        }
        ProblemDetail problem = Problems.body(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_REQUEST,
                "Malformed request",
                field != null
                        ? Problems.detailOf(List.of(field))
                        : "The request body is missing or is not valid JSON.");
        if (field != null) {
            problem.setProperty("errors", List.of(field));
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A feature's own problem ({@link Problems}) answers as it is; a 5xx is logged with its cause. */
    @Override
    protected ResponseEntity<Object> handleErrorResponseException(
            ErrorResponseException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.warn("Answering {}: {}", status.value(), ex.getBody().getDetail(), ex.getCause());
        }
        return super.handleErrorResponseException(ex, headers, status, request);
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<Object> storeUnavailable(DataAccessResourceFailureException ex, WebRequest request) {
        log.warn("Store unavailable: {}", ex.toString());
        ProblemDetail problem = Problems.body(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.DEPENDENCY_UNAVAILABLE,
                "Dependency unavailable",
                "The service's store did not answer; try again shortly.");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, STORE_RETRY_AFTER_SECONDS);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    /** Never echoes the message: it may carry internals (hosts, queries, stack details). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected failure", ex);
        ProblemDetail problem = Problems.body(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL_ERROR,
                "Internal error",
                "An unexpected error occurred.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** Gives the problems Spring MVC builds itself (no route, 405, 406, 415…) a stable type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body == null && ex instanceof ErrorResponse error
                ? error.getBody()
                : body instanceof ProblemDetail detail ? detail : null;
        if (problem != null && (problem.getType() == null || BLANK.equals(problem.getType()))) {
            problem.setType(ProblemTypes.forStatus(statusCode));
        }
        if (problem != null) {
            Problems.currentTraceId().ifPresent(traceId -> problem.setProperty("traceId", traceId));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private ResponseEntity<Object> validationFailed(
            Exception ex, List<FieldProblem> errors, HttpHeaders headers, WebRequest request) {
        return handleExceptionInternal(
                ex, Problems.validationProblem(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A value that could not be converted says what it must look like, not the converter's internals. */
    private static String messageOf(FieldError error, BindingResult binding) {
        if (!error.isBindingFailure()) {
            return error.getDefaultMessage();
        }
        Class<?> type = binding.getFieldType(error.getField());
        return type == null ? "has an invalid format" : FieldProblem.expectationFor(type);
    }

    private static String messageOf(MessageSourceResolvable error) {
        if (error instanceof FieldError field && field.isBindingFailure()) {
            return "has an invalid format";
        }
        return error.getDefaultMessage();
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

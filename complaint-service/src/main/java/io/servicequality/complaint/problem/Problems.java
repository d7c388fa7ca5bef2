package io.servicequality.complaint.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Problems a feature raises itself; each carries a stable {@code type}. */
public final class Problems {

    private Problems() {}

    /** 400 {@code validation-failed}, naming each field (in the order given) with what is wrong with it. */
    public static ErrorResponseException validationFailed(Map<String, String> messagesByField) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "Invalid " + String.join(", ", messagesByField.keySet()));
        problem.setType(ProblemTypes.VALIDATION_FAILED);
        problem.setTitle("Validation failed");
        List<Map<String, String>> errors = messagesByField.entrySet().stream()
                .map(entry -> Map.of("field", entry.getKey(), "message", entry.getValue()))
                .toList();
        problem.setProperty("errors", errors);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** 404 {@code not-found}. */
    public static ErrorResponseException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", detail);
    }

    public static ErrorResponseException of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}

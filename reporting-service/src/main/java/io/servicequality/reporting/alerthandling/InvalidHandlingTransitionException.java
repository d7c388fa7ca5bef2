package io.servicequality.reporting.alerthandling;

import io.servicequality.contracts.AlertHandlingChanged.HandlingStatus;
import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The action is not allowed in the alert's current handling status (409 {@code invalid-transition}); nothing changed. */
class InvalidHandlingTransitionException extends ErrorResponseException {

    InvalidHandlingTransitionException(String action, HandlingStatus status, String why) {
        super(HttpStatus.CONFLICT, problem(action, status, why), null);
    }

    private static ProblemDetail problem(String action, HandlingStatus status, String why) {
        ProblemDetail problem = Problems.body(
                HttpStatus.CONFLICT,
                ProblemTypes.INVALID_TRANSITION,
                "Invalid transition",
                "Cannot " + action + " an alert that is " + status + (why == null ? "" : ": " + why));
        problem.setProperty("action", action);
        problem.setProperty("currentStatus", status.name());
        return problem;
    }
}

package io.servicequality.complaint.lifecycle;

import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The action is not allowed in the complaint's current state (409); nothing changed. */
class InvalidTransitionException extends ErrorResponseException {

    InvalidTransitionException(String action, ComplaintStatus status, String why) {
        super(HttpStatus.CONFLICT, problem(action, status, why), null);
    }

    private static ProblemDetail problem(String action, ComplaintStatus status, String why) {
        ProblemDetail problem = Problems.body(
                HttpStatus.CONFLICT,
                ProblemTypes.INVALID_TRANSITION,
                "Invalid transition",
                "Cannot " + action + " a complaint that is " + status + (why == null ? "" : ": " + why));
        problem.setProperty("action", action);
        problem.setProperty("currentStatus", status.name());
        return problem;
    }
}

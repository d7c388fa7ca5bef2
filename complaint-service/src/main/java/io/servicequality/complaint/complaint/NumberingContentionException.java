package io.servicequality.complaint.complaint;

import io.servicequality.complaint.problem.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Every attempt to take the next serial lost to a concurrent opening in the same branch and month. Nothing was
 * stored; the caller may simply retry.
 */
class NumberingContentionException extends ErrorResponseException {

    NumberingContentionException(String branchId, int attempts) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(branchId, attempts), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
    }

    private static ProblemDetail problem(String branchId, int attempts) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Too many complaints opened at once for branch " + branchId + " (" + attempts
                        + " attempts); nothing was stored, please retry");
        problem.setType(ProblemTypes.NUMBERING_CONTENTION);
        problem.setTitle("Numbering contention");
        return problem;
    }
}

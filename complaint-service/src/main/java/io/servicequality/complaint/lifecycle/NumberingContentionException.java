package io.servicequality.complaint.lifecycle;

import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Every attempt to take the next serial lost to a concurrent opening in the same branch and month. Nothing was
 * stored; the caller may simply retry.
 */
class NumberingContentionException extends ErrorResponseException {

    NumberingContentionException(String branchId, int attempts) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                Problems.body(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ProblemTypes.of("numbering-contention"),
                        "Numbering contention",
                        "Too many complaints opened at once for branch " + branchId + " (" + attempts
                                + " attempts); nothing was stored, please retry"),
                null);
        Problems.retryAfter(this, Duration.ofSeconds(1));
    }
}

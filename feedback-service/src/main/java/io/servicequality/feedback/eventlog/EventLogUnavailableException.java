package io.servicequality.feedback.eventlog;

import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The broker did not acknowledge an event in time, answered as 503 {@code dependency-unavailable} with
 * {@code Retry-After}. The event may or may not have been written; appending it again with the same event id is safe
 * because consumers deduplicate by event id.
 */
public class EventLogUnavailableException extends ErrorResponseException {

    public EventLogUnavailableException(String topic, Duration retryAfter, Throwable cause) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                Problems.body(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ProblemTypes.DEPENDENCY_UNAVAILABLE,
                        "Dependency unavailable",
                        "The event log did not confirm the write; nothing was accepted. Retry with the same"
                                + " eventId."),
                cause);
        Problems.retryAfter(this, retryAfter);
    }
}

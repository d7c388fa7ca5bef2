package io.servicequality.feedback.eventlog;

import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The broker did not acknowledge an event in time, answered as 503 {@code dependency-unavailable} with
 * {@code Retry-After}. The answer says what is known — {@code outcome} {@link WriteOutcome#UNKNOWN} (the event may still
 * be written) or {@link WriteOutcome#NOT_WRITTEN} — and carries the event's {@code eventId}, also when the server made
 * it up, so that the client's retry with it is counted once whichever way this attempt ended.
 */
public class EventLogUnavailableException extends ErrorResponseException {

    private final transient UUID eventId;
    private final WriteOutcome outcome;

    public EventLogUnavailableException(UUID eventId, WriteOutcome outcome, Duration retryAfter, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(eventId, outcome), cause);
        this.eventId = eventId;
        this.outcome = outcome;
        Problems.retryAfter(this, retryAfter);
    }

    public UUID eventId() {
        return eventId;
    }

    public WriteOutcome outcome() {
        return outcome;
    }

    private static ProblemDetail problem(UUID eventId, WriteOutcome outcome) {
        ProblemDetail problem = Problems.body(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.DEPENDENCY_UNAVAILABLE,
                "Dependency unavailable",
                detail(outcome) + " Retry with eventId " + eventId
                        + ": an event is counted once however often it is sent with the same eventId.");
        problem.setProperty("eventId", eventId);
        problem.setProperty("outcome", outcome);
        return problem;
    }

    /** What a 503 can say about the events it answers for. */
    public static String detail(WriteOutcome outcome) {
        return outcome == WriteOutcome.NOT_WRITTEN
                ? "The event log could not be reached; nothing was written."
                : "The event log did not confirm the write in time, so it may or may not have been written.";
    }
}

package io.servicequality.feedback.problem;

import java.time.Duration;

/**
 * The request was refused for now and nothing was accepted: over the tenant's quota (429) or a dependency is
 * unavailable (503). Both tell the client when to try again.
 */
public class RetryLaterException extends RuntimeException {

    /** Why the request must wait; each reason has its own status and problem type. */
    public enum Reason {
        RATE_LIMITED,
        DEPENDENCY_UNAVAILABLE
    }

    private final Reason reason;
    private final transient Duration retryAfter;

    public RetryLaterException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

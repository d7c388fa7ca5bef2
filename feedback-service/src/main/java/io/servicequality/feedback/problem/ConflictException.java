package io.servicequality.feedback.problem;

/**
 * The request conflicts with one the service already has: the same Idempotency-Key with another body (422), or with
 * the first request still in flight (409).
 */
public class ConflictException extends RuntimeException {

    /** Which conflict; each has its own status and problem type. */
    public enum Kind {
        IDEMPOTENCY_KEY_REUSED,
        REQUEST_IN_PROGRESS
    }

    private final Kind kind;

    public ConflictException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

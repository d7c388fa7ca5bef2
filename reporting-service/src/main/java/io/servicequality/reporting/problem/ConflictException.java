package io.servicequality.reporting.problem;

/** The request conflicts with the current state (409), e.g. a code another branch already has. */
public class ConflictException extends RuntimeException {

    private final String field;
    private final String reason;

    public ConflictException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}

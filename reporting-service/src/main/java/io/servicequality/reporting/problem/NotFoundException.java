package io.servicequality.reporting.problem;

/** What the request names does not exist (404). The message is shown to the caller: keep internals out of it. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}

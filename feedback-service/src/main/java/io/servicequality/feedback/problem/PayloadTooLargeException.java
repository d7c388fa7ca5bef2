package io.servicequality.feedback.problem;

/** The body, or the number of items in a batch, exceeds the configured limit: answered with 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}

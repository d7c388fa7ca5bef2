package io.servicequality.feedback.eventlog;

/**
 * A consumed event that can never be processed (a required field is missing). Retrying cannot help, so it goes
 * straight to the dead-letter topic.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}

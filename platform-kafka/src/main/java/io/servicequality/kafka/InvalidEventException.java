package io.servicequality.kafka;

/**
 * A consumed event that can never be processed (a required field missing, a value out of range). Retrying cannot
 * help, so {@link ListenerFailurePolicy} sends its record to the dead-letter topic at once. Each service's invalid-event
 * exceptions extend it.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}

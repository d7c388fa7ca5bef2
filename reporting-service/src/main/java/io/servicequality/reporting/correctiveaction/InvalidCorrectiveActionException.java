package io.servicequality.reporting.correctiveaction;

import io.servicequality.kafka.InvalidEventException;

/** A corrective-action event that can never be applied; it goes straight to the dead letters. */
public class InvalidCorrectiveActionException extends InvalidEventException {

    InvalidCorrectiveActionException(String message) {
        super(message);
    }
}

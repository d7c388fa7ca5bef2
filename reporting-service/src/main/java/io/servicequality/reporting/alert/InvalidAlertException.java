package io.servicequality.reporting.alert;

import io.servicequality.kafka.InvalidEventException;

/** An alert event that can never be applied; it goes straight to the dead letters. */
public class InvalidAlertException extends InvalidEventException {

    InvalidAlertException(String message) {
        super(message);
    }
}

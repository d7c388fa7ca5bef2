package io.servicequality.reporting.complaint;

import io.servicequality.kafka.InvalidEventException;

/** A complaint event that can never be applied; it goes straight to the dead letters. */
public class InvalidComplaintEventException extends InvalidEventException {

    InvalidComplaintEventException(String message) {
        super(message);
    }
}

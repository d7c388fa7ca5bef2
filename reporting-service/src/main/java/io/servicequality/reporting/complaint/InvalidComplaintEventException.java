package io.servicequality.reporting.complaint;

/** A complaint event that can never be applied; it goes straight to the dead letters. */
public class InvalidComplaintEventException extends RuntimeException {

    InvalidComplaintEventException(String message) {
        super(message);
    }
}

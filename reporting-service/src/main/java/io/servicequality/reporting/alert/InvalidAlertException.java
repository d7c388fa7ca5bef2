package io.servicequality.reporting.alert;

/** An alert event that can never be applied; it goes straight to the dead letters. */
public class InvalidAlertException extends RuntimeException {

    InvalidAlertException(String message) {
        super(message);
    }
}

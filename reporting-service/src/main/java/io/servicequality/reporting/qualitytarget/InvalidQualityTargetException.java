package io.servicequality.reporting.qualitytarget;

/** A quality-target event that can never be applied; it goes straight to the dead letters. */
public class InvalidQualityTargetException extends RuntimeException {

    InvalidQualityTargetException(String message) {
        super(message);
    }
}

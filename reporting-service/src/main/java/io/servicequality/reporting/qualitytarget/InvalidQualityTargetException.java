package io.servicequality.reporting.qualitytarget;

import io.servicequality.kafka.InvalidEventException;

/** A quality-target event that can never be applied; it goes straight to the dead letters. */
public class InvalidQualityTargetException extends InvalidEventException {

    InvalidQualityTargetException(String message) {
        super(message);
    }
}

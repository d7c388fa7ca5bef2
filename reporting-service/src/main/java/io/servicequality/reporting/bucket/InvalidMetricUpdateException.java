package io.servicequality.reporting.bucket;

import io.servicequality.kafka.InvalidEventException;

/** A metric update that can never be applied; retrying it is pointless, so it goes straight to the dead letters. */
public class InvalidMetricUpdateException extends InvalidEventException {

    InvalidMetricUpdateException(String message) {
        super(message);
    }
}

package io.servicequality.reporting.bucket;

/** A metric update that can never be applied; retrying it is pointless, so it goes straight to the dead letters. */
public class InvalidMetricUpdateException extends RuntimeException {

    InvalidMetricUpdateException(String message) {
        super(message);
    }
}

package io.servicequality.reporting.staff;

import io.servicequality.kafka.InvalidEventException;

/** A staff metric update that can never be applied; retrying it is pointless, so it goes straight to the dead letters. */
class InvalidStaffMetricUpdateException extends InvalidEventException {

    InvalidStaffMetricUpdateException(String message) {
        super(message);
    }
}

package io.servicequality.scoring.bucket;

import io.servicequality.kafka.InvalidEventException;

/**
 * An event that can never be counted (a required field missing, a rating out of range). Retrying cannot help, so the
 * record goes straight to the dead-letter topic.
 */
public class InvalidEvent extends InvalidEventException {

    InvalidEvent(String message) {
        super(message);
    }
}

package io.servicequality.scoring.bucket;

/**
 * An event that can never be counted (a required field missing, a rating out of range). Retrying cannot help, so the
 * record goes straight to the dead-letter topic.
 */
public class InvalidEvent extends RuntimeException {

    InvalidEvent(String message) {
        super(message);
    }
}

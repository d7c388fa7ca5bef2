package io.servicequality.scoring.quality;

/** A metric update that can never be used (a required field missing); retrying cannot help. */
public class InvalidMetricUpdate extends RuntimeException {

    InvalidMetricUpdate(String message) {
        super(message);
    }
}

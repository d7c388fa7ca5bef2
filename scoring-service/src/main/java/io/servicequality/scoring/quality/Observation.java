package io.servicequality.scoring.quality;

/** A metric's value over some statistics and the sample size behind it; {@code value} is null without data. */
record Observation(Double value, long n) {

    static final Observation NONE = new Observation(null, 0);

    boolean hasData() {
        return value != null && n > 0;
    }
}

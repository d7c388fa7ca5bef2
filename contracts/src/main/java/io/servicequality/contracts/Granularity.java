package io.servicequality.contracts;

import java.time.Duration;

/** Width of a metric bucket. Event time decides the bucket. */
public enum Granularity {
    MINUTE(Duration.ofMinutes(1)),
    HOUR(Duration.ofHours(1)),
    /** The branch's local day. */
    DAY(Duration.ofDays(1));

    private final Duration nominalLength;

    Granularity(Duration nominalLength) {
        this.nominalLength = nominalLength;
    }

    /** Length of a bucket; a local day may be 23 or 25 hours across a daylight-saving change. */
    public Duration nominalLength() {
        return nominalLength;
    }
}

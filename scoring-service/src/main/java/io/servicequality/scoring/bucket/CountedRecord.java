package io.servicequality.scoring.bucket;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One record of a counted topic, mapped.
 *
 * @param loggedAt the Kafka record's timestamp: when the event reached the log
 * @param contribution what it adds to its buckets, or {@code null} when the event counts nothing (e.g. a complaint
 *     being assigned)
 */
record CountedRecord(SourcePosition position, Instant loggedAt, UUID eventId, Contribution contribution) {

    boolean counts() {
        return contribution != null;
    }

    /** Reached the log more than {@code allowedLateness} after it happened. */
    boolean isLate(Duration allowedLateness) {
        return Duration.between(contribution.occurredAt(), loggedAt).compareTo(allowedLateness) > 0;
    }
}

package io.servicequality.feedback.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to an accepted post: the event is durable on the log.
 *
 * @param status always {@code ACCEPTED}
 * @param late the event arrived later than the allowed lateness; accepted all the same
 */
public record Accepted(UUID eventId, String status, Instant receivedAt, boolean late) {

    static Accepted of(Arrival arrival) {
        return new Accepted(arrival.eventId(), "ACCEPTED", arrival.receivedAt(), arrival.late());
    }
}

package io.servicequality.feedback.feedback;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to an accepted submission: the feedback is durable on the log.
 *
 * @param status always {@code ACCEPTED}
 */
record FeedbackAccepted(UUID eventId, String status, Instant receivedAt) {

    static FeedbackAccepted of(UUID eventId, Instant receivedAt) {
        return new FeedbackAccepted(eventId, "ACCEPTED", receivedAt);
    }
}

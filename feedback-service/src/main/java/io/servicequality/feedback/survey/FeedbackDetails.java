package io.servicequality.feedback.survey;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.ServqualRatings;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /api/v1/feedback/{eventId}} and the items of the audit list: stored feedback as accepted; unanswered
 * questions are {@code null}.
 *
 * @param late accepted after the allowed lateness
 */
record FeedbackDetails(
        UUID eventId,
        String branchId,
        Instant occurredAt,
        Instant receivedAt,
        Channel channel,
        ServqualRatings servqual,
        ImportancePoints importance,
        Integer csat,
        Integer nps,
        Integer ces,
        String comment,
        String customerRef,
        String interactionId,
        boolean late) {

    static FeedbackDetails of(FeedbackSubmitted event) {
        return new FeedbackDetails(
                event.eventId(),
                event.branchId(),
                event.occurredAt(),
                event.receivedAt(),
                event.channel(),
                event.servqual(),
                event.importance(),
                event.csat(),
                event.nps(),
                event.ces(),
                event.comment(),
                event.customerRef(),
                event.interactionId(),
                Boolean.TRUE.equals(event.late()));
    }
}

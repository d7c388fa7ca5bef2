package io.servicequality.feedback.survey;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.ServqualRatings;
import io.servicequality.feedback.paging.Cursor;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One feedback event as the log holds it: a projection of {@code sqp.feedback-submitted.v1}, one document per
 * (tenantId, eventId). Immutable: the first copy of an event wins and later copies change nothing.
 */
@Document("feedback")
@CompoundIndex(name = "tenant_event", def = "{'tenantId': 1, 'eventId': 1}", unique = true)
@CompoundIndex(name = "tenant_time", def = "{'tenantId': 1, 'occurredAt': 1, 'eventId': 1}")
@CompoundIndex(name = "tenant_branch_time", def = "{'tenantId': 1, 'branchId': 1, 'occurredAt': 1, 'eventId': 1}")
record Feedback(
        @Id String id,
        String tenantId,
        String eventId,
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
        Boolean late) {

    static Feedback of(FeedbackSubmitted event) {
        return new Feedback(
                null,
                event.tenantId(),
                event.eventId().toString(),
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
                event.late());
    }

    FeedbackDetails details() {
        return new FeedbackDetails(
                UUID.fromString(eventId),
                branchId,
                occurredAt,
                receivedAt,
                channel,
                servqual,
                importance,
                csat,
                nps,
                ces,
                comment,
                customerRef,
                interactionId,
                Boolean.TRUE.equals(late));
    }

    Cursor position() {
        return new Cursor(occurredAt, eventId);
    }
}

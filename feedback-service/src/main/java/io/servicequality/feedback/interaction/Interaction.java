package io.servicequality.feedback.interaction;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.feedback.paging.Cursor;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One interaction event as the log holds it: a projection of {@code sqp.interaction-recorded.v1}, one document per
 * (tenantId, eventId). Immutable: the first copy of an event wins and later copies change nothing.
 */
@Document("interactions")
@CompoundIndex(name = "tenant_event", def = "{'tenantId': 1, 'eventId': 1}", unique = true)
@CompoundIndex(name = "tenant_time", def = "{'tenantId': 1, 'occurredAt': 1, 'eventId': 1}")
@CompoundIndex(name = "tenant_branch_time", def = "{'tenantId': 1, 'branchId': 1, 'occurredAt': 1, 'eventId': 1}")
record Interaction(
        @Id String id,
        String tenantId,
        String eventId,
        String branchId,
        Instant occurredAt,
        Instant receivedAt,
        Channel channel,
        String agentId,
        Instant offeredAt,
        boolean answered,
        boolean abandoned,
        Integer waitSeconds,
        Integer handleSeconds,
        boolean resolvedFirstContact,
        boolean complex,
        Boolean late) {

    static Interaction of(InteractionRecorded event) {
        return new Interaction(
                null,
                event.tenantId(),
                event.eventId().toString(),
                event.branchId(),
                event.occurredAt(),
                event.receivedAt(),
                event.channel(),
                event.agentId(),
                event.offeredAt(),
                event.answered(),
                event.abandoned(),
                event.waitSeconds(),
                event.handleSeconds(),
                event.resolvedFirstContact(),
                event.complex(),
                event.late());
    }

    InteractionDetails details() {
        return new InteractionDetails(
                UUID.fromString(eventId),
                branchId,
                occurredAt,
                receivedAt,
                channel,
                agentId,
                offeredAt,
                answered,
                abandoned,
                waitSeconds,
                handleSeconds,
                resolvedFirstContact,
                complex,
                Boolean.TRUE.equals(late));
    }

    Cursor position() {
        return new Cursor(occurredAt, eventId);
    }
}

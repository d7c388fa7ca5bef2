package io.servicequality.feedback.interaction;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.InteractionRecorded;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /api/v1/interactions/{eventId}} and the items of the audit list: a stored interaction as accepted.
 *
 * @param late accepted after the allowed lateness
 */
record InteractionDetails(
        UUID eventId,
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
        boolean late) {

    static InteractionDetails of(InteractionRecorded event) {
        return new InteractionDetails(
                event.eventId(),
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
                Boolean.TRUE.equals(event.late()));
    }
}

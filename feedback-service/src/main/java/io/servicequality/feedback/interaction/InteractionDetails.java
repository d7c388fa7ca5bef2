package io.servicequality.feedback.interaction;

import io.servicequality.contracts.Channel;
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
        boolean late) {}

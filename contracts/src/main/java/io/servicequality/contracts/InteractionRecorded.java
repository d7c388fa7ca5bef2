package io.servicequality.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * One service interaction: a call, chat, e-mail or counter visit offered to the branch.
 *
 * @param waitSeconds time until answered or abandoned
 * @param handleSeconds talk plus wrap-up time; {@code null} when not answered
 * @param complex a complex case, held to the longer handle-time standard
 */
public record InteractionRecorded(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        Channel channel,
        String agentId,
        Instant offeredAt,
        boolean answered,
        boolean abandoned,
        Integer waitSeconds,
        Integer handleSeconds,
        boolean resolvedFirstContact,
        boolean complex)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;
}

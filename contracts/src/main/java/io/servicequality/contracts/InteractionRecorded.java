package io.servicequality.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * One service interaction: a call, chat, e-mail or counter visit offered to the branch.
 *
 * @param waitSeconds time until answered or abandoned
 * @param handleSeconds talk plus wrap-up time; {@code null} when not answered
 * @param complex a complex case, held to the longer handle-time standard
 * @param receivedAt when the platform accepted the event (processing time, for lateness); {@code null} from producers
 *     that predate it
 * @param late {@code true} when the event arrived later than the allowed lateness after {@code occurredAt} (default
 *     30 days); {@code null} from producers that predate the flag, which means not flagged
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
        boolean complex,
        Instant receivedAt,
        Boolean late)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;
}

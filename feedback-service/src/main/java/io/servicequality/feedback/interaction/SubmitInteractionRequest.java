package io.servicequality.feedback.interaction;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.feedback.ingest.Arrival;
import io.servicequality.feedback.ingest.BranchId;
import io.servicequality.feedback.ingest.IngestRequest;
import io.servicequality.feedback.ingest.NotFarInFuture;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /api/v1/interactions}, and each item of {@code POST /api/v1/interactions/batch}. Field names are the
 * public contract (SPEC §3).
 *
 * @param eventId the idempotency key; generated when absent. Resending the same id is safe.
 * @param offeredAt when the interaction was offered (entered the queue); not after {@code occurredAt}
 * @param waitSeconds time until answered or abandoned
 * @param handleSeconds talk plus wrap-up time; only for answered interactions
 * @param resolvedFirstContact only for answered interactions; {@code false} when absent
 * @param complex held to the longer handle-time standard; {@code false} when absent
 */
@ConsistentOutcome
record SubmitInteractionRequest(
        UUID eventId,
        @BranchId String branchId,
        @NotNull @NotFarInFuture Instant occurredAt,
        @NotNull Channel channel,
        @Size(max = 128) String agentId,
        @NotFarInFuture Instant offeredAt,
        @NotNull Boolean answered,
        @NotNull Boolean abandoned,
        @Min(0) @Max(86_400) Integer waitSeconds,
        @Min(0) @Max(86_400) Integer handleSeconds,
        Boolean resolvedFirstContact,
        Boolean complex)
        implements IngestRequest {

    /** The event this interaction becomes on the log. */
    InteractionRecorded toEvent(Arrival arrival) {
        return new InteractionRecorded(
                arrival.eventId(),
                arrival.tenantId(),
                branchId,
                occurredAt,
                InteractionRecorded.SCHEMA_VERSION,
                channel,
                agentId,
                offeredAt,
                answered,
                abandoned,
                waitSeconds,
                handleSeconds,
                Boolean.TRUE.equals(resolvedFirstContact),
                Boolean.TRUE.equals(complex),
                arrival.receivedAt(),
                arrival.late());
    }
}

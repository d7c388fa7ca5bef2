package io.servicequality.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's answers to a survey: SERVQUAL ratings and the satisfaction questions. Unanswered questions are
 * {@code null} and never enter a denominator.
 *
 * @param receivedAt when the platform accepted the event (processing time, for lateness)
 * @param csat 1–5
 * @param nps 0–10
 * @param ces 1–7
 * @param customerRef opaque, pseudonymous reference to the customer
 * @param interactionId the {@code eventId} of the {@link InteractionRecorded} the feedback is about, which attributes
 *     its CSAT and NPS to that interaction's agent (staff metrics); a value that is no event id links nothing
 * @param late {@code true} when the event arrived later than the allowed lateness after {@code occurredAt} (default
 *     30 days); {@code null} from producers that predate the flag, which means not flagged
 */
public record FeedbackSubmitted(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
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
        Boolean late)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;
}

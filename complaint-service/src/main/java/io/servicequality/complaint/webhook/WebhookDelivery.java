package io.servicequality.complaint.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message to one subscription: the signed body as it is sent on every attempt and re-send, its state and its
 * attempts. The id is derived from the subscription and the source event ({@link #idOf}), so a Kafka record delivered
 * twice finds the delivery already there instead of creating a second one, and it is the {@code webhook-id} the
 * receiver dedupes with. {@code claimedUntil}/{@code claimToken} let one instance at a time send it.
 */
@Document("webhook_messages")
@CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1}")
@CompoundIndex(name = "log", def = "{'tenantId': 1, 'createdAt': -1}")
record WebhookDelivery(
        @Id UUID deliveryId,
        String tenantId,
        String branchId,
        UUID subscriptionId,
        String eventType,
        String sourceEventId,
        String body,
        Status status,
        int attemptCount,
        List<Attempt> attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        Instant claimedUntil,
        String claimToken,
        String lastError) {

    /** The most attempts kept with a delivery (the oldest are dropped; {@code attemptCount} still counts them). */
    static final int KEPT_ATTEMPTS = 50;

    enum Status {
        /** Waiting for its first attempt or a retry at {@code nextAttemptAt}. */
        PENDING,
        /** A receiver answered 2xx. */
        DELIVERED,
        /** Out of attempts, the receiver answered 410 Gone, or its subscription is gone or disabled. */
        FAILED
    }

    /**
     * One try.
     *
     * @param statusCode the receiver's HTTP status, null when there was no answer (timeout, refused, breaker open)
     * @param error the failure's kind when there was no 2xx (the receiver's body is not kept)
     * @param resend whether an administrator asked for it
     */
    record Attempt(Instant at, Integer statusCode, long durationMillis, String error, boolean resend) {}

    /** The same source event to the same subscription always gets the same id. */
    static UUID idOf(UUID subscriptionId, String sourceEventId) {
        return UUID.nameUUIDFromBytes(
                (subscriptionId + "|" + sourceEventId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The {@code webhook-id} header: stable for the message, whichever attempt or re-send carries it. */
    String webhookId() {
        return "msg_" + deliveryId.toString().replace("-", "");
    }
}

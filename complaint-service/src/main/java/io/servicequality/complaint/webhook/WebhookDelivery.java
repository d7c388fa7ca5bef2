package io.servicequality.complaint.webhook;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One event's delivery to the webhook, keyed by the event id (a redelivered Kafka record is not sent twice once it
 * was delivered). The body is kept so that a failed delivery can be re-sent as it was. Tenant and branch are the
 * complaint's, so that the deliveries API shows each caller only its own.
 */
@Document("webhook_deliveries")
record WebhookDelivery(
        @Id UUID eventId,
        String tenantId,
        String branchId,
        String complaintId,
        String number,
        String type,
        String body,
        Status status,
        int attempts,
        String lastError,
        Instant lastAttemptAt) {

    enum Status {
        DELIVERED,
        FAILED
    }

    WebhookDelivery attempted(Status outcome, String error, Instant at) {
        return new WebhookDelivery(
                eventId, tenantId, branchId, complaintId, number, type, body, outcome, attempts + 1, error, at);
    }
}

package io.servicequality.complaint.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A tenant's endpoint and the event types it receives. The signing secret is kept to sign each delivery and shown only
 * when it is created or rotated. {@code disabledReason} says why a subscription stopped receiving when it was not an
 * administrator (the receiver answered 410 Gone).
 */
@Document("webhook_subscriptions")
record WebhookSubscription(
        @Id UUID subscriptionId,
        @Indexed String tenantId,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        String disabledReason,
        String secret,
        Instant createdAt,
        Instant updatedAt) {

    boolean receives(WebhookEventType type) {
        return enabled && eventTypes.contains(type.wireName());
    }

    WebhookSubscription changed(String newUrl, List<String> types, String newDescription, boolean on, Instant at) {
        return new WebhookSubscription(
                subscriptionId,
                tenantId,
                newUrl,
                types,
                newDescription,
                on,
                on ? null : disabledReason,
                secret,
                createdAt,
                at);
    }

    WebhookSubscription withSecret(String newSecret, Instant at) {
        return new WebhookSubscription(
                subscriptionId,
                tenantId,
                url,
                eventTypes,
                description,
                enabled,
                disabledReason,
                newSecret,
                createdAt,
                at);
    }

    WebhookSubscription disabledBecause(String reason, Instant at) {
        return new WebhookSubscription(
                subscriptionId, tenantId, url, eventTypes, description, false, reason, secret, createdAt, at);
    }
}

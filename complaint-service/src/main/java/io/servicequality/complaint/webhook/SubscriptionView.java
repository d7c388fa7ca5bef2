package io.servicequality.complaint.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it: without its secret, which only {@link CreatedSubscription} carries, once.
 *
 * @param disabledReason why it stopped receiving without an administrator turning it off (410 Gone), else null
 */
record SubscriptionView(
        UUID subscriptionId,
        @Schema(example = "https://hooks.example.com/sqp") String url,

        @Schema(example = "[\"alert.raised\", \"complaint.sla_breached\"]")
        List<String> eventTypes,

        @Schema(example = "On-call pager") String description,
        boolean enabled,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt) {

    static SubscriptionView of(WebhookSubscription subscription) {
        return new SubscriptionView(
                subscription.subscriptionId(),
                subscription.url(),
                subscription.eventTypes(),
                subscription.description(),
                subscription.enabled(),
                subscription.disabledReason(),
                subscription.createdAt(),
                subscription.updatedAt());
    }

    /**
     * A subscription with its signing secret: the answer to its creation and to a rotation, the only times the secret
     * is shown.
     */
    record CreatedSubscription(
            UUID subscriptionId,
            String url,
            List<String> eventTypes,
            String description,
            boolean enabled,
            String disabledReason,
            Instant createdAt,
            Instant updatedAt,

            @Schema(
                    description = "Standard Webhooks signing secret; shown only now",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            String secret) {

        static CreatedSubscription of(WebhookSubscription subscription) {
            return new CreatedSubscription(
                    subscription.subscriptionId(),
                    subscription.url(),
                    subscription.eventTypes(),
                    subscription.description(),
                    subscription.enabled(),
                    subscription.disabledReason(),
                    subscription.createdAt(),
                    subscription.updatedAt(),
                    subscription.secret());
        }
    }
}

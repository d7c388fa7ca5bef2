package io.servicequality.complaint.webhook;

import io.servicequality.web.webhook.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sqp.complaints.webhook}: how deliveries are sent and retried. The endpoints themselves are the tenants'
 * subscriptions ({@code /api/v1/webhooks}); the former deployment-wide {@code url}, {@code secret}, {@code events} and
 * {@code enabled} are no longer read.
 *
 * @param maxAttempts attempts of one delivery before it is FAILED (a re-send is one more)
 * @param firstRetryAfter the wait after the first failed attempt; each further wait is {@code multiplier} times longer
 * @param maxRetryAfter the longest wait between two attempts
 * @param pollInterval how often the scheduler looks for due deliveries in the store
 * @param claimTimeout how long an instance owns a delivery it sends (another instance may take it afterwards)
 * @param batchSize due deliveries taken per poll
 * @param allowHttpLocalhost plain {@code http} to {@code localhost}/{@code 127.0.0.1} accepted (development only);
 *     otherwise every subscription URL must be {@code https}
 */
@ConfigurationProperties("sqp.complaints.webhook")
record WebhookProperties(
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration firstRetryAfter,
        @DefaultValue("2") double multiplier,
        @DefaultValue("1h") Duration maxRetryAfter,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration claimTimeout,
        @DefaultValue("20") int batchSize,
        @DefaultValue("false") boolean allowHttpLocalhost) {

    /** The wait after the {@code failedAttempts}-th failed attempt. */
    Duration retryAfter(int failedAttempts) {
        return new Backoff(firstRetryAfter, multiplier, maxRetryAfter).after(failedAttempts);
    }
}

package io.servicequality.complaint.webhook;

import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sqp.complaints.webhook}. The listener runs only with {@code enabled=true} (and a {@code url}).
 *
 * @param secret the shared HMAC-SHA256 key the receiver verifies signatures with
 * @param events which complaint events are sent
 */
@ConfigurationProperties("sqp.complaints.webhook")
record WebhookProperties(
        @DefaultValue("false") boolean enabled,
        URI url,
        @DefaultValue("") String secret,
        @DefaultValue({"SLA_BREACHED", "ESCALATED"}) Set<ComplaintEventType> events,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {}

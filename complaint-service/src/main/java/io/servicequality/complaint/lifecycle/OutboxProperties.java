package io.servicequality.complaint.lifecycle;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay. The sweep interval is {@code sqp.complaints.outbox.sweep-interval} (read by the scheduler).
 *
 * @param claimTimeout how long one relay owns a complaint's pending events; after a crash another relay takes over
 *     once it has passed, so it must exceed the time to publish a batch of events (platform-kafka's
 *     {@code sqp.kafka.outbox-ack-timeout}, 10 s, after the last send)
 * @param sweepBatchSize how many complaints of the in-memory backlog one sweep publishes
 * @param publishBatchSize how many new complaints' claimed events the relay publishes together, with one store write
 *     for the whole batch once the broker acknowledged them
 * @param recoveryInterval how often the relay also reads the store for complaints with pending events that no relay
 *     holds (besides at start-up): events a crashed process or another instance left behind wait at most this long
 */
@Validated
@ConfigurationProperties("sqp.complaints.outbox")
record OutboxProperties(
        @DefaultValue("60s") @NotNull Duration claimTimeout,
        @DefaultValue("100") @Min(1) int sweepBatchSize,
        @DefaultValue("500") @Min(1) int publishBatchSize,
        @DefaultValue("5m") @NotNull Duration recoveryInterval) {}

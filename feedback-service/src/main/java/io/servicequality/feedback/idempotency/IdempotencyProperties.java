package io.servicequality.feedback.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long an answer is kept for replay ({@code SQP_IDEMPOTENCY_RETENTION})
 * @param lease how long a request in flight holds its key; a key whose holder died is free again after it
 * @param answerWriteInterval how often answers are written to the store, in one bulk: until then this instance replays
 *     them from memory, and another instance answers a retry 409 (in flight)
 */
@ConfigurationProperties("sqp.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("100ms") Duration answerWriteInterval) {}

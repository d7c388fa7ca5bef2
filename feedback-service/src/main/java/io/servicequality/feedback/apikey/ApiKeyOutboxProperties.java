package io.servicequality.feedback.apikey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sqp.api-keys}: the outbox of key changes. The retry interval is {@code sqp.api-keys.outbox-interval} (read by
 * the scheduler).
 *
 * @param outboxRecoveryInterval how often the retry also reads the store for unpublished key changes (besides at
 *     start-up), for changes a crashed process or another instance left behind ({@code SQP_API_KEYS_OUTBOX_RECOVERY_INTERVAL})
 */
@ConfigurationProperties("sqp.api-keys")
public record ApiKeyOutboxProperties(@DefaultValue("5m") Duration outboxRecoveryInterval) {}

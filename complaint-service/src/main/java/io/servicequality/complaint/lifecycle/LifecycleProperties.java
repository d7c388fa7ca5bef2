package io.servicequality.complaint.lifecycle;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sqp.complaints.lifecycle}.
 *
 * @param followUpWindow a resolved complaint whose follow-up got no answer within this time closes by itself
 * @param satisfiedFrom the lowest satisfaction (1–5) that closes a complaint at follow-up; below it, it reopens
 * @param maxAttempts how often a command is retried after losing an optimistic-lock race to a concurrent write
 *     (for instance the outbox relay) before answering 409
 */
@Validated
@ConfigurationProperties("sqp.complaints.lifecycle")
record LifecycleProperties(
        @DefaultValue("7d") @NotNull Duration followUpWindow,
        @DefaultValue("3") @Min(1) @Max(5) int satisfiedFrom,
        @DefaultValue("10") @Min(1) int maxAttempts) {

    static final LifecycleProperties DEFAULTS = new LifecycleProperties(Duration.ofDays(7), 3, 10);
}

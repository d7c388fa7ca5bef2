package io.servicequality.web.webhook;

import java.time.Duration;

/**
 * Exponential back-off between the attempts of an outbound delivery: {@code first} after the first failure, each
 * further wait {@code multiplier} times longer, never more than {@code max}.
 */
public record Backoff(Duration first, double multiplier, Duration max) {

    /** The wait after the {@code failedAttempts}-th failed attempt. */
    public Duration after(int failedAttempts) {
        double millis = first.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}

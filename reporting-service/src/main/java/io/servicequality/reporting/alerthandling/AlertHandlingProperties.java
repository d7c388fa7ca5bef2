package io.servicequality.reporting.alerthandling;

import io.servicequality.contracts.AlertEvent.Severity;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sqp.alert-handling.*}.
 *
 * @param escalateCriticalAfter how long a {@code CRITICAL} alert may stay unacknowledged before it escalates one
 *     level, and again after each further such interval (level k at raise + k × this), up to the quality director
 * @param escalateWarningAfter the same for {@code WARNING} alerts (and alerts without a severity)
 * @param escalateInfoAfter the same for {@code INFO} alerts
 * @param escalationInterval how often each instance looks for alerts whose escalation fell due
 * @param relayInterval how often each instance publishes handling changes the broker has not acknowledged yet
 * @param claimTimeout how long one instance's relay holds an alert's unpublished changes (another takes over after it)
 * @param maxAttempts how often a change is tried again on the newest state when another writer changed the alert
 *     between reading and writing it
 */
@Validated
@ConfigurationProperties("sqp.alert-handling")
public record AlertHandlingProperties(
        @DefaultValue("15m") Duration escalateCriticalAfter,
        @DefaultValue("60m") Duration escalateWarningAfter,
        @DefaultValue("60m") Duration escalateInfoAfter,
        @DefaultValue("10s") Duration escalationInterval,
        @DefaultValue("2s") Duration relayInterval,
        @DefaultValue("30s") Duration claimTimeout,
        @Positive @DefaultValue("5") int maxAttempts) {

    public AlertHandlingProperties {
        for (Duration after : new Duration[] {escalateCriticalAfter, escalateWarningAfter, escalateInfoAfter}) {
            if (after.isNegative() || after.isZero()) {
                throw new IllegalArgumentException("sqp.alert-handling.escalate-*-after must be positive");
            }
        }
    }

    /** How long an alert of {@code severity} may stay unacknowledged per escalation level. */
    Duration escalateAfter(Severity severity) {
        if (severity == null) {
            return escalateWarningAfter;
        }
        return switch (severity) {
            case CRITICAL -> escalateCriticalAfter;
            case WARNING -> escalateWarningAfter;
            case INFO -> escalateInfoAfter;
        };
    }
}

package io.servicequality.scoring.quality;

import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.RuleKind;
import io.servicequality.contracts.AlertEvent.Severity;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * When to raise an alert about a metric of a branch.
 *
 * <ul>
 *   <li>{@code THRESHOLD}: the metric over the trailing {@code window} is {@code BELOW} (or {@code ABOVE}) {@code
 *       threshold}, with at least {@code minN} observations;
 *   <li>{@code RELATIVE}: the metric over the trailing {@code window} is worse than its value over the {@code
 *       baselineWindow} before it by more than {@code relativePercent} % of that baseline;
 *   <li>{@code ANOMALY}: the metric over the trailing {@code window} deviates in the rule's direction from the EWMA of
 *       the hourly values of the {@code baselineWindow} before it by more than {@code k} EWMA standard deviations.
 * </ul>
 *
 * An active alert clears only once the value is back past the raising limit by {@code hysteresis} (in the metric's
 * units; for {@code ANOMALY} in standard deviations), so a value wobbling around the limit does not flap.
 *
 * @param branchId the branch it watches, or {@code null} for every branch of the tenant (each its own episode)
 */
@Document(collection = "alertRules")
record AlertRule(
        @Id String id,
        String tenantId,
        String branchId,
        Metric metric,
        RuleKind kind,
        Direction direction,
        Double threshold,
        long windowSeconds,
        long minN,
        long baselineWindowSeconds,
        Double relativePercent,
        Double k,
        double ewmaAlpha,
        double hysteresis,
        Severity severity,
        Instant updatedAt,
        AlertScope.Level scope,
        String regionId) {

    AlertRule {
        scope = scope == null ? AlertScope.Level.BRANCH : scope;
    }

    /** Which side of the limit is bad. */
    enum Direction {
        BELOW,
        ABOVE
    }

    /** The trailing window the observed value is computed over. */
    Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }

    /** For relative and anomaly rules: the window before {@link #window()} the baseline is computed over. */
    Duration baselineWindow() {
        return Duration.ofSeconds(baselineWindowSeconds);
    }

    /** A branch-scoped rule for this branch (or for every branch). */
    boolean appliesTo(String branch) {
        return scope == AlertScope.Level.BRANCH && (branchId == null || branchId.equals(branch));
    }

    /** A region or tenant rule for this scope. */
    boolean appliesTo(AlertScope target) {
        return switch (scope) {
            case BRANCH -> false;
            case REGION ->
                target.level() == AlertScope.Level.REGION && target.id().equals(regionId);
            case TENANT ->
                target.level() == AlertScope.Level.TENANT && target.id().equals(tenantId);
        };
    }
}

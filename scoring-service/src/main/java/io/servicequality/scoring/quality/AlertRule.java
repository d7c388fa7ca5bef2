package io.servicequality.scoring.quality;

import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.RuleKind;
import io.servicequality.contracts.AlertEvent.Severity;
import io.servicequality.contracts.AlertRuleChanged;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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
 * <p>The document is also the outbox of its {@link AlertRuleChanged} events, as a target is (see {@link
 * QualityTarget}): every change raises {@code revision} and sets {@code unpublished}; a delete only marks it {@code
 * removed} until {@link ConfigurationPublisher} has published the removal. The rules reach the stream processing
 * that evaluates them ({@link AlertingTopology}) only through that compacted topic.
 *
 * @param branchId the branch it watches, or {@code null} for every branch of the tenant (each its own episode)
 * @param revision raised by every change
 * @param unpublished the outbox flag: a change not yet acknowledged by the broker
 * @param removed deleted through the API; the document goes once the removal is published
 */
@Document(collection = AlertRule.COLLECTION)
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
        String regionId,
        long revision,
        boolean unpublished,
        boolean removed)
        implements OutboxDocuments.Publishable {

    static final String COLLECTION = "alertRules";

    AlertRule {
        scope = scope == null ? AlertScope.Level.BRANCH : scope;
    }

    /** The event announcing this revision; a resend of the same revision carries the same event id. */
    AlertRuleChanged toEvent() {
        return new AlertRuleChanged(
                UUID.nameUUIDFromBytes((tenantId + "|" + id + "|" + revision).getBytes(StandardCharsets.UTF_8)),
                tenantId,
                branchId,
                updatedAt,
                AlertRuleChanged.SCHEMA_VERSION,
                id,
                metric.publicName(),
                kind,
                direction.name(),
                threshold,
                windowSeconds,
                minN,
                baselineWindowSeconds,
                relativePercent,
                k,
                ewmaAlpha,
                hysteresis,
                severity,
                scope,
                regionId,
                removed);
    }

    /**
     * The rule an event announces, as the evaluation sees it.
     *
     * @throws IllegalArgumentException for a metric, direction or kind this version does not know
     */
    static AlertRule of(AlertRuleChanged event) {
        if (event.kind() == null || event.direction() == null) {
            throw new IllegalArgumentException("kind and direction are required");
        }
        return new AlertRule(
                event.ruleId(),
                event.tenantId(),
                event.branchId(),
                Metric.of(event.metric()),
                event.kind(),
                Direction.valueOf(event.direction()),
                event.threshold(),
                event.windowSeconds(),
                event.minN(),
                event.baselineWindowSeconds(),
                event.relativePercent(),
                event.k(),
                event.ewmaAlpha(),
                event.hysteresis(),
                event.severity(),
                event.occurredAt(),
                event.scope(),
                event.regionId(),
                0,
                false,
                event.removed());
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

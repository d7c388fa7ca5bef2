package io.servicequality.contracts;

import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.RuleKind;
import io.servicequality.contracts.AlertEvent.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * The current state of one alert rule (SPEC §6), published by scoring-service, which owns the rules, on the compacted
 * {@link Topics#ALERT_RULES}: the record key is {@link #recordKey()} ({@code tenantId:alert-rule:ruleId}), so the
 * latest record per rule is the rule as it is now. scoring-service's stream processing reads it whole to evaluate the
 * rules; the meaning of each field is documented on the rules API (OpenAPI).
 *
 * @param branchId the branch a branch rule watches, or {@code null} for every branch (and for region and tenant rules)
 * @param ruleId the rule's stable id
 * @param metric the watched metric by its public name, e.g. {@code csat.percent}
 * @param direction {@code BELOW} or {@code ABOVE}: which side of the limit is bad
 * @param threshold the limit of a {@code THRESHOLD} rule
 * @param windowSeconds the trailing window the observed value is computed over
 * @param minN the fewest observations the rule judges on
 * @param baselineWindowSeconds for {@code RELATIVE} and {@code ANOMALY}: the window before it the baseline covers
 * @param relativePercent for {@code RELATIVE}: how much worse than the baseline, in % of it
 * @param k for {@code ANOMALY}: how many EWMA standard deviations
 * @param ewmaAlpha for {@code ANOMALY}: the EWMA smoothing factor
 * @param hysteresis how far back past the limit a value must be to clear (metric units; deviations for anomalies)
 * @param scope what one episode is about: each branch, one region, or the tenant
 * @param regionId the region of a {@code REGION} rule
 * @param removed the rule was deleted
 */
public record AlertRuleChanged(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String ruleId,
        String metric,
        RuleKind kind,
        String direction,
        Double threshold,
        long windowSeconds,
        long minN,
        long baselineWindowSeconds,
        Double relativePercent,
        Double k,
        double ewmaAlpha,
        double hysteresis,
        Severity severity,
        AlertScope.Level scope,
        String regionId,
        boolean removed)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** One record per rule, whatever its scope; all of a tenant's rules share the prefix {@link #keyPrefixOf}. */
    @Override
    public String recordKey() {
        return keyPrefixOf(tenantId) + ruleId;
    }

    /** The key prefix of every rule of a tenant. */
    public static String keyPrefixOf(String tenantId) {
        return tenantId + ":alert-rule:";
    }
}

package io.servicequality.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A rule's condition started to hold.
 *
 * @param threshold the rule's fixed limit, for threshold rules
 * @param baseline the expected value, for relative and anomaly rules
 * @param n the sample size behind {@code observedValue}
 */
public record AlertRaised(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String alertId,
        String ruleId,
        RuleKind ruleKind,
        AlertScope scope,
        String metric,
        double observedValue,
        Double threshold,
        Double baseline,
        long n,
        Severity severity,
        AlertWindow window)
        implements AlertEvent {

    public static final int SCHEMA_VERSION = 1;
}

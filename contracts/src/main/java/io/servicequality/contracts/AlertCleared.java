package io.servicequality.contracts;

import java.time.Instant;
import java.util.UUID;

/** A raised alert's condition no longer holds (beyond the rule's hysteresis); ends the episode. */
public record AlertCleared(
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

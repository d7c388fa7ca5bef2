package io.servicequality.scoring.quality;

import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.RuleKind;
import io.servicequality.contracts.AlertEvent.Severity;
import java.time.Duration;
import java.time.Instant;

/** A rule as stored, with its defaults filled in. */
record AlertRuleResponse(
        String id,
        String branchId,
        Metric metric,
        RuleKind kind,
        AlertRule.Direction direction,
        Double threshold,
        Duration window,
        long minN,
        Duration baselineWindow,
        Double relativePercent,
        Double k,
        double ewmaAlpha,
        double hysteresis,
        Severity severity,
        Instant updatedAt,
        AlertScope.Level scope,
        String regionId) {

    static AlertRuleResponse of(AlertRule rule) {
        return new AlertRuleResponse(
                rule.id(),
                rule.branchId(),
                rule.metric(),
                rule.kind(),
                rule.direction(),
                rule.threshold(),
                rule.window(),
                rule.minN(),
                rule.baselineWindow(),
                rule.relativePercent(),
                rule.k(),
                rule.ewmaAlpha(),
                rule.hysteresis(),
                rule.severity(),
                rule.updatedAt(),
                rule.scope(),
                rule.regionId());
    }
}

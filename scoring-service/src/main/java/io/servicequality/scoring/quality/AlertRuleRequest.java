package io.servicequality.scoring.quality;

import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.RuleKind;
import io.servicequality.contracts.AlertEvent.Severity;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * An alert rule to create or replace. Absent optional fields take the defaults below.
 *
 * @param branchId the branch, or absent for every branch
 * @param threshold required for {@code THRESHOLD} rules
 * @param window trailing window of the observed value, ISO-8601 (default {@code PT1H}, whole hours)
 * @param minN fewest observations in the window before the rule judges (default 30)
 * @param baselineWindow for {@code RELATIVE} and {@code ANOMALY}: the window before, default {@code P7D}
 * @param relativePercent required for {@code RELATIVE}: how much worse than the baseline, in % of it
 * @param k for {@code ANOMALY}: standard deviations from the EWMA baseline (default 3)
 * @param ewmaAlpha for {@code ANOMALY}: the EWMA smoothing factor (default 0.3)
 * @param hysteresis how far back past the limit the value must be to clear (default 1, in the metric's units; for
 *     {@code ANOMALY} in standard deviations)
 * @param severity default {@code WARNING}
 * @param scope {@code BRANCH} (default: {@code branchId} or every branch, each on its own), {@code REGION} (the merged
 *     statistics of the branches of {@code regionId}, by the branch directory) or {@code TENANT} (of every branch)
 * @param regionId required for, and only allowed with, {@code REGION}
 */
record AlertRuleRequest(
        @Size(max = 100) String branchId,
        @NotNull Metric metric,
        @NotNull RuleKind kind,
        @NotNull AlertRule.Direction direction,
        Double threshold,
        Duration window,
        @Min(1) Long minN,
        Duration baselineWindow,
        @PositiveOrZero Double relativePercent,
        @DecimalMin("0.5") Double k,

        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        Double ewmaAlpha,

        @PositiveOrZero Double hysteresis,
        Severity severity,
        AlertScope.Level scope,
        @Size(max = 100) String regionId) {

    @AssertTrue(message = "is required for REGION rules and not allowed otherwise")
    boolean isRegionIdGivenExactlyForRegionRules() {
        return (scope == AlertScope.Level.REGION) == (regionId != null && !regionId.isBlank());
    }

    @AssertTrue(message = "is only allowed for BRANCH rules")
    boolean isBranchIdOnlyForBranchRules() {
        return branchId == null || scope == null || scope == AlertScope.Level.BRANCH;
    }

    @AssertTrue(message = "is required for THRESHOLD rules")
    boolean isThresholdGivenForThresholdRules() {
        return kind != RuleKind.THRESHOLD || threshold != null;
    }

    @AssertTrue(message = "is required for RELATIVE rules")
    boolean isRelativePercentGivenForRelativeRules() {
        return kind != RuleKind.RELATIVE || relativePercent != null;
    }

    @AssertTrue(message = "must be whole hours, at least one")
    boolean isWindowInWholeHours() {
        return wholeHours(window) && wholeHours(baselineWindow);
    }

    private static boolean wholeHours(Duration duration) {
        return duration == null || (duration.toSeconds() >= 3600 && duration.toSeconds() % 3600 == 0);
    }

    AlertRule toRule(String id, String tenantId, java.time.Instant now) {
        return new AlertRule(
                id,
                tenantId,
                branchId,
                metric,
                kind,
                direction,
                threshold,
                (window == null ? Duration.ofHours(1) : window).toSeconds(),
                minN == null ? 30 : minN,
                (baselineWindow == null ? Duration.ofDays(7) : baselineWindow).toSeconds(),
                relativePercent,
                k == null ? 3.0 : k,
                ewmaAlpha == null ? 0.3 : ewmaAlpha,
                hysteresis == null ? 1.0 : hysteresis,
                severity == null ? Severity.WARNING : severity,
                now,
                scope == null ? AlertScope.Level.BRANCH : scope,
                scope == AlertScope.Level.REGION ? regionId : null,
                0,
                false,
                false);
    }
}

package io.servicequality.scoring.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.AlertEvent.RuleKind;
import io.servicequality.contracts.AlertEvent.Severity;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEvaluationTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void aThresholdRuleNeedsItsMinimumSampleBeforeJudging() {
        AlertRule rule = rule(RuleKind.THRESHOLD, 95.0, null, null, 100, 2);

        assertThat(AlertEvaluation.evaluate(rule, List.of(hour(1, 50, 40)), NOW))
                .isNull();
        assertThat(AlertEvaluation.evaluate(rule, List.of(hour(1, 100, 90)), NOW))
                .satisfies(verdict -> {
                    assertThat(verdict.raise()).isTrue();
                    assertThat(verdict.observed()).isEqualTo(90.0);
                    assertThat(verdict.n()).isEqualTo(100);
                });
    }

    @Test
    void aValueInsideTheHysteresisBandNeitherRaisesNorClears() {
        AlertRule rule = rule(RuleKind.THRESHOLD, 95.0, null, null, 10, 2);

        AlertEvaluation.Verdict inBand = AlertEvaluation.evaluate(rule, List.of(hour(1, 1000, 960)), NOW);
        AlertEvaluation.Verdict recovered = AlertEvaluation.evaluate(rule, List.of(hour(1, 1000, 970)), NOW);

        assertThat(inBand.raise()).isFalse();
        assertThat(inBand.clear()).isFalse();
        assertThat(recovered.clear()).isTrue();
    }

    @Test
    void aRelativeRuleComparesTheLastHourWithTheTrailingBaseline() {
        AlertRule rule = rule(RuleKind.RELATIVE, null, 10.0, null, 10, 1);
        List<AlertEvaluation.Hour> hours = new ArrayList<>();
        for (int h = 48; h > 1; h--) {
            hours.add(hour(h, 100, 95));
        }
        hours.add(hour(1, 100, 84)); // 95 − 10 % = 85.5: 84 is below

        AlertEvaluation.Verdict verdict = AlertEvaluation.evaluate(rule, hours, NOW);

        assertThat(verdict.baseline()).isEqualTo(95.0);
        assertThat(verdict.limit()).isEqualTo(85.5);
        assertThat(verdict.raise()).isTrue();
    }

    @Test
    void anAnomalyRuleRaisesBeyondKSigmaOfTheEwmaBaselineOnly() {
        AlertRule rule = rule(RuleKind.ANOMALY, null, null, 3.0, 10, 1);
        List<AlertEvaluation.Hour> baseline = new ArrayList<>();
        for (int h = 30; h > 1; h--) {
            baseline.add(hour(h, 100, h % 2 == 0 ? 92 : 96));
        }
        List<AlertEvaluation.Hour> usual = new ArrayList<>(baseline);
        usual.add(hour(1, 100, 91));
        List<AlertEvaluation.Hour> collapse = new ArrayList<>(baseline);
        collapse.add(hour(1, 100, 70));

        assertThat(AlertEvaluation.evaluate(rule, usual, NOW).raise()).isFalse();
        assertThat(AlertEvaluation.evaluate(rule, collapse, NOW).raise()).isTrue();
        assertThat(AlertEvaluation.evaluate(rule, collapse, NOW).baseline()).isBetween(92.0, 96.0);
    }

    @Test
    void anAnomalyRuleWaitsForEnoughBaselineHours() {
        AlertRule rule = rule(RuleKind.ANOMALY, null, null, 3.0, 10, 1);

        assertThat(AlertEvaluation.evaluate(rule, List.of(hour(3, 100, 95), hour(2, 100, 95), hour(1, 100, 10)), NOW))
                .isNull();
    }

    /** Answer-rate hours: {@code hoursAgo} = 1 is the last hour before {@link #NOW}. */
    private static AlertEvaluation.Hour hour(int hoursAgo, long offered, long answered) {
        var interactions = new InteractionStatistics(offered, answered, 0, 0, 0, 0, 0, 0, 0, null, null);
        return new AlertEvaluation.Hour(
                NOW.minus(Duration.ofHours(hoursAgo)),
                new BucketStatistics(0, null, null, null, null, null, interactions, null));
    }

    private static AlertRule rule(
            RuleKind kind, Double threshold, Double relativePercent, Double k, long minN, double hysteresis) {
        return new AlertRule(
                "r-1",
                "acme-bank",
                null,
                Metric.ANSWER_RATE,
                kind,
                AlertRule.Direction.BELOW,
                threshold,
                3600,
                minN,
                Duration.ofDays(7).toSeconds(),
                relativePercent,
                k,
                0.3,
                hysteresis,
                Severity.WARNING,
                NOW,
                null,
                null,
                1,
                false,
                false);
    }
}

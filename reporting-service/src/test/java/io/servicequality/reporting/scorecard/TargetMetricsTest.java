package io.servicequality.reporting.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.Histogram;
import io.servicequality.reporting.complaint.ComplaintBacklog.Backlog;
import io.servicequality.reporting.qualitytarget.QualityTargets.Target;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard.TargetAttainment;
import io.servicequality.reporting.scorecard.TargetMetrics.Observation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every target metric name read from a scorecard with hand-computed values and the n behind each. */
class TargetMetricsTest {

    private static final ScorecardCalculator CALCULATOR = new ScorecardCalculator(new ScorecardProperties(
            new ScorecardProperties.SqiWeights(0.3, 0.2, 0.2, 0.15, 0.15),
            new ScorecardProperties.DimensionWeights(0.2, 0.2, 0.2, 0.2, 0.2)));
    private static final Scope SCOPE = new Scope(Scope.Level.BRANCH, "SH-001", null, List.of("SH-001"), ZoneOffset.UTC);
    private static final Instant FROM = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-20T10:00:00Z");

    /**
     * Tangibles: 3 ratings, E 15, P 18 (gap +1); reliability: 2 ratings, E 12, P 10 (gap −1): unweighted gap 0, n 3.
     * CSAT 8 of 10; NPS 5 promoters, 3 passives, 2 detractors of 10 = 30; CES 14 / 4 = 3.5. Offered 20, answered 16,
     * abandoned 4, 12 within the service level, 12 resolved at first contact, 3,200 s handled; waits 17 × 10 s and
     * 3 × 45 s (p90: the 18th of 20 = 45 s). Complaints: 5 opened, 4 acknowledged (3 in time), 2 resolved (1 in time).
     */
    private static final Scorecard CARD = CALCULATOR.scorecard(
            SCOPE,
            FROM,
            TO,
            new BucketStatistics(
                    10,
                    new ServqualStatistics(
                            new DimensionStatistics(3, 15, 18, 75, 108, 0, 0),
                            new DimensionStatistics(2, 12, 10, 72, 50, 0, 0),
                            null,
                            null,
                            null),
                    new CsatStatistics(10, 8, 0, 0),
                    new NpsStatistics(10, 5, 3, 2),
                    new MeanStatistics(4, 14, 50),
                    new ComplaintStatistics(5, 4, 3, 2, 1, 0, null, 0, 0, 0, 0, null, null, null),
                    new InteractionStatistics(20, 16, 4, 12, 12, 3200, 0, 0, 0, waits(), null),
                    null),
            new Backlog(0, 0, List.of()));

    @Test
    void everyTargetMetricReadsItsScorecardFieldAndItsN() {
        assertThat(TargetMetrics.observe(CARD, "csat.percent")).isEqualTo(new Observation(80.0, 10));
        assertThat(TargetMetrics.observe(CARD, "nps.score")).isEqualTo(new Observation(30.0, 10));
        assertThat(TargetMetrics.observe(CARD, "ces.mean")).isEqualTo(new Observation(3.5, 4));
        assertThat(TargetMetrics.observe(CARD, "servqual.unweighted")).isEqualTo(new Observation(0.0, 3));
        assertThat(TargetMetrics.observe(CARD, "interactions.answerRate")).isEqualTo(new Observation(80.0, 20));
        assertThat(TargetMetrics.observe(CARD, "interactions.serviceLevel")).isEqualTo(new Observation(60.0, 20));
        assertThat(TargetMetrics.observe(CARD, "interactions.abandonRate")).isEqualTo(new Observation(20.0, 20));
        assertThat(TargetMetrics.observe(CARD, "interactions.avgHandleSeconds")).isEqualTo(new Observation(200.0, 16));
        assertThat(TargetMetrics.observe(CARD, "interactions.fcrRate")).isEqualTo(new Observation(75.0, 16));
        assertThat(TargetMetrics.observe(CARD, "interactions.waitSeconds.p90")).isEqualTo(new Observation(45.0, 20));
        assertThat(TargetMetrics.observe(CARD, "complaints.opened")).isEqualTo(new Observation(5.0, 5));
        assertThat(TargetMetrics.observe(CARD, "complaints.firstResponseCompliance"))
                .isEqualTo(new Observation(75.0, 4));
        assertThat(TargetMetrics.observe(CARD, "complaints.resolutionCompliance"))
                .isEqualTo(new Observation(50.0, 2));
        assertThat(TargetMetrics.SUPPORTED)
                .allSatisfy(metric ->
                        assertThat(TargetMetrics.observe(CARD, metric).value()).isNotNull());
    }

    @Test
    void attainmentIsTrueOnTheBoundsSideFalseOtherwiseAndNullWithoutData() {
        List<TargetAttainment> attainments = TargetMetrics.attainments(
                List.of(
                        new Target("a", null, "csat.percent", "AT_LEAST", 80),
                        new Target("b", "SH-001", "interactions.abandonRate", "AT_MOST", 15),
                        new Target("c", null, "made.up", "AT_LEAST", 1)),
                CARD);

        assertThat(attainments)
                .containsExactly(
                        new TargetAttainment("a", null, "csat.percent", "AT_LEAST", 80, 80.0, 10, true),
                        new TargetAttainment("b", "SH-001", "interactions.abandonRate", "AT_MOST", 15, 20.0, 20, false),
                        new TargetAttainment("c", null, "made.up", "AT_LEAST", 1, null, 0, null));
    }

    @Test
    void withoutAnyDataRatesHaveNoAttainmentButNoComplaintOpenedIsACountOfZero() {
        Scorecard empty = CALCULATOR.scorecard(SCOPE, FROM, TO, BucketStatistics.EMPTY, null);

        assertThat(TargetMetrics.attainment(new Target("a", null, "csat.percent", "AT_LEAST", 80), empty)
                        .attained())
                .isNull();
        assertThat(TargetMetrics.attainment(new Target("w", null, "interactions.waitSeconds.p90", "AT_MOST", 20), empty)
                        .observed())
                .isNull();
        TargetAttainment noComplaints =
                TargetMetrics.attainment(new Target("o", null, "complaints.opened", "AT_MOST", 3), empty);
        assertThat(noComplaints.observed()).isEqualTo(0.0);
        assertThat(noComplaints.attained()).isTrue();
    }

    private static Histogram waits() {
        Histogram waits = Histogram.EMPTY;
        for (int i = 0; i < 17; i++) {
            waits = waits.plus(Histogram.of(10));
        }
        for (int i = 0; i < 3; i++) {
            waits = waits.plus(Histogram.of(45));
        }
        return waits;
    }
}

package io.servicequality.reporting.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.StaffStatistics;
import io.servicequality.contracts.StaffStatistics.AgentStatistics;
import io.servicequality.contracts.StaffStatistics.HandlerStatistics;
import io.servicequality.reporting.ranking.Measured;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.reporting.scorecard.ScorecardProperties;
import io.servicequality.reporting.scorecard.ScorecardProperties.DimensionWeights;
import io.servicequality.reporting.scorecard.ScorecardProperties.SqiWeights;
import io.servicequality.reporting.staff.TrainingNeeds.Need;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staff formulas against hand-computed values. */
class StaffMetricsTest {

    private final ScorecardCalculator calculator = new ScorecardCalculator(new ScorecardProperties(
            new SqiWeights(0.3, 0.2, 0.2, 0.15, 0.15), new DimensionWeights(0.2, 0.2, 0.2, 0.2, 0.2)));

    private static final StaffProperties THRESHOLDS = new StaffProperties(30, 80, 70, 90);

    /**
     * 40 offered, 36 answered: 30 ordinary at 150 s (4,500 s) and 6 complex at 320 s (1,920 s); 30 within 3 minutes,
     * 30 within 5 minutes, 30 within their own standard (the complex ones all exceed 300 s); 27 resolved at first
     * contact.
     */
    private static final AgentStatistics AGENT =
            new AgentStatistics(40, 36, 4, 27, 6420, 30 * 150.0 * 150 + 6 * 320.0 * 320, 6, 1920, 30, 30, 30);

    @Test
    void handleTimeIsHeldToTheStandardOfTheAgentsMix() {
        StaffMetrics metrics = StaffMetrics.of("a-1", List.of("SH-001"), statistics(AGENT), calculator);

        var interactions = metrics.interactions();
        assertThat(interactions.answerRate()).isEqualTo(90.0);
        assertThat(interactions.avgHandleSeconds()).isCloseTo(6420.0 / 36, within(1e-9));
        assertThat(interactions.standardHandleSeconds()).isEqualTo((30 * 180.0 + 6 * 300) / 36);
        assertThat(interactions.avgHandleSecondsOrdinary()).isEqualTo(150.0);
        assertThat(interactions.avgHandleSecondsComplex()).isEqualTo(320.0);
        assertThat(interactions.handledWithin3MinutesRate()).isCloseTo(100.0 * 30 / 36, within(1e-9));
        assertThat(interactions.handledWithinStandardRate()).isCloseTo(100.0 * 30 / 36, within(1e-9));
        assertThat(interactions.fcrRate()).isEqualTo(75.0);
        assertThat(metrics.complaints().reopenRate()).isEqualTo(25.0);
        assertThat(metrics.complaints().resolutionCompliance()).isEqualTo(75.0);
        assertThat(metrics.feedback().csat().percent()).isEqualTo(70.0);
        assertThat(metrics.feedback().nps().score()).isEqualTo(20.0);
    }

    @Test
    void blocksWithoutDataAreNull() {
        StaffMetrics handlerOnly = StaffMetrics.of(
                "h-1",
                List.of("SH-001"),
                new StaffStatistics(null, null, null, 0, new HandlerStatistics(2, 1, 0, 0, 0)),
                calculator);

        assertThat(handlerOnly.interactions()).isNull();
        assertThat(handlerOnly.feedback()).isNull();
        assertThat(handlerOnly.complaints().firstResponseCompliance()).isEqualTo(50.0);
        assertThat(handlerOnly.complaints().resolutionCompliance()).isNull();
        assertThat(handlerOnly.complaints().reopenRate()).isNull();
    }

    @Test
    void trainingNeedsAreTheMetricsBelowTheirStandardOnEnoughObservations() {
        List<Need> needs = StaffReports.needsOf(statistics(AGENT), 30, THRESHOLDS);

        // handle time 178.3 s against the mix's 200 s: fine; FCR 75 % ≥ 70: fine; CSAT 70 % < 80 on 40 answers: a need;
        // resolution compliance 75 % < 90 but on 4 resolutions only: not judged
        assertThat(needs).extracting(Need::metric).containsExactly("csat");
        assertThat(needs.get(0).value()).isEqualTo(70.0);
        assertThat(needs.get(0).standard()).isEqualTo(80.0);
        assertThat(needs.get(0).n()).isEqualTo(40);
        assertThat(StaffReports.needsOf(statistics(AGENT), 4, THRESHOLDS))
                .extracting(Need::metric)
                .containsExactly("csat", "resolutionCompliance");

        var slow = new AgentStatistics(30, 30, 0, 27, 30 * 200.0, 30 * 200.0 * 200, 0, 0, 0, 30, 0);
        assertThat(StaffReports.needsOf(statistics(slow), 30, THRESHOLDS))
                .extracting(Need::metric, Need::value, Need::standard)
                .contains(org.assertj.core.groups.Tuple.tuple("avgHandleSeconds", 200.0, 180.0));
    }

    @Test
    void rankedMetricsCarryTheirIntervals() {
        Measured handle = StaffMetric.AVG_HANDLE_SECONDS.measure(statistics(AGENT), calculator);
        Measured nps = StaffMetric.NPS.measure(statistics(AGENT), calculator);

        assertThat(StaffMetric.AVG_HANDLE_SECONDS.higherIsBetter()).isFalse();
        assertThat(handle.n()).isEqualTo(36);
        assertThat(handle.ci95()).hasSize(2);
        assertThat(nps.value()).isEqualTo(20.0);
        assertThat(nps.ci95()).isEqualTo(ScorecardCalculator.adjustedWaldNps(16, 8, 40));
        assertThat(StaffMetric.of("FCRRATE")).contains(StaffMetric.FCR_RATE);
    }

    /** With 40 CSAT answers (28 satisfied), 40 NPS answers (16 promoters, 8 detractors), 4 resolutions, 1 reopening. */
    private static StaffStatistics statistics(AgentStatistics agent) {
        return new StaffStatistics(
                agent,
                new CsatStatistics(40, 28, 150, 600),
                new NpsStatistics(40, 16, 16, 8),
                41,
                new HandlerStatistics(0, 0, 4, 3, 1));
    }
}

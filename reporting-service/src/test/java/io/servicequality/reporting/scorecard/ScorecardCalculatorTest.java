package io.servicequality.reporting.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Histogram;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.reporting.complaint.ComplaintBacklog.Backlog;
import io.servicequality.reporting.complaint.ComplaintBacklog.OpenComplaint;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.ScorecardProperties.DimensionWeights;
import io.servicequality.reporting.scorecard.ScorecardProperties.SqiWeights;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Expected values are worked out by hand from the SPEC §4 formulas (intermediate steps in the comments). */
class ScorecardCalculatorTest {

    private static final Offset<Double> EXACT = within(1e-9);

    private static final SqiWeights DEFAULT_SQI_WEIGHTS = new SqiWeights(0.3, 0.2, 0.2, 0.15, 0.15);
    private static final DimensionWeights EQUAL_DIMENSION_WEIGHTS = new DimensionWeights(0.2, 0.2, 0.2, 0.2, 0.2);

    private static final Scope BRANCH =
            new Scope(Scope.Level.BRANCH, "SH-001", null, List.of("SH-001"), ZoneOffset.UTC);

    private final ScorecardCalculator calculator =
            new ScorecardCalculator(new ScorecardProperties(DEFAULT_SQI_WEIGHTS, EQUAL_DIMENSION_WEIGHTS));

    @Test
    void csatIsTheShareOfFoursAndFivesWithAWilsonInterval() {
        Scorecard.Csat csat = calculator.csat(new CsatStatistics(3, 2, 11, 41));

        // p = 2/3, z² = 3.8416, 1 + z²/n = 2.2805333…
        // centre = (0.6666667 + 0.6402667) / 2.2805333 = 0.5730807
        // half   = 1.96 / 2.2805333 · sqrt(0.0740741 + 0.1067111) = 0.3654289
        assertThat(csat.n()).isEqualTo(3);
        assertThat(csat.percent()).isCloseTo(200.0 / 3, EXACT);
        assertThat(csat.ci95().get(0)).isCloseTo(20.765495512648798, EXACT);
        assertThat(csat.ci95().get(1)).isCloseTo(93.85096847238394, EXACT);
    }

    @Test
    void wilsonIntervalOfOnlySatisfiedCustomersEndsAtOneHundred() {
        Scorecard.Csat csat = calculator.csat(new CsatStatistics(4, 4, 19, 91));

        // p = 1: centre = (1 + 0.4802) / 1.9604 = 0.7550500, half = 1.96 / 1.9604 · sqrt(0.0600250) = 0.2449500
        assertThat(csat.percent()).isEqualTo(100.0);
        assertThat(csat.ci95().get(0)).isCloseTo(51.009997959600085, EXACT);
        assertThat(csat.ci95().get(1)).isEqualTo(100.0);
    }

    @Test
    void npsIsPromotersMinusDetractorsWithTheAdjustedWaldInterval() {
        Scorecard.Nps nps = calculator.nps(new NpsStatistics(3, 1, 1, 1));

        // p̃ = d̃ = 1.75 / 6 = 0.2916667; NPS̃ = 0; half = 196 · sqrt((0.5833333 − 0) / 6) = 196 · 0.3118048 = 61.11374
        assertThat(nps.score()).isEqualTo(0.0);
        assertThat(nps.promoters()).isEqualTo(1);
        assertThat(nps.passives()).isEqualTo(1);
        assertThat(nps.detractors()).isEqualTo(1);
        assertThat(nps.ci95().get(0)).isCloseTo(-61.1137373173077, EXACT);
        assertThat(nps.ci95().get(1)).isCloseTo(61.1137373173077, EXACT);
    }

    @Test
    void npsOfOnlyPromotersIsOneHundredWithTheIntervalClampedAtOneHundred() {
        Scorecard.Nps nps = calculator.nps(new NpsStatistics(5, 5, 0, 0));

        // p̃ = 5.75 / 8 = 0.71875, d̃ = 0.75 / 8 = 0.09375, NPS̃ = 62.5
        // half = 196 · sqrt((0.8125 − 0.390625) / 8) = 196 · 0.2296397 = 45.00937; upper 107.5 → 100
        assertThat(nps.score()).isEqualTo(100.0);
        assertThat(nps.ci95().get(0)).isCloseTo(17.490625976359098, EXACT);
        assertThat(nps.ci95().get(1)).isEqualTo(100.0);
    }

    @Test
    void cesIsTheMeanAnswer() {
        Scorecard.Ces ces = calculator.ces(new MeanStatistics(2, 11, 61));

        assertThat(ces.mean()).isEqualTo(5.5);
        // answers 5 and 6: variance ((61 − 11² / 2) / 1) = 0.5
        assertThat(ces.stdDev()).isCloseTo(Math.sqrt(0.5), EXACT);
        assertThat(ces.distribution())
                .as("no distribution counted with these statistics")
                .isNull();
    }

    @Test
    void metricsWithoutAnswersAreNullNotZero() {
        Scorecard scorecard = calculator.scorecard(BRANCH, from(), to(), BucketStatistics.EMPTY, null);

        assertThat(scorecard.feedback()).isEqualTo(new Scorecard.Feedback(0, null, null, null, null));
        assertThat(scorecard.interactions()).isNull();
        assertThat(scorecard.complaints()).isNull();
        assertThat(scorecard.sqi()).isNull();
    }

    @Test
    void servqualListsOnlyTheRatedDimensionsWithImportanceWeightedGap() {
        // reliability: E 13/2 = 6.5, P 10/2 = 5, gap −1.5, importance 40
        // responsiveness: E 6, P 6, gap 0, importance 30; empathy: E 6.5, P 4.5, gap −2, importance 10
        // tangibles was given importance but not rated: left out
        var statistics = new ServqualStatistics(
                new DimensionStatistics(0, 0, 0, 0, 0, 1, 10),
                rated(2, 13, 10, 1, 40),
                rated(1, 6, 6, 1, 30),
                null,
                rated(1, 6.5, 4.5, 1, 10));

        Scorecard.Servqual servqual = calculator.servqual(statistics);

        assertThat(servqual.dimensions()).containsOnlyKeys("reliability", "responsiveness", "empathy");
        assertThat(servqual.dimensions().get("reliability"))
                .usingRecursiveComparison()
                .comparingOnlyFields("n", "expectation", "perception", "gap", "importance")
                .isEqualTo(new Scorecard.Dimension(2, 6.5, 5, -1.5, 40.0));
        // unweighted = (−1.5 + 0 − 2) / 3
        assertThat(servqual.unweighted()).isCloseTo(-3.5 / 3, EXACT);
        // weights 0.4, 0.3, 0.1 renormalised to 0.5, 0.375, 0.125: 0.5 · −1.5 + 0 + 0.125 · −2 = −1
        assertThat(servqual.weighted()).isCloseTo(-1.0, EXACT);
    }

    @Test
    void dimensionsWithoutImportancePointsTakeTheDefaultWeight() {
        // reliability: gap 17/3 − 19/3 = −2/3, importance 40 → 0.4; tangibles: gap 5.5 − 5 = 0.5, none → 0.2
        // renormalised 2/3 and 1/3: 2/3 · −2/3 + 1/3 · 0.5 = −5/18
        var statistics = new ServqualStatistics(rated(2, 10, 11, 0, 0), rated(3, 19, 17, 2, 80), null, null, null);

        Scorecard.Servqual servqual = calculator.servqual(statistics);

        assertThat(servqual.dimensions().get("tangibles").importance()).isNull();
        assertThat(servqual.dimensions().get("reliability").importance()).isEqualTo(40.0);
        assertThat(servqual.weighted()).isCloseTo(-5.0 / 18, EXACT);
        assertThat(servqual.unweighted()).isCloseTo(-1.0 / 12, EXACT);
    }

    @Test
    void configuredDefaultWeightsAreRenormalisedOverTheRatedDimensions() {
        var calculator = new ScorecardCalculator(
                new ScorecardProperties(DEFAULT_SQI_WEIGHTS, new DimensionWeights(0.6, 0.2, 0.1, 0.05, 0.05)));
        // tangibles gap −1 (0.6), reliability gap +1 (0.2): (0.6 · −1 + 0.2 · 1) / 0.8 = −0.5
        var statistics = new ServqualStatistics(rated(1, 6, 5, 0, 0), rated(1, 5, 6, 0, 0), null, null, null);

        assertThat(calculator.servqual(statistics).weighted()).isCloseTo(-0.5, EXACT);
    }

    @Test
    void weightedServqualIsNullWhenEveryWeightIsZeroAndTheSqiLeavesItOut() {
        var statistics = new BucketStatistics(
                1,
                new ServqualStatistics(null, rated(1, 7, 5, 1, 0), null, null, null),
                new CsatStatistics(1, 1, 5, 25),
                null,
                null,
                null,
                null,
                null);

        Scorecard scorecard = calculator.scorecard(BRANCH, from(), to(), statistics, null);

        assertThat(scorecard.feedback().servqual().unweighted()).isEqualTo(-2.0);
        assertThat(scorecard.feedback().servqual().weighted()).isNull();
        assertThat(scorecard.sqi()).isEqualTo(100.0);
    }

    @Test
    void sqiRenormalisesTheWeightsOverComponentsWithData() {
        // CSAT 80 (0.3) and NPS 20 → 60 (0.2): (24 + 12) / 0.5 = 72
        assertThat(calculator.sqi(80.0, 20.0, null, null, null)).isCloseTo(72.0, EXACT);
        assertThat(calculator.sqi(80.0, null, null, null, null)).isCloseTo(80.0, EXACT);
        assertThat(calculator.sqi(null, null, null, null, null)).isNull();
    }

    @Test
    void eachChannelCountsTheOpenAndOverdueComplaintsThatCameThroughIt() {
        MetricUpdated sample =
                JsonMapper.builder().build().readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);
        Instant due = Instant.parse("2026-11-20T12:00:00Z");
        List<OpenComplaint> open = List.of(
                new OpenComplaint("SH-001", "c-1", "1", "QUALITY", "HIGH", null, "PHONE", due, true),
                new OpenComplaint(
                        "SH-001", "c-2", "2", "QUALITY", "LOW", null, "PHONE", due.plusSeconds(86_400), false),
                new OpenComplaint("SH-001", "c-3", "3", "BILLING", "LOW", null, "EMAIL", due, true),
                new OpenComplaint("SH-001", "c-4", "4", "BILLING", "LOW", null, null, due, true));

        Scorecard scorecard = calculator.scorecard(BRANCH, from(), to(), sample.statistics(), new Backlog(4, 3, open));

        assertThat(scorecard.complaints().open()).isEqualTo(4);
        assertThat(scorecard.complaints().overdue()).isEqualTo(3);
        // PHONE has the sample's complaint events and two open; EMAIL only an open one; COUNTER none
        assertThat(scorecard.byChannel()).containsOnlyKeys("COUNTER", "EMAIL", "PHONE");
        Scorecard.Complaints phone = scorecard.byChannel().get("PHONE").complaints();
        assertThat(phone.opened()).isEqualTo(1);
        assertThat(phone.open()).isEqualTo(2);
        assertThat(phone.overdue()).isEqualTo(1);
        Scorecard.ChannelScorecard email = scorecard.byChannel().get("EMAIL");
        assertThat(email.feedback().n()).isZero();
        assertThat(email.interactions()).isNull();
        assertThat(email.complaints().opened()).isZero();
        assertThat(email.complaints().open()).isEqualTo(1);
        assertThat(email.complaints().overdue()).isEqualTo(1);
        assertThat(scorecard.byChannel().get("COUNTER").complaints()).isNull();
    }

    @Test
    void sqiWeighsAllFiveComponentsWhenEachHasData() {
        // gap −1.2 → (4.8 / 12) · 100 = 40; 0.3 · 80 + 0.2 · 60 + 0.2 · 40 + 0.15 · 96 + 0.15 · 90 = 71.9
        assertThat(calculator.sqi(80.0, 20.0, -1.2, 96.0, 90.0)).isCloseTo(71.9, EXACT);
    }

    @Test
    void scorecardOfTheContractSampleMatchesHandComputedValues() {
        MetricUpdated sample =
                JsonMapper.builder().build().readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);

        Scorecard scorecard =
                calculator.scorecard(BRANCH, from(), to(), sample.statistics(), new Backlog(2, 1, List.of()));

        assertThat(scorecard.feedback().n()).isEqualTo(3);
        assertThat(scorecard.feedback().servqual().weighted()).isCloseTo(-1.0, EXACT);
        assertThat(scorecard.feedback().csat().percent()).isCloseTo(200.0 / 3, EXACT);
        assertThat(scorecard.feedback().nps().score()).isEqualTo(0.0);
        assertThat(scorecard.feedback().ces())
                .isEqualTo(new Scorecard.Ces(1, 6.0, null, sevenPoint(0, 0, 0, 0, 0, 1, 0)));
        // csat 4, 4, 3: variance (41 − 11² / 3) / 2 = 1/3; nps 5, 7, 9: variance (4 + 0 + 4) / 2 = 4
        assertThat(scorecard.feedback().csat().stdDev()).isCloseTo(Math.sqrt(1.0 / 3), EXACT);
        assertThat(scorecard.feedback().csat().distribution())
                .containsExactly(entry("1", 0L), entry("2", 0L), entry("3", 1L), entry("4", 2L), entry("5", 0L));
        assertThat(scorecard.feedback().nps().stdDev()).isCloseTo(2.0, EXACT);
        assertThat(scorecard.feedback().nps().distribution())
                .hasSize(11)
                .containsEntry("5", 1L)
                .containsEntry("7", 1L)
                .containsEntry("9", 1L)
                .containsEntry("0", 0L);
        // reliability expectations 6 and 7, perceptions 5 and 5; empathy 6.5 / 4.5 counted at 7 / 5
        Scorecard.Dimension reliability =
                scorecard.feedback().servqual().dimensions().get("reliability");
        assertThat(reliability.expectationStdDev()).isCloseTo(Math.sqrt(0.5), EXACT);
        assertThat(reliability.perceptionStdDev()).isCloseTo(0.0, EXACT);
        assertThat(reliability.expectationDistribution()).isEqualTo(sevenPoint(0, 0, 0, 0, 0, 1, 1));
        Scorecard.Dimension empathy =
                scorecard.feedback().servqual().dimensions().get("empathy");
        assertThat(empathy.expectationStdDev()).as("one rating").isNull();
        assertThat(empathy.perceptionDistribution()).isEqualTo(sevenPoint(0, 0, 0, 0, 1, 0, 0));
        // the sample's feedback came in at the counter, its interactions and complaint by phone
        assertThat(scorecard.byChannel()).containsOnlyKeys("COUNTER", "PHONE");
        Scorecard.ChannelScorecard counter = scorecard.byChannel().get("COUNTER");
        assertThat(counter.feedback()).isEqualTo(scorecard.feedback());
        assertThat(counter.interactions()).isNull();
        assertThat(counter.complaints()).isNull();
        Scorecard.ChannelScorecard phone = scorecard.byChannel().get("PHONE");
        assertThat(phone.feedback().n()).isZero();
        assertThat(phone.interactions()).isEqualTo(scorecard.interactions());
        assertThat(phone.complaints().ratePer1000Interactions()).isCloseTo(250.0, EXACT);
        assertThat(phone.complaints().open())
                .as("no open complaint came by phone")
                .isZero();
        assertThat(phone.complaints().overdue()).isZero();
        // answer rate 75 and resolution compliance 0, weights 0.15 each
        assertThat(phone.sqi()).isCloseTo(37.5, EXACT);
        // 4 offered, 3 answered (one complex, 250 s), 1 abandoned, 2 within the service level, 2 resolved first time
        Scorecard.Interactions interactions = scorecard.interactions();
        assertThat(interactions.offered()).isEqualTo(4);
        assertThat(interactions.answerRate()).isCloseTo(75.0, EXACT);
        assertThat(interactions.serviceLevel()).isCloseTo(50.0, EXACT);
        assertThat(interactions.abandonRate()).isCloseTo(25.0, EXACT);
        assertThat(interactions.avgHandleSeconds()).isCloseTo(560.0 / 3, EXACT);
        assertThat(interactions.avgHandleSecondsComplex()).isCloseTo(250.0, EXACT);
        assertThat(interactions.fcrRate()).isCloseTo(200.0 / 3, EXACT);
        // waits 9, 14, 31, 45: nearest rank 2 of 4 → 14, rank 4 → 45
        assertThat(interactions.waitSeconds()).isEqualTo(new Scorecard.Percentiles(14.0, 45.0, 45.0));
        assertThat(interactions.handleSeconds().p50()).isEqualTo(Histogram.representativeOf(81));
        // 1 opened of 4 interactions = 250 per 1,000; acknowledged in time 1/1, resolved in time 0/1, 1980 min = 33 h
        Scorecard.Complaints complaints = scorecard.complaints();
        assertThat(complaints.opened()).isEqualTo(1);
        assertThat(complaints.ratePer1000Interactions()).isCloseTo(250.0, EXACT);
        assertThat(complaints.firstResponseCompliance()).isCloseTo(100.0, EXACT);
        assertThat(complaints.resolutionCompliance()).isCloseTo(0.0, EXACT);
        assertThat(complaints.meanBusinessHoursToResolve()).isCloseTo(33.0, EXACT);
        assertThat(complaints.p90BusinessHoursToResolve()).isEqualTo(33.0);
        assertThat(complaints.reopenRate()).isCloseTo(0.0, EXACT);
        assertThat(List.of(complaints.slaWarnings(), complaints.slaBreaches(), complaints.open(), complaints.overdue()))
                .containsExactly(1L, 1L, 2L, 1L);
        // 0.3 · 66.667 + 0.2 · 50 + 0.2 · (5 / 12 · 100) + 0.15 · 75 + 0.15 · 0, the weights summing to 1
        assertThat(scorecard.sqi()).isCloseTo(20 + 10 + 100.0 / 12 + 11.25, EXACT);
    }

    @Test
    void answerRateAndResolutionComplianceEnterTheSqiOnlyWithData() {
        var interactionsOnly = new BucketStatistics(
                0,
                null,
                null,
                null,
                null,
                null,
                new BucketStatistics.InteractionStatistics(10, 9, 1, 8, 7, 900, 0, 0, 0, null, null),
                null);

        Scorecard scorecard = calculator.scorecard(BRANCH, from(), to(), interactionsOnly, null);

        assertThat(scorecard.complaints()).isNull();
        assertThat(scorecard.interactions().waitSeconds()).isNull();
        assertThat(scorecard.interactions().avgHandleSecondsComplex()).isNull();
        assertThat(scorecard.sqi()).isCloseTo(90.0, EXACT);
    }

    private static DimensionStatistics rated(
            long n, double expectationSum, double perceptionSum, long importanceN, double importanceSum) {
        return new DimensionStatistics(n, expectationSum, perceptionSum, 0, 0, importanceN, importanceSum);
    }

    private static java.util.Map<String, Long> sevenPoint(long... counts) {
        java.util.Map<String, Long> distribution = new java.util.LinkedHashMap<>();
        for (int value = 1; value <= 7; value++) {
            distribution.put(Integer.toString(value), counts[value - 1]);
        }
        return distribution;
    }

    private static Instant from() {
        return Instant.parse("2026-11-20T00:00:00Z");
    }

    private static Instant to() {
        return Instant.parse("2026-11-21T00:00:00Z");
    }
}

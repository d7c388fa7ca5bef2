package io.servicequality.reporting.ranking;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import java.util.List;
import java.util.Optional;

/**
 * A metric branches can be ranked by: its value, its {@code n} and its 95 % interval, from summed statistics.
 * Proportions get Wilson intervals, NPS the adjusted-Wald one, means a normal interval from the sums of squares.
 * SQI and the weighted SERVQUAL gap are composites without a sampling interval: they tie only when equal.
 */
enum RankedMetric implements RankingMetric {
    SQI("sqi", true),
    CSAT("csat", true),
    NPS("nps", true),
    CES("ces", true),
    SERVQUAL("servqual", true),
    ANSWER_RATE("answerRate", true),
    SERVICE_LEVEL("serviceLevel", true),
    ABANDON_RATE("abandonRate", false),
    FCR_RATE("fcrRate", true),
    AVG_HANDLE_SECONDS("avgHandleSeconds", false),
    FIRST_RESPONSE_COMPLIANCE("firstResponseCompliance", true),
    RESOLUTION_COMPLIANCE("resolutionCompliance", true);

    private final String parameter;
    private final boolean higherIsBetter;

    RankedMetric(String parameter, boolean higherIsBetter) {
        this.parameter = parameter;
        this.higherIsBetter = higherIsBetter;
    }

    @Override
    public String parameter() {
        return parameter;
    }

    @Override
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    static Optional<RankedMetric> of(String parameter) {
        return RankingMetric.named(values(), parameter);
    }

    static List<String> parameters() {
        return RankingMetric.parameters(values());
    }

    /** The value with its n and interval, or {@code null} when the statistics hold no data for it. */
    Measured measure(BucketStatistics totals, ScorecardCalculator calculator) {
        InteractionStatistics interactions = totals.interactions();
        var complaints = totals.complaints();
        return switch (this) {
            case SQI -> {
                Double sqi = calculator.sqi(totals);
                yield sqi == null ? null : new Measured(sqi, sqiN(totals), null);
            }
            case CSAT ->
                Measured.proportion(totals.csat().satisfied(), totals.csat().n());
            case NPS -> {
                var nps = calculator.nps(totals.nps());
                yield nps == null ? null : new Measured(nps.score(), nps.n(), nps.ci95());
            }
            case CES ->
                Measured.mean(totals.ces().n(), totals.ces().sum(), totals.ces().sumOfSquares());
            case SERVQUAL -> {
                var servqual = calculator.servqual(totals.servqual());
                yield servqual == null || servqual.weighted() == null
                        ? null
                        : new Measured(servqual.weighted(), totals.feedbackCount(), null);
            }
            case ANSWER_RATE -> Measured.proportion(interactions.answered(), interactions.offered());
            case SERVICE_LEVEL ->
                Measured.proportion(interactions.answeredWithinServiceLevel(), interactions.offered());
            case ABANDON_RATE -> Measured.proportion(interactions.abandoned(), interactions.offered());
            case FCR_RATE -> Measured.proportion(interactions.resolvedFirstContact(), interactions.answered());
            case AVG_HANDLE_SECONDS ->
                Measured.mean(
                        interactions.answered(),
                        interactions.handleSecondsSum(),
                        interactions.handleSecondsSumOfSquares());
            case FIRST_RESPONSE_COMPLIANCE ->
                Measured.proportion(complaints.acknowledgedWithinTarget(), complaints.acknowledged());
            case RESOLUTION_COMPLIANCE -> Measured.proportion(complaints.resolvedWithinTarget(), complaints.resolved());
        };
    }

    /** The SQI's sample size: the responses and interactions it was computed from. */
    private static long sqiN(BucketStatistics totals) {
        return totals.feedbackCount()
                + totals.interactions().offered()
                + totals.complaints().resolved();
    }
}

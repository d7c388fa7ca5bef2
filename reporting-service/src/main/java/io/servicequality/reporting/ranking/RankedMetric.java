package io.servicequality.reporting.ranking;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A metric branches can be ranked by: its value, its {@code n} and its 95 % interval, from summed statistics.
 * Proportions get Wilson intervals, NPS the adjusted-Wald one, means a normal interval from the sums of squares.
 * SQI and the weighted SERVQUAL gap are composites without a sampling interval: they tie only when equal.
 */
enum RankedMetric {
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

    String parameter() {
        return parameter;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    static Optional<RankedMetric> of(String parameter) {
        return Arrays.stream(values())
                .filter(metric -> metric.parameter.equalsIgnoreCase(parameter))
                .findFirst();
    }

    static List<String> parameters() {
        return Arrays.stream(values()).map(RankedMetric::parameter).toList();
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
            case CSAT -> proportion(totals.csat().satisfied(), totals.csat().n());
            case NPS -> {
                var nps = calculator.nps(totals.nps());
                yield nps == null ? null : new Measured(nps.score(), nps.n(), nps.ci95());
            }
            case CES -> mean(totals.ces().n(), totals.ces().sum(), totals.ces().sumOfSquares());
            case SERVQUAL -> {
                var servqual = calculator.servqual(totals.servqual());
                yield servqual == null || servqual.weighted() == null
                        ? null
                        : new Measured(servqual.weighted(), totals.feedbackCount(), null);
            }
            case ANSWER_RATE -> proportion(interactions.answered(), interactions.offered());
            case SERVICE_LEVEL -> proportion(interactions.answeredWithinServiceLevel(), interactions.offered());
            case ABANDON_RATE -> proportion(interactions.abandoned(), interactions.offered());
            case FCR_RATE -> proportion(interactions.resolvedFirstContact(), interactions.answered());
            case AVG_HANDLE_SECONDS ->
                mean(
                        interactions.answered(),
                        interactions.handleSecondsSum(),
                        interactions.handleSecondsSumOfSquares());
            case FIRST_RESPONSE_COMPLIANCE ->
                proportion(complaints.acknowledgedWithinTarget(), complaints.acknowledged());
            case RESOLUTION_COMPLIANCE -> proportion(complaints.resolvedWithinTarget(), complaints.resolved());
        };
    }

    /** @param ci95 {@code null} for composites */
    record Measured(double value, long n, List<Double> ci95) {

        double lower() {
            return ci95 == null ? value : ci95.get(0);
        }

        double upper() {
            return ci95 == null ? value : ci95.get(1);
        }
    }

    private static Measured proportion(long successes, long n) {
        return n == 0 ? null : new Measured(100.0 * successes / n, n, ScorecardCalculator.wilsonPercent(successes, n));
    }

    /** Mean ± 1.96 · s / √n with the sample standard deviation from the sums; no interval below two answers. */
    static Measured mean(long n, double sum, double sumOfSquares) {
        if (n == 0) {
            return null;
        }
        double mean = sum / n;
        if (n < 2) {
            return new Measured(mean, n, null);
        }
        double variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        double half = ScorecardCalculator.Z_95 * Math.sqrt(variance / n);
        return new Measured(mean, n, List.of(mean - half, mean + half));
    }

    /** The SQI's sample size: the responses and interactions it was computed from. */
    private static long sqiN(BucketStatistics totals) {
        return totals.feedbackCount()
                + totals.interactions().offered()
                + totals.complaints().resolved();
    }
}

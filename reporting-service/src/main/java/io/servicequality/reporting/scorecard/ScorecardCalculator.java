package io.servicequality.reporting.scorecard;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionDistributions;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.Histogram;
import io.servicequality.contracts.ServqualDimension;
import io.servicequality.reporting.complaint.ComplaintBacklog.Backlog;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard.Ces;
import io.servicequality.reporting.scorecard.Scorecard.ChannelScorecard;
import io.servicequality.reporting.scorecard.Scorecard.Complaints;
import io.servicequality.reporting.scorecard.Scorecard.Csat;
import io.servicequality.reporting.scorecard.Scorecard.Dimension;
import io.servicequality.reporting.scorecard.Scorecard.Feedback;
import io.servicequality.reporting.scorecard.Scorecard.Interactions;
import io.servicequality.reporting.scorecard.Scorecard.Nps;
import io.servicequality.reporting.scorecard.Scorecard.Percentiles;
import io.servicequality.reporting.scorecard.Scorecard.Servqual;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** The metric formulas of SPEC §4, computed exactly from summed bucket statistics. */
@Component
public class ScorecardCalculator {

    /** The standard normal quantile for a two-sided 95 % interval. */
    public static final double Z_95 = 1.96;

    private final ScorecardProperties.SqiWeights sqiWeights;
    private final ScorecardProperties.DimensionWeights defaultDimensionWeights;

    public ScorecardCalculator(ScorecardProperties properties) {
        this.sqiWeights = properties.sqiWeights();
        this.defaultDimensionWeights = properties.servqualDefaultWeights();
    }

    /** The scorecard of a scope from its summed statistics and its complaint backlog now. */
    public Scorecard scorecard(Scope scope, Instant from, Instant to, BucketStatistics totals, Backlog backlog) {
        Feedback feedback = feedback(totals);
        Interactions interactions = interactions(totals.interactions());
        Complaints complaints = complaints(totals.complaints(), totals.interactions(), backlog);
        return new Scorecard(
                scope,
                from,
                to,
                feedback,
                interactions,
                complaints,
                sqi(feedback, interactions, complaints),
                List.of(),
                byChannel(totals, backlog));
    }

    /**
     * The scorecard blocks of each channel with events in the range or complaints open now: from that channel's
     * statistics, and its complaints' {@code open} and {@code overdue} from the open complaints that came through it.
     */
    public Map<String, ChannelScorecard> byChannel(BucketStatistics totals, Backlog backlog) {
        Map<String, Backlog> openByChannel = backlog == null ? Map.of() : backlog.byChannel();
        SortedSet<String> names = new TreeSet<>(totals.byChannel().keySet());
        names.addAll(openByChannel.keySet());
        Map<String, ChannelScorecard> channels = new TreeMap<>();
        Backlog noneOpen = new Backlog(0, 0, List.of());
        for (String channel : names) {
            BucketStatistics statistics = totals.byChannel().getOrDefault(channel, BucketStatistics.EMPTY);
            Feedback feedback = feedback(statistics);
            Interactions interactions = interactions(statistics.interactions());
            Complaints complaints = complaints(
                    statistics.complaints(), statistics.interactions(), openByChannel.getOrDefault(channel, noneOpen));
            channels.put(
                    channel,
                    new ChannelScorecard(feedback, interactions, complaints, sqi(feedback, interactions, complaints)));
        }
        return channels;
    }

    public Feedback feedback(BucketStatistics totals) {
        RatingDistributions distributions = totals.distributions();
        return new Feedback(
                totals.feedbackCount(),
                servqual(totals.servqual(), distributions.servqual()),
                csat(totals.csat(), distributions.csat()),
                nps(totals.nps(), distributions.nps()),
                ces(totals.ces(), distributions.ces()));
    }

    /** {@code null} when nothing was offered. */
    public Interactions interactions(InteractionStatistics statistics) {
        long offered = statistics.offered();
        if (offered == 0) {
            return null;
        }
        long answered = statistics.answered();
        long answeredSimple = answered - statistics.complexAnswered();
        return new Interactions(
                offered,
                offered,
                answered,
                100.0 * answered / offered,
                100.0 * statistics.answeredWithinServiceLevel() / offered,
                100.0 * statistics.abandoned() / offered,
                answered == 0 ? null : statistics.handleSecondsSum() / answered,
                statistics.complexAnswered() == 0
                        ? null
                        : statistics.complexHandleSecondsSum() / statistics.complexAnswered(),
                answered == 0 ? null : 100.0 * statistics.resolvedFirstContact() / answered,
                percentiles(statistics.waitSeconds()),
                percentiles(statistics.handleSeconds()));
    }

    /** {@code null} when no complaint event fell in the range and none is open. */
    public Complaints complaints(ComplaintStatistics statistics, InteractionStatistics interactions, Backlog backlog) {
        long open = backlog == null ? 0 : backlog.open();
        long overdue = backlog == null ? 0 : backlog.overdue();
        if (statistics.equals(ComplaintStatistics.EMPTY) && open == 0) {
            return null;
        }
        return complaints(statistics, interactions, open, overdue);
    }

    private static Complaints complaints(
            ComplaintStatistics statistics, InteractionStatistics interactions, Long open, Long overdue) {
        long resolved = statistics.resolved();
        return new Complaints(
                statistics.opened(),
                statistics.acknowledged(),
                resolved,
                statistics.closed(),
                statistics.reopened(),
                interactions.offered() == 0 ? null : 1000.0 * statistics.opened() / interactions.offered(),
                percentOrNull(statistics.acknowledgedWithinTarget(), statistics.acknowledged()),
                percentOrNull(statistics.resolvedWithinTarget(), resolved),
                resolved == 0 ? null : statistics.businessMinutesToResolveSum() / 60.0 / resolved,
                statistics.businessHoursToResolve().percentile(90),
                percentOrNull(statistics.reopened(), resolved),
                statistics.slaWarnings(),
                statistics.slaBreaches(),
                open,
                overdue);
    }

    private static Percentiles percentiles(Histogram histogram) {
        if (histogram.n() == 0) {
            return null;
        }
        return new Percentiles(histogram.percentile(50), histogram.percentile(90), histogram.percentile(99));
    }

    private static Double percentOrNull(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }

    /**
     * Per rated dimension E, P and Gap = P − E; the unweighted score is the mean gap, the weighted one Σ w·Gap with the
     * weights (mean importance points / 100, else the default weight) renormalised over the rated dimensions.
     */
    public Servqual servqual(ServqualStatistics statistics) {
        return servqual(statistics, ServqualDistributions.EMPTY);
    }

    /** {@link #servqual(ServqualStatistics)} with each dimension's standard deviations and distributions. */
    public Servqual servqual(ServqualStatistics statistics, ServqualDistributions distributions) {
        Map<String, Dimension> dimensions = new LinkedHashMap<>();
        double gapSum = 0;
        double weightSum = 0;
        double weightedGapSum = 0;
        for (ServqualDimension dimension : ServqualDimension.values()) {
            DimensionStatistics rated = statistics.of(dimension);
            if (rated.n() == 0) {
                continue;
            }
            double expectation = rated.expectationSum() / rated.n();
            double perception = rated.perceptionSum() / rated.n();
            double gap = perception - expectation;
            Double importance = rated.importanceN() == 0 ? null : rated.importanceSum() / rated.importanceN();
            double weight = importance == null ? defaultDimensionWeights.of(dimension) : importance / 100;
            DimensionDistributions distributed = distributions.of(dimension);
            dimensions.put(
                    dimension.fieldName(),
                    new Dimension(
                            rated.n(),
                            expectation,
                            perception,
                            gap,
                            importance,
                            sampleStandardDeviation(rated.n(), rated.expectationSum(), rated.expectationSumOfSquares()),
                            sampleStandardDeviation(rated.n(), rated.perceptionSum(), rated.perceptionSumOfSquares()),
                            distribution(distributed.expectation(), rated.n(), SEVEN_POINT),
                            distribution(distributed.perception(), rated.n(), SEVEN_POINT)));
            gapSum += gap;
            weightSum += weight;
            weightedGapSum += weight * gap;
        }
        if (dimensions.isEmpty()) {
            return null;
        }
        Double weighted = weightSum > 0 ? weightedGapSum / weightSum : null;
        return new Servqual(dimensions, gapSum / dimensions.size(), weighted);
    }

    public Csat csat(CsatStatistics statistics) {
        return csat(statistics, Map.of());
    }

    /** @param distribution answers per value, as counted with the statistics */
    public Csat csat(CsatStatistics statistics, Map<Integer, Long> distribution) {
        if (statistics.n() == 0) {
            return null;
        }
        double percent = 100.0 * statistics.satisfied() / statistics.n();
        return new Csat(
                statistics.n(),
                percent,
                wilsonPercent(statistics.satisfied(), statistics.n()),
                sampleStandardDeviation(statistics.n(), statistics.sum(), statistics.sumOfSquares()),
                distribution(distribution, statistics.n(), FIVE_POINT));
    }

    public Nps nps(NpsStatistics statistics) {
        return nps(statistics, Map.of());
    }

    /**
     * @param distribution answers per value, as counted with the statistics; the standard deviation comes from it (the
     *     NPS statistics keep no sums), so it is {@code null} when the distribution does not cover every answer
     */
    public Nps nps(NpsStatistics statistics, Map<Integer, Long> distribution) {
        if (statistics.n() == 0) {
            return null;
        }
        double score = 100.0 * (statistics.promoters() - statistics.detractors()) / statistics.n();
        Map<String, Long> complete = distribution(distribution, statistics.n(), ELEVEN_POINT);
        Double stdDev = null;
        if (complete != null) {
            double sum = 0;
            double sumOfSquares = 0;
            for (Map.Entry<Integer, Long> answers : distribution.entrySet()) {
                sum += (double) answers.getKey() * answers.getValue();
                sumOfSquares += (double) answers.getKey() * answers.getKey() * answers.getValue();
            }
            stdDev = sampleStandardDeviation(statistics.n(), sum, sumOfSquares);
        }
        return new Nps(
                statistics.n(),
                score,
                statistics.promoters(),
                statistics.passives(),
                statistics.detractors(),
                adjustedWaldNps(statistics.promoters(), statistics.detractors(), statistics.n()),
                stdDev,
                complete);
    }

    public Ces ces(MeanStatistics statistics) {
        return ces(statistics, Map.of());
    }

    /** @param distribution answers per value, as counted with the statistics */
    public Ces ces(MeanStatistics statistics, Map<Integer, Long> distribution) {
        if (statistics.n() == 0) {
            return null;
        }
        return new Ces(
                statistics.n(),
                statistics.sum() / statistics.n(),
                sampleStandardDeviation(statistics.n(), statistics.sum(), statistics.sumOfSquares()),
                distribution(distribution, statistics.n(), SEVEN_POINT));
    }

    /** The values of the rating scales, lowest to highest. */
    private static final int[] FIVE_POINT = {1, 2, 3, 4, 5};

    private static final int[] SEVEN_POINT = {1, 2, 3, 4, 5, 6, 7};
    private static final int[] ELEVEN_POINT = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    /**
     * The sample standard deviation (divisor n − 1) of n values from their sum and sum of squares; {@code null} when
     * n < 2, where it is undefined.
     */
    public static Double sampleStandardDeviation(long n, double sum, double sumOfSquares) {
        if (n < 2) {
            return null;
        }
        double variance = (sumOfSquares - sum * sum / n) / (n - 1);
        // rounding can leave a tiny negative variance when every answer is the same
        return Math.sqrt(Math.max(0, variance));
    }

    /**
     * Answers per value of the scale, every value listed (0 when nobody gave it), by the value as a string; {@code null}
     * when the counts do not cover all {@code n} answers (part of the range was counted before distributions were
     * kept), as a partial distribution would misstate the shares.
     */
    static Map<String, Long> distribution(Map<Integer, Long> counts, long n, int[] scale) {
        if (RatingDistributions.total(counts) != n) {
            return null;
        }
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int value : scale) {
            distribution.put(Integer.toString(value), counts.getOrDefault(value, 0L));
        }
        return distribution;
    }

    public Double sqi(Feedback feedback, Interactions interactions, Complaints complaints) {
        return sqi(
                feedback.csat() == null ? null : feedback.csat().percent(),
                feedback.nps() == null ? null : feedback.nps().score(),
                feedback.servqual() == null ? null : feedback.servqual().weighted(),
                interactions == null ? null : interactions.answerRate(),
                complaints == null ? null : complaints.resolutionCompliance());
    }

    /** The SQI of summed statistics (the complaint backlog does not enter it). */
    public Double sqi(BucketStatistics totals) {
        return sqi(
                feedback(totals),
                interactions(totals.interactions()),
                complaints(totals.complaints(), totals.interactions(), null));
    }

    /**
     * Weighted mean of CSAT %, (NPS + 100) / 2, (weighted SERVQUAL gap + 6) / 12 · 100, answer rate % and resolution
     * SLA compliance %; components without data ({@code null}) are left out and the weights renormalised.
     *
     * @return 0–100, or {@code null} when no component (with a positive weight) has data
     */
    public Double sqi(
            Double csatPercent,
            Double npsScore,
            Double servqualWeightedGap,
            Double answerRatePercent,
            Double resolutionCompliancePercent) {
        List<Component> withData = Stream.of(
                        new Component(sqiWeights.csat(), csatPercent),
                        new Component(sqiWeights.nps(), npsScore == null ? null : (npsScore + 100) / 2),
                        new Component(
                                sqiWeights.servqual(),
                                servqualWeightedGap == null ? null : (servqualWeightedGap + 6) / 12 * 100),
                        new Component(sqiWeights.answerRate(), answerRatePercent),
                        new Component(sqiWeights.resolutionCompliance(), resolutionCompliancePercent))
                .filter(component -> component.value() != null)
                .toList();
        double weightSum = withData.stream().mapToDouble(Component::weight).sum();
        if (weightSum <= 0) {
            return null;
        }
        return withData.stream()
                        .mapToDouble(component -> component.weight() * component.value())
                        .sum()
                / weightSum;
    }

    /** One SQI component on the 0–100 scale; {@code value} is {@code null} without data. */
    private record Component(double weight, Double value) {}

    /** 95 % Wilson score interval of a proportion, in percent. */
    public static List<Double> wilsonPercent(long successes, long n) {
        double p = (double) successes / n;
        double z2 = Z_95 * Z_95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double halfWidth = Z_95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return List.of(clamp(100 * (centre - halfWidth), 0, 100), clamp(100 * (centre + halfWidth), 0, 100));
    }

    /**
     * 95 % adjusted-Wald interval of an NPS (Rocks 2016): ¾ added to promoters and to detractors, 3 to n, clamped to
     * [−100, 100].
     */
    public static List<Double> adjustedWaldNps(long promoters, long detractors, long n) {
        double adjustedN = n + 3.0;
        double p = (promoters + 0.75) / adjustedN;
        double d = (detractors + 0.75) / adjustedN;
        double centre = 100 * (p - d);
        double halfWidth = Z_95 * 100 * Math.sqrt(((p + d) - (p - d) * (p - d)) / adjustedN);
        return List.of(clamp(centre - halfWidth, -100, 100), clamp(centre + halfWidth, -100, 100));
    }

    private static double clamp(double value, double lowest, double highest) {
        return Math.max(lowest, Math.min(highest, value));
    }
}

package io.servicequality.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/**
 * The additive statistics of one bucket (SPEC §4): every metric is computed from these, and any time range or
 * roll-up is their sum, never a re-scan of raw events. Absent blocks mean zero.
 *
 * @param feedbackCount feedback events counted in the bucket
 * @param distributions how many answers gave each value of each rating (absent in statistics counted before the
 *     distributions were added: their blocks' {@code n} then exceeds the distribution's total)
 * @param byChannel the statistics of the events of each channel, by channel name ({@link Channel#name()}): every event
 *     that names its channel is counted both in these totals and in its channel's entry; an event without a channel
 *     only in the totals. The entries carry no {@code byChannel} and no {@code drivers} of their own.
 */
@JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyBlocks.class)
public record BucketStatistics(
        long feedbackCount,
        ServqualStatistics servqual,
        CsatStatistics csat,
        NpsStatistics nps,
        MeanStatistics ces,
        ComplaintStatistics complaints,
        InteractionStatistics interactions,
        DriverStatistics drivers,
        RatingDistributions distributions,
        Map<String, BucketStatistics> byChannel) {

    public BucketStatistics {
        servqual = servqual == null ? ServqualStatistics.EMPTY : servqual;
        csat = csat == null ? CsatStatistics.EMPTY : csat;
        nps = nps == null ? NpsStatistics.EMPTY : nps;
        ces = ces == null ? MeanStatistics.EMPTY : ces;
        complaints = complaints == null ? ComplaintStatistics.EMPTY : complaints;
        interactions = interactions == null ? InteractionStatistics.EMPTY : interactions;
        drivers = drivers == null ? DriverStatistics.EMPTY : drivers;
        distributions = distributions == null ? RatingDistributions.EMPTY : distributions;
        byChannel = byChannel == null ? Map.of() : Map.copyOf(byChannel);
    }

    /** Statistics without distributions and channel breakdown (the schema before they were added). */
    public BucketStatistics(
            long feedbackCount,
            ServqualStatistics servqual,
            CsatStatistics csat,
            NpsStatistics nps,
            MeanStatistics ces,
            ComplaintStatistics complaints,
            InteractionStatistics interactions,
            DriverStatistics drivers) {
        this(feedbackCount, servqual, csat, nps, ces, complaints, interactions, drivers, null, null);
    }

    public static final BucketStatistics EMPTY = new BucketStatistics(0, null, null, null, null, null, null, null);

    /**
     * The headline blocks only — feedback count, SERVQUAL, CSAT, NPS, CES, complaints, interactions — without the
     * key-driver sums, the rating distributions and the channel breakdown; this instance when it has none of them. What a
     * minute bucket keeps and publishes: minute buckets feed the live view (SPEC §4), which shows none of the three.
     */
    public BucketStatistics withoutBreakdowns() {
        if (drivers.equals(DriverStatistics.EMPTY)
                && distributions.equals(RatingDistributions.EMPTY)
                && byChannel.isEmpty()) {
            return this;
        }
        return new BucketStatistics(
                feedbackCount, servqual, csat, nps, ces, complaints, interactions, null, null, null);
    }

    public BucketStatistics plus(BucketStatistics other) {
        return new BucketStatistics(
                feedbackCount + other.feedbackCount,
                servqual.plus(other.servqual),
                csat.plus(other.csat),
                nps.plus(other.nps),
                ces.plus(other.ces),
                complaints.plus(other.complaints),
                interactions.plus(other.interactions),
                drivers.plus(other.drivers),
                distributions.plus(other.distributions),
                plusByChannel(byChannel, other.byChannel));
    }

    /**
     * These statistics as counted for one channel: the totals, and the same again (without drivers) as the channel's
     * entry; {@code channel == null} leaves them as they are.
     */
    public BucketStatistics inChannel(Channel channel) {
        if (channel == null) {
            return this;
        }
        BucketStatistics entry = new BucketStatistics(
                feedbackCount, servqual, csat, nps, ces, complaints, interactions, null, distributions, null);
        return new BucketStatistics(
                feedbackCount,
                servqual,
                csat,
                nps,
                ces,
                complaints,
                interactions,
                drivers,
                distributions,
                Map.of(channel.name(), entry));
    }

    private static Map<String, BucketStatistics> plusByChannel(
            Map<String, BucketStatistics> left, Map<String, BucketStatistics> right) {
        if (right.isEmpty()) {
            return left;
        }
        if (left.isEmpty()) {
            return right;
        }
        Map<String, BucketStatistics> merged = new TreeMap<>(left);
        right.forEach((channel, statistics) -> merged.merge(channel, statistics, BucketStatistics::plus));
        return merged;
    }

    /** Adds two sparse count maps key by key. */
    static <K> Map<K, Long> plusCounts(Map<K, Long> left, Map<K, Long> right) {
        if (right.isEmpty()) {
            return left;
        }
        Map<K, Long> merged = new TreeMap<>(left);
        right.forEach((key, count) -> merged.merge(key, count, Long::sum));
        return Map.copyOf(merged);
    }

    /** Per SERVQUAL dimension; a dimension nobody rated has {@code n == 0}. */
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyBlocks.class)
    public record ServqualStatistics(
            DimensionStatistics tangibles,
            DimensionStatistics reliability,
            DimensionStatistics responsiveness,
            DimensionStatistics assurance,
            DimensionStatistics empathy) {

        public static final ServqualStatistics EMPTY = new ServqualStatistics(null, null, null, null, null);

        public ServqualStatistics {
            tangibles = orEmpty(tangibles);
            reliability = orEmpty(reliability);
            responsiveness = orEmpty(responsiveness);
            assurance = orEmpty(assurance);
            empathy = orEmpty(empathy);
        }

        private static DimensionStatistics orEmpty(DimensionStatistics statistics) {
            return statistics == null ? DimensionStatistics.EMPTY : statistics;
        }

        public DimensionStatistics of(ServqualDimension dimension) {
            return switch (dimension) {
                case TANGIBLES -> tangibles;
                case RELIABILITY -> reliability;
                case RESPONSIVENESS -> responsiveness;
                case ASSURANCE -> assurance;
                case EMPATHY -> empathy;
            };
        }

        public ServqualStatistics plus(ServqualStatistics other) {
            return new ServqualStatistics(
                    tangibles.plus(other.tangibles),
                    reliability.plus(other.reliability),
                    responsiveness.plus(other.responsiveness),
                    assurance.plus(other.assurance),
                    empathy.plus(other.empathy));
        }
    }

    /**
     * @param n respondents who rated the dimension
     * @param importanceN respondents who gave the dimension importance points
     * @param importanceSum their points, summed
     */
    public record DimensionStatistics(
            long n,
            double expectationSum,
            double perceptionSum,
            double expectationSumOfSquares,
            double perceptionSumOfSquares,
            long importanceN,
            double importanceSum) {

        public static final DimensionStatistics EMPTY = new DimensionStatistics(0, 0, 0, 0, 0, 0, 0);

        public DimensionStatistics plus(DimensionStatistics other) {
            return new DimensionStatistics(
                    n + other.n,
                    expectationSum + other.expectationSum,
                    perceptionSum + other.perceptionSum,
                    expectationSumOfSquares + other.expectationSumOfSquares,
                    perceptionSumOfSquares + other.perceptionSumOfSquares,
                    importanceN + other.importanceN,
                    importanceSum + other.importanceSum);
        }
    }

    /**
     * @param n answers on the 1–5 scale
     * @param satisfied answers of 4 or 5
     */
    public record CsatStatistics(long n, long satisfied, long sum, long sumOfSquares) {

        public static final CsatStatistics EMPTY = new CsatStatistics(0, 0, 0, 0);

        public CsatStatistics plus(CsatStatistics other) {
            return new CsatStatistics(
                    n + other.n, satisfied + other.satisfied, sum + other.sum, sumOfSquares + other.sumOfSquares);
        }
    }

    /** Promoters answered 9–10, passives 7–8, detractors 0–6; {@code n} is their total. */
    public record NpsStatistics(long n, long promoters, long passives, long detractors) {

        public static final NpsStatistics EMPTY = new NpsStatistics(0, 0, 0, 0);

        public NpsStatistics plus(NpsStatistics other) {
            return new NpsStatistics(
                    n + other.n, promoters + other.promoters, passives + other.passives, detractors + other.detractors);
        }
    }

    public record MeanStatistics(long n, double sum, double sumOfSquares) {

        public static final MeanStatistics EMPTY = new MeanStatistics(0, 0, 0);

        public MeanStatistics plus(MeanStatistics other) {
            return new MeanStatistics(n + other.n, sum + other.sum, sumOfSquares + other.sumOfSquares);
        }
    }

    /**
     * Complaint lifecycle counts, each in the bucket of the lifecycle event's time.
     *
     * @param acknowledgedWithinTarget acknowledged before the first-response due time
     * @param resolvedWithinTarget resolved before the resolution due time
     * @param businessMinutesToResolveSum business minutes from opening to resolution, summed over {@code resolved}
     * @param businessHoursToResolve histogram of business hours to resolve (for the p90)
     * @param openedByCategory opened complaints per category name
     * @param openedBySeverity opened complaints per severity name
     * @param openedByDepartment opened complaints per department ({@code "unassigned"} when none)
     */
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyBlocks.class)
    public record ComplaintStatistics(
            long opened,
            long acknowledged,
            long acknowledgedWithinTarget,
            long resolved,
            long resolvedWithinTarget,
            double businessMinutesToResolveSum,
            Histogram businessHoursToResolve,
            long reopened,
            long closed,
            long slaWarnings,
            long slaBreaches,
            Map<String, Long> openedByCategory,
            Map<String, Long> openedBySeverity,
            Map<String, Long> openedByDepartment) {

        public static final ComplaintStatistics EMPTY =
                new ComplaintStatistics(0, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, null, null, null);

        /** Only complaints opened (the schema before the lifecycle counts were added). */
        public ComplaintStatistics(long opened) {
            this(opened, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, null, null, null);
        }

        public ComplaintStatistics {
            businessHoursToResolve = businessHoursToResolve == null ? Histogram.EMPTY : businessHoursToResolve;
            openedByCategory = openedByCategory == null ? Map.of() : Map.copyOf(openedByCategory);
            openedBySeverity = openedBySeverity == null ? Map.of() : Map.copyOf(openedBySeverity);
            openedByDepartment = openedByDepartment == null ? Map.of() : Map.copyOf(openedByDepartment);
        }

        public ComplaintStatistics plus(ComplaintStatistics other) {
            return new ComplaintStatistics(
                    opened + other.opened,
                    acknowledged + other.acknowledged,
                    acknowledgedWithinTarget + other.acknowledgedWithinTarget,
                    resolved + other.resolved,
                    resolvedWithinTarget + other.resolvedWithinTarget,
                    businessMinutesToResolveSum + other.businessMinutesToResolveSum,
                    businessHoursToResolve.plus(other.businessHoursToResolve),
                    reopened + other.reopened,
                    closed + other.closed,
                    slaWarnings + other.slaWarnings,
                    slaBreaches + other.slaBreaches,
                    plusCounts(openedByCategory, other.openedByCategory),
                    plusCounts(openedBySeverity, other.openedBySeverity),
                    plusCounts(openedByDepartment, other.openedByDepartment));
        }
    }

    /**
     * Service interactions (SPEC §4 "Interactions").
     *
     * @param answeredWithinServiceLevel answered with {@code waitSeconds} at most the tenant's service-level threshold
     * @param handleSecondsSum handle time of answered interactions, summed
     * @param complexAnswered answered interactions flagged complex (held to the longer handle-time standard)
     * @param complexHandleSecondsSum handle time of those, summed
     * @param waitSeconds histogram of wait times of all offered interactions
     * @param handleSeconds histogram of handle times of answered interactions
     */
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyBlocks.class)
    public record InteractionStatistics(
            long offered,
            long answered,
            long abandoned,
            long answeredWithinServiceLevel,
            long resolvedFirstContact,
            double handleSecondsSum,
            double handleSecondsSumOfSquares,
            long complexAnswered,
            double complexHandleSecondsSum,
            Histogram waitSeconds,
            Histogram handleSeconds) {

        public static final InteractionStatistics EMPTY =
                new InteractionStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);

        public InteractionStatistics {
            waitSeconds = waitSeconds == null ? Histogram.EMPTY : waitSeconds;
            handleSeconds = handleSeconds == null ? Histogram.EMPTY : handleSeconds;
        }

        public InteractionStatistics plus(InteractionStatistics other) {
            return new InteractionStatistics(
                    offered + other.offered,
                    answered + other.answered,
                    abandoned + other.abandoned,
                    answeredWithinServiceLevel + other.answeredWithinServiceLevel,
                    resolvedFirstContact + other.resolvedFirstContact,
                    handleSecondsSum + other.handleSecondsSum,
                    handleSecondsSumOfSquares + other.handleSecondsSumOfSquares,
                    complexAnswered + other.complexAnswered,
                    complexHandleSecondsSum + other.complexHandleSecondsSum,
                    waitSeconds.plus(other.waitSeconds),
                    handleSeconds.plus(other.handleSeconds));
        }
    }

    /**
     * Summed cross-products for the key-driver regression of csat (y) on the five perception scores (x), over the
     * respondents who answered csat and rated all five dimensions. Keys of {@code sums}: {@link #xKey}, {@link
     * #xyKey}, {@link #xxKey} (no dots, so they can be MongoDB field names).
     */
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyBlocks.class)
    public record DriverStatistics(long n, double ySum, double ySumOfSquares, Map<String, Double> sums) {

        public static final DriverStatistics EMPTY = new DriverStatistics(0, 0, 0, null);

        public DriverStatistics {
            sums = sums == null ? Map.of() : Map.copyOf(sums);
        }

        /** The contribution of one respondent, or {@link #EMPTY} unless csat and all five perceptions are given. */
        public static DriverStatistics of(Integer csat, ServqualRatings servqual) {
            if (csat == null || servqual == null) {
                return EMPTY;
            }
            ServqualDimension[] dimensions = ServqualDimension.values();
            double[] x = new double[dimensions.length];
            for (int i = 0; i < dimensions.length; i++) {
                DimensionRating rating = dimensions[i].ratingIn(servqual);
                if (rating == null) {
                    return EMPTY;
                }
                x[i] = rating.perception();
            }
            Map<String, Double> sums = new TreeMap<>();
            for (int i = 0; i < dimensions.length; i++) {
                sums.put(xKey(dimensions[i]), x[i]);
                sums.put(xyKey(dimensions[i]), x[i] * csat);
                for (int j = i; j < dimensions.length; j++) {
                    sums.put(xxKey(dimensions[i], dimensions[j]), x[i] * x[j]);
                }
            }
            return new DriverStatistics(1, csat, (double) csat * csat, sums);
        }

        public static String xKey(ServqualDimension dimension) {
            return "x_" + dimension.fieldName();
        }

        public static String xyKey(ServqualDimension dimension) {
            return "xy_" + dimension.fieldName();
        }

        /** Symmetric: {@code xxKey(a, b).equals(xxKey(b, a))}. */
        public static String xxKey(ServqualDimension a, ServqualDimension b) {
            ServqualDimension first = a.ordinal() <= b.ordinal() ? a : b;
            ServqualDimension second = first == a ? b : a;
            return "xx_" + first.fieldName() + "_" + second.fieldName();
        }

        public double sum(String key) {
            return sums.getOrDefault(key, 0.0);
        }

        public DriverStatistics plus(DriverStatistics other) {
            if (other.n == 0 && other.sums.isEmpty()) {
                return this;
            }
            Map<String, Double> merged = new TreeMap<>(sums);
            other.sums.forEach((key, value) -> merged.merge(key, value, Double::sum));
            return new DriverStatistics(n + other.n, ySum + other.ySum, ySumOfSquares + other.ySumOfSquares, merged);
        }
    }

    /**
     * Frequency distributions of the ratings: per rating, how many answers gave each value (sparse: values nobody gave
     * are absent). csat 1–5, nps 0–10, ces 1–7, SERVQUAL expectation and perception 1–7 per dimension. A SERVQUAL
     * rating averaged from several items can be fractional; it is counted at the value it rounds to, halves up ({@link
     * #valueOf(double)}): its mean and standard deviation come exactly from the sums and sums of squares of {@link
     * DimensionStatistics}, the distribution shows where the answers lie on the scale.
     */
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyBlocks.class)
    public record RatingDistributions(
            Map<Integer, Long> csat, Map<Integer, Long> nps, Map<Integer, Long> ces, ServqualDistributions servqual) {

        public static final RatingDistributions EMPTY = new RatingDistributions(null, null, null, null);

        public RatingDistributions {
            csat = csat == null ? Map.of() : Map.copyOf(csat);
            nps = nps == null ? Map.of() : Map.copyOf(nps);
            ces = ces == null ? Map.of() : Map.copyOf(ces);
            servqual = servqual == null ? ServqualDistributions.EMPTY : servqual;
        }

        /** The value a rating is counted at: itself when whole, else the nearest whole value, halves up. */
        public static int valueOf(double rating) {
            return (int) Math.floor(rating + 0.5);
        }

        /** One answer of {@code value}, or nothing when unanswered. */
        public static Map<Integer, Long> one(Integer value) {
            return value == null ? Map.of() : Map.of(value, 1L);
        }

        public RatingDistributions plus(RatingDistributions other) {
            if (other.equals(EMPTY)) {
                return this;
            }
            return new RatingDistributions(
                    plusCounts(csat, other.csat),
                    plusCounts(nps, other.nps),
                    plusCounts(ces, other.ces),
                    servqual.plus(other.servqual));
        }

        /** The number of answers counted in a distribution. */
        public static long total(Map<Integer, Long> distribution) {
            return distribution.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Per SERVQUAL dimension, the distributions of its expectation and perception ratings. */
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyBlocks.class)
    public record ServqualDistributions(
            DimensionDistributions tangibles,
            DimensionDistributions reliability,
            DimensionDistributions responsiveness,
            DimensionDistributions assurance,
            DimensionDistributions empathy) {

        public static final ServqualDistributions EMPTY = new ServqualDistributions(null, null, null, null, null);

        public ServqualDistributions {
            tangibles = orEmpty(tangibles);
            reliability = orEmpty(reliability);
            responsiveness = orEmpty(responsiveness);
            assurance = orEmpty(assurance);
            empathy = orEmpty(empathy);
        }

        private static DimensionDistributions orEmpty(DimensionDistributions distributions) {
            return distributions == null ? DimensionDistributions.EMPTY : distributions;
        }

        public DimensionDistributions of(ServqualDimension dimension) {
            return switch (dimension) {
                case TANGIBLES -> tangibles;
                case RELIABILITY -> reliability;
                case RESPONSIVENESS -> responsiveness;
                case ASSURANCE -> assurance;
                case EMPATHY -> empathy;
            };
        }

        /** The distributions of one respondent's ratings, or {@link #EMPTY} without SERVQUAL answers. */
        public static ServqualDistributions of(ServqualRatings ratings) {
            if (ratings == null) {
                return EMPTY;
            }
            return new ServqualDistributions(
                    DimensionDistributions.of(ratings.tangibles()),
                    DimensionDistributions.of(ratings.reliability()),
                    DimensionDistributions.of(ratings.responsiveness()),
                    DimensionDistributions.of(ratings.assurance()),
                    DimensionDistributions.of(ratings.empathy()));
        }

        public ServqualDistributions plus(ServqualDistributions other) {
            return new ServqualDistributions(
                    tangibles.plus(other.tangibles),
                    reliability.plus(other.reliability),
                    responsiveness.plus(other.responsiveness),
                    assurance.plus(other.assurance),
                    empathy.plus(other.empathy));
        }
    }

    /** Counts per value (1–7) of one dimension's expectation and perception ratings. */
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyBlocks.class)
    public record DimensionDistributions(Map<Integer, Long> expectation, Map<Integer, Long> perception) {

        public static final DimensionDistributions EMPTY = new DimensionDistributions(null, null);

        public DimensionDistributions {
            expectation = expectation == null ? Map.of() : Map.copyOf(expectation);
            perception = perception == null ? Map.of() : Map.copyOf(perception);
        }

        static DimensionDistributions of(DimensionRating rating) {
            if (rating == null) {
                return EMPTY;
            }
            return new DimensionDistributions(
                    Map.of(RatingDistributions.valueOf(rating.expectation()), 1L),
                    Map.of(RatingDistributions.valueOf(rating.perception()), 1L));
        }

        public DimensionDistributions plus(DimensionDistributions other) {
            return new DimensionDistributions(
                    plusCounts(expectation, other.expectation), plusCounts(perception, other.perception));
        }
    }
}

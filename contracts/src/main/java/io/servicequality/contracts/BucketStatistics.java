package io.servicequality.contracts;

/**
 * The additive statistics of one bucket (SPEC §4): every metric is computed from these, and any time range or
 * roll-up is their sum, never a re-scan of raw events. Absent blocks mean zero.
 *
 * @param feedbackCount feedback events counted in the bucket
 */
public record BucketStatistics(
        long feedbackCount,
        ServqualStatistics servqual,
        CsatStatistics csat,
        NpsStatistics nps,
        MeanStatistics ces,
        ComplaintStatistics complaints) {

    public BucketStatistics {
        servqual = servqual == null ? ServqualStatistics.EMPTY : servqual;
        csat = csat == null ? CsatStatistics.EMPTY : csat;
        nps = nps == null ? NpsStatistics.EMPTY : nps;
        ces = ces == null ? MeanStatistics.EMPTY : ces;
        complaints = complaints == null ? ComplaintStatistics.EMPTY : complaints;
    }

    public static final BucketStatistics EMPTY = new BucketStatistics(0, null, null, null, null, null);

    public BucketStatistics plus(BucketStatistics other) {
        return new BucketStatistics(
                feedbackCount + other.feedbackCount,
                servqual.plus(other.servqual),
                csat.plus(other.csat),
                nps.plus(other.nps),
                ces.plus(other.ces),
                complaints.plus(other.complaints));
    }

    /** Per SERVQUAL dimension; a dimension nobody rated has {@code n == 0}. */
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

    public record ComplaintStatistics(long opened) {

        public static final ComplaintStatistics EMPTY = new ComplaintStatistics(0);

        public ComplaintStatistics plus(ComplaintStatistics other) {
            return new ComplaintStatistics(opened + other.opened);
        }
    }
}

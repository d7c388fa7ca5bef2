package io.servicequality.scoring.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.DriverStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.Histogram;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.ServqualDimension;
import io.servicequality.contracts.ServqualRatings;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one event adds to the statistics of the buckets its event time falls in: to the totals and, when the event names
 * its channel, to that channel's entry ({@link BucketStatistics#inChannel}). Unanswered questions add nothing; values
 * outside their scale make the event {@link InvalidEvent invalid} rather than skew the statistics.
 */
record Contribution(String tenantId, String branchId, Instant occurredAt, BucketStatistics statistics) {

    static Contribution of(FeedbackSubmitted event) {
        requireCommonFields(event);
        var statistics = new BucketStatistics(
                1,
                servqualOf(event.servqual(), event.importance()),
                csatOf(event.csat()),
                npsOf(event.nps()),
                cesOf(event.ces()),
                null,
                null,
                DriverStatistics.of(event.csat(), event.servqual()),
                new RatingDistributions(
                        RatingDistributions.one(event.csat()),
                        RatingDistributions.one(event.nps()),
                        RatingDistributions.one(event.ces()),
                        ServqualDistributions.of(event.servqual())),
                null);
        return new Contribution(
                event.tenantId(), event.branchId(), event.occurredAt(), statistics.inChannel(event.channel()));
    }

    /**
     * One offered interaction.
     *
     * @param serviceLevelSeconds the tenant's service-level threshold: answered within it counts as within service
     *     level
     */
    static Contribution of(InteractionRecorded event, int serviceLevelSeconds) {
        requireCommonFields(event);
        if (event.answered() && event.abandoned()) {
            throw new InvalidEvent("an interaction cannot be both answered and abandoned");
        }
        Integer wait = event.waitSeconds();
        Integer handle = event.handleSeconds();
        if (wait != null && wait < 0) {
            throw new InvalidEvent("waitSeconds must not be negative");
        }
        if (handle != null && handle < 0) {
            throw new InvalidEvent("handleSeconds must not be negative");
        }
        boolean answered = event.answered();
        boolean handled = answered && handle != null;
        double handleSeconds = handled ? handle : 0;
        var interactions = new InteractionStatistics(
                1,
                answered ? 1 : 0,
                event.abandoned() ? 1 : 0,
                answered && wait != null && wait <= serviceLevelSeconds ? 1 : 0,
                answered && event.resolvedFirstContact() ? 1 : 0,
                handleSeconds,
                handleSeconds * handleSeconds,
                answered && event.complex() ? 1 : 0,
                answered && event.complex() ? handleSeconds : 0,
                wait == null ? Histogram.EMPTY : Histogram.of(wait),
                handled ? Histogram.of(handle) : Histogram.EMPTY);
        var statistics = new BucketStatistics(0, null, null, null, null, null, interactions, null);
        return new Contribution(
                event.tenantId(), event.branchId(), event.occurredAt(), statistics.inChannel(event.channel()));
    }

    /**
     * A step in a complaint's life, in the bucket of the step's time. Steps without a statistic of their own
     * (assigned, on hold, resumed, escalated, followed up) count nothing.
     */
    static Optional<Contribution> of(ComplaintChanged event) {
        requireCommonFields(event);
        if (event.type() == null) {
            throw new InvalidEvent("type is required");
        }
        boolean withinTarget = Boolean.TRUE.equals(event.withinTarget());
        ComplaintStatistics complaints = switch (event.type()) {
            case OPENED ->
                new ComplaintStatistics(
                        1,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        0,
                        0,
                        0,
                        0,
                        event.category() == null
                                ? Map.of()
                                : Map.of(event.category().name(), 1L),
                        event.severity() == null
                                ? Map.of()
                                : Map.of(event.severity().name(), 1L),
                        Map.of(departmentKey(event.department()), 1L));
            case ACKNOWLEDGED ->
                new ComplaintStatistics(0, 1, withinTarget ? 1 : 0, 0, 0, 0, null, 0, 0, 0, 0, null, null, null);
            case RESOLVED -> resolved(event, withinTarget);
            case REOPENED -> new ComplaintStatistics(0, 0, 0, 0, 0, 0, null, 1, 0, 0, 0, null, null, null);
            case CLOSED -> new ComplaintStatistics(0, 0, 0, 0, 0, 0, null, 0, 1, 0, 0, null, null, null);
            case SLA_WARNING -> new ComplaintStatistics(0, 0, 0, 0, 0, 0, null, 0, 0, 1, 0, null, null, null);
            case SLA_BREACHED -> new ComplaintStatistics(0, 0, 0, 0, 0, 0, null, 0, 0, 0, 1, null, null, null);
            case ASSIGNED, ON_HOLD, RESUMED, ESCALATED, FOLLOWED_UP -> null;
        };
        if (complaints == null) {
            return Optional.empty();
        }
        var statistics = new BucketStatistics(0, null, null, null, null, complaints, null, null);
        return Optional.of(new Contribution(
                event.tenantId(), event.branchId(), event.occurredAt(), statistics.inChannel(event.channel())));
    }

    private static ComplaintStatistics resolved(ComplaintChanged event, boolean withinTarget) {
        Long minutes = event.businessMinutesToResolve();
        if (minutes != null && minutes < 0) {
            throw new InvalidEvent("businessMinutesToResolve must not be negative");
        }
        return new ComplaintStatistics(
                0,
                0,
                0,
                1,
                withinTarget ? 1 : 0,
                minutes == null ? 0 : minutes,
                minutes == null ? Histogram.EMPTY : Histogram.of(minutes / 60.0),
                0,
                0,
                0,
                0,
                null,
                null,
                null);
    }

    /** A department as a field name of the breakdown map: no dots, no leading {@code $}. */
    static String departmentKey(String department) {
        if (department == null || department.isBlank()) {
            return "unassigned";
        }
        String key = department.strip().replace('.', '_');
        return key.startsWith("$") ? "_" + key.substring(1) : key;
    }

    /**
     * The buckets this contribution is added to: its minute (unless it arrived too late for the live view), hour and
     * day (the branch's local day in {@code zone}).
     */
    List<BucketId> buckets(ZoneId zone, boolean withMinute) {
        List<BucketId> buckets = new ArrayList<>(3);
        for (Granularity granularity : Granularity.values()) {
            if (granularity != Granularity.MINUTE || withMinute) {
                buckets.add(BucketId.of(granularity, tenantId, branchId, occurredAt, zone));
            }
        }
        return buckets;
    }

    /**
     * What this contribution adds to a bucket of the given granularity: everything, except that a minute bucket keeps
     * only the headline blocks ({@link BucketStatistics#withoutBreakdowns}) — minute buckets feed the live view, which
     * shows no key driver, distribution or channel, and those blocks are most of a published update's bytes.
     */
    BucketStatistics statisticsFor(Granularity granularity) {
        return keptIn(granularity, statistics);
    }

    /** The part of {@code statistics} a bucket of {@code granularity} keeps (see {@link #statisticsFor}). */
    static BucketStatistics keptIn(Granularity granularity, BucketStatistics statistics) {
        return granularity == Granularity.MINUTE ? statistics.withoutBreakdowns() : statistics;
    }

    private static void requireCommonFields(PlatformEvent event) {
        if (event == null) {
            throw new InvalidEvent("the record has no value");
        }
        if (event.eventId() == null) {
            throw new InvalidEvent("eventId is required");
        }
        if (event.tenantId() == null || event.tenantId().isBlank()) {
            throw new InvalidEvent("tenantId is required");
        }
        if (event.branchId() == null || event.branchId().isBlank()) {
            throw new InvalidEvent("branchId is required");
        }
        if (event.occurredAt() == null) {
            throw new InvalidEvent("occurredAt is required");
        }
    }

    private static ServqualStatistics servqualOf(ServqualRatings ratings, ImportancePoints importance) {
        Map<ServqualDimension, DimensionStatistics> dimensions = new EnumMap<>(ServqualDimension.class);
        for (ServqualDimension dimension : ServqualDimension.values()) {
            dimensions.put(
                    dimension, dimensionOf(dimension, dimension.ratingIn(ratings), dimension.importanceIn(importance)));
        }
        return new ServqualStatistics(
                dimensions.get(ServqualDimension.TANGIBLES),
                dimensions.get(ServqualDimension.RELIABILITY),
                dimensions.get(ServqualDimension.RESPONSIVENESS),
                dimensions.get(ServqualDimension.ASSURANCE),
                dimensions.get(ServqualDimension.EMPATHY));
    }

    private static DimensionStatistics dimensionOf(
            ServqualDimension dimension, DimensionRating rating, Integer importance) {
        long n = 0;
        double expectation = 0;
        double perception = 0;
        if (rating != null) {
            n = 1;
            expectation = onSevenPointScale(rating.expectation(), "servqual." + dimension.fieldName() + ".expectation");
            perception = onSevenPointScale(rating.perception(), "servqual." + dimension.fieldName() + ".perception");
        }
        long importanceN = 0;
        double importanceSum = 0;
        if (importance != null) {
            requireBetween(importance, 0, 100, "importance." + dimension.fieldName());
            importanceN = 1;
            importanceSum = importance;
        }
        return new DimensionStatistics(
                n,
                expectation,
                perception,
                expectation * expectation,
                perception * perception,
                importanceN,
                importanceSum);
    }

    private static double onSevenPointScale(double value, String field) {
        // written so that NaN fails too
        if (!(value >= 1 && value <= 7)) {
            throw new InvalidEvent(field + " must be between 1 and 7");
        }
        return value;
    }

    static CsatStatistics csatOf(Integer csat) {
        if (csat == null) {
            return CsatStatistics.EMPTY;
        }
        requireBetween(csat, 1, 5, "csat");
        return new CsatStatistics(1, csat >= 4 ? 1 : 0, csat, (long) csat * csat);
    }

    static NpsStatistics npsOf(Integer nps) {
        if (nps == null) {
            return NpsStatistics.EMPTY;
        }
        requireBetween(nps, 0, 10, "nps");
        return new NpsStatistics(1, nps >= 9 ? 1 : 0, nps == 7 || nps == 8 ? 1 : 0, nps <= 6 ? 1 : 0);
    }

    private static MeanStatistics cesOf(Integer ces) {
        if (ces == null) {
            return MeanStatistics.EMPTY;
        }
        requireBetween(ces, 1, 7, "ces");
        return new MeanStatistics(1, ces, (double) ces * ces);
    }

    private static void requireBetween(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new InvalidEvent(field + " must be between " + min + " and " + max);
        }
    }
}

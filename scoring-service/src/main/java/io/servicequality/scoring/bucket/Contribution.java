package io.servicequality.scoring.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.ServqualDimension;
import io.servicequality.contracts.ServqualRatings;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one event adds to the statistics of the buckets its event time falls in. Unanswered questions add nothing;
 * values outside their scale make the event {@link InvalidEvent invalid} rather than skew the statistics.
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
                null);
        return new Contribution(event.tenantId(), event.branchId(), event.occurredAt(), statistics);
    }

    /** Only an opened complaint counts for now; the later steps of its life are acknowledged and ignored. */
    static Optional<Contribution> of(ComplaintChanged event) {
        requireCommonFields(event);
        if (event.type() == null) {
            throw new InvalidEvent("type is required");
        }
        if (event.type() != ComplaintEventType.OPENED) {
            return Optional.empty();
        }
        var statistics = new BucketStatistics(0, null, null, null, null, new ComplaintStatistics(1));
        return Optional.of(new Contribution(event.tenantId(), event.branchId(), event.occurredAt(), statistics));
    }

    /** The buckets this contribution is added to. */
    List<BucketId> buckets() {
        return List.of(BucketId.hourOf(tenantId, branchId, occurredAt));
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

    private static CsatStatistics csatOf(Integer csat) {
        if (csat == null) {
            return CsatStatistics.EMPTY;
        }
        requireBetween(csat, 1, 5, "csat");
        return new CsatStatistics(1, csat >= 4 ? 1 : 0, csat, (long) csat * csat);
    }

    private static NpsStatistics npsOf(Integer nps) {
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

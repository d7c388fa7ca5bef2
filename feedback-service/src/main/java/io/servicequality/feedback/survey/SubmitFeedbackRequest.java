package io.servicequality.feedback.survey;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.ServqualRatings;
import io.servicequality.feedback.ingest.Arrival;
import io.servicequality.feedback.ingest.BranchId;
import io.servicequality.feedback.ingest.IngestRequest;
import io.servicequality.feedback.ingest.NotFarInFuture;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code POST /api/v1/feedback}, and each item of {@code POST /api/v1/feedback/batch}. Field names are the public
 * contract (SPEC §3).
 *
 * @param eventId the idempotency key; generated when absent. Resending the same id is safe.
 */
@AnswerGiven
record SubmitFeedbackRequest(
        UUID eventId,
        @BranchId String branchId,
        @NotNull @NotFarInFuture Instant occurredAt,
        Channel channel,
        @Valid ServqualAnswers servqual,
        @Valid @PointsSumTo100 ImportanceAnswers importance,
        @Min(1) @Max(5) Integer csat,
        @Min(0) @Max(10) Integer nps,
        @Min(1) @Max(7) Integer ces,
        @Size(max = 4000) String comment,
        @Size(max = 128) String customerRef,
        @Size(max = 128) String interactionId)
        implements IngestRequest {

    /** Any dimension may be left out. */
    record ServqualAnswers(
            @Valid DimensionAnswer tangibles,
            @Valid DimensionAnswer reliability,
            @Valid DimensionAnswer responsiveness,
            @Valid DimensionAnswer assurance,
            @Valid DimensionAnswer empathy) {

        boolean anyDimension() {
            return tangibles != null
                    || reliability != null
                    || responsiveness != null
                    || assurance != null
                    || empathy != null;
        }

        /** {@code null} when no dimension was answered. */
        ServqualRatings ratings() {
            if (!anyDimension()) {
                return null;
            }
            return new ServqualRatings(
                    rating(tangibles), rating(reliability), rating(responsiveness), rating(assurance), rating(empathy));
        }

        private static DimensionRating rating(DimensionAnswer answer) {
            return answer == null ? null : answer.rating();
        }
    }

    /**
     * A dimension, when present, needs both answers on the 1–7 scale: given directly, or as the answers to the
     * dimension's items (the questionnaire's statements), which are averaged into the dimension.
     */
    @RatingGiven
    record DimensionAnswer(
            @Min(1) @Max(7) Integer expectation,
            @Min(1) @Max(7) Integer perception,
            @Size(min = 1, max = 10) List<@NotNull @Valid ItemAnswer> items) {

        /** The dimension's rating: the answers given, or the mean of its items. */
        DimensionRating rating() {
            if (items == null) {
                return new DimensionRating(expectation, perception);
            }
            return new DimensionRating(
                    items.stream().mapToInt(ItemAnswer::expectation).average().orElseThrow(),
                    items.stream().mapToInt(ItemAnswer::perception).average().orElseThrow());
        }
    }

    /** One item of a dimension, both answers on the 1–7 scale. */
    record ItemAnswer(
            @NotNull @Min(1) @Max(7) Integer expectation,
            @NotNull @Min(1) @Max(7) Integer perception) {}

    /** Importance points per dimension; the points given sum to 100. */
    record ImportanceAnswers(
            @Min(0) @Max(100) Integer tangibles,
            @Min(0) @Max(100) Integer reliability,
            @Min(0) @Max(100) Integer responsiveness,
            @Min(0) @Max(100) Integer assurance,
            @Min(0) @Max(100) Integer empathy) {

        ImportancePoints points() {
            return new ImportancePoints(tangibles, reliability, responsiveness, assurance, empathy);
        }

        int total() {
            return Stream.of(tangibles, reliability, responsiveness, assurance, empathy)
                    .filter(Objects::nonNull)
                    .mapToInt(Integer::intValue)
                    .sum();
        }
    }

    boolean anyAnswer() {
        return (servqual != null && servqual.anyDimension()) || csat != null || nps != null || ces != null;
    }

    /** The event this response becomes on the log; unanswered dimensions and questions stay {@code null}. */
    FeedbackSubmitted toEvent(Arrival arrival) {
        return new FeedbackSubmitted(
                arrival.eventId(),
                arrival.tenantId(),
                branchId,
                occurredAt,
                FeedbackSubmitted.SCHEMA_VERSION,
                arrival.receivedAt(),
                channel,
                servqual == null ? null : servqual.ratings(),
                importance == null ? null : importance.points(),
                csat,
                nps,
                ces,
                comment,
                customerRef,
                interactionId,
                arrival.late());
    }
}

package io.servicequality.feedback.survey;

import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.ServqualRatings;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.ingest.Accepted;
import io.servicequality.feedback.ingest.Arrival;
import io.servicequality.feedback.ingest.BatchResult;
import io.servicequality.feedback.ingest.Intake;
import io.servicequality.feedback.survey.SubmitFeedbackRequest.DimensionAnswer;
import io.servicequality.feedback.survey.SubmitFeedbackRequest.ImportanceAnswers;
import io.servicequality.feedback.survey.SubmitFeedbackRequest.ServqualAnswers;
import io.servicequality.security.CallerAccess;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * Accepts feedback log-first: {@code FeedbackSubmitted} is appended to the feedback topic and acknowledged by the
 * broker before the caller hears "accepted". The service's own store follows from the topic
 * ({@link FeedbackProjection}).
 */
@Service
class FeedbackIntake {

    private final Intake intake;
    private final CallerAccess callers;

    FeedbackIntake(Intake intake, CallerAccess callers) {
        this.intake = intake;
        this.callers = callers;
    }

    Accepted submit(SubmitFeedbackRequest request, String idempotencyKey) {
        return intake.submit(Topics.FEEDBACK_SUBMITTED, request, idempotencyKey, this::toEvent);
    }

    BatchResult submitBatch(byte[] body, MediaType contentType, String idempotencyKey) {
        return intake.submitBatch(
                Topics.FEEDBACK_SUBMITTED,
                body,
                contentType,
                SubmitFeedbackRequest.class,
                idempotencyKey,
                this::toEvent);
    }

    private FeedbackSubmitted toEvent(SubmitFeedbackRequest request, Arrival arrival) {
        return new FeedbackSubmitted(
                arrival.eventId(),
                callers.tenantId(),
                request.branchId(),
                request.occurredAt(),
                FeedbackSubmitted.SCHEMA_VERSION,
                arrival.receivedAt(),
                request.channel(),
                ratings(request.servqual()),
                points(request.importance()),
                request.csat(),
                request.nps(),
                request.ces(),
                request.comment(),
                request.customerRef(),
                request.interactionId(),
                arrival.late());
    }

    private static ServqualRatings ratings(ServqualAnswers answers) {
        if (answers == null || !answers.anyDimension()) {
            return null;
        }
        return new ServqualRatings(
                rating(answers.tangibles()),
                rating(answers.reliability()),
                rating(answers.responsiveness()),
                rating(answers.assurance()),
                rating(answers.empathy()));
    }

    private static DimensionRating rating(DimensionAnswer answer) {
        return answer == null ? null : answer.rating();
    }

    private static ImportancePoints points(ImportanceAnswers answers) {
        return answers == null
                ? null
                : new ImportancePoints(
                        answers.tangibles(),
                        answers.reliability(),
                        answers.responsiveness(),
                        answers.assurance(),
                        answers.empathy());
    }
}

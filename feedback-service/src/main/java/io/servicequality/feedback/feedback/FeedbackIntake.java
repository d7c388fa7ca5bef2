package io.servicequality.feedback.feedback;

import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.ServqualRatings;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.feedback.feedback.SubmitFeedbackRequest.DimensionAnswer;
import io.servicequality.feedback.feedback.SubmitFeedbackRequest.ImportanceAnswers;
import io.servicequality.feedback.feedback.SubmitFeedbackRequest.ServqualAnswers;
import io.servicequality.feedback.tenant.TenantProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Accepts feedback log-first: the event is appended to the feedback topic and acknowledged by the broker before the
 * caller hears "accepted". The service's own store follows from the topic ({@link FeedbackProjection}).
 */
@Service
class FeedbackIntake {

    private final EventLog eventLog;
    private final TenantProperties tenant;
    private final Clock clock;

    FeedbackIntake(EventLog eventLog, TenantProperties tenant, Clock clock) {
        this.eventLog = eventLog;
        this.tenant = tenant;
        this.clock = clock;
    }

    FeedbackAccepted submit(SubmitFeedbackRequest request) {
        UUID eventId = request.eventId() != null ? request.eventId() : UUID.randomUUID();
        Instant receivedAt = clock.instant();
        eventLog.append(Topics.FEEDBACK_SUBMITTED, toEvent(eventId, receivedAt, request));
        return FeedbackAccepted.of(eventId, receivedAt);
    }

    private FeedbackSubmitted toEvent(UUID eventId, Instant receivedAt, SubmitFeedbackRequest request) {
        return new FeedbackSubmitted(
                eventId,
                tenant.tenantId(),
                request.branchId(),
                request.occurredAt(),
                FeedbackSubmitted.SCHEMA_VERSION,
                receivedAt,
                request.channel(),
                ratings(request.servqual()),
                points(request.importance()),
                request.csat(),
                request.nps(),
                request.ces(),
                request.comment(),
                request.customerRef(),
                request.interactionId());
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
        return answer == null ? null : new DimensionRating(answer.expectation(), answer.perception());
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

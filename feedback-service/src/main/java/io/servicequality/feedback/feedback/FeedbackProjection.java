package io.servicequality.feedback.feedback;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.feedback.eventlog.InvalidEventException;
import io.servicequality.feedback.tenant.TenantProperties;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Keeps the service's own store a projection of the feedback topic. Each event is written with one upsert that only
 * sets fields on insert, keyed by (tenantId, eventId): a redelivery or a second event with the same id finds the
 * document and changes nothing, so the effect is idempotent without tracking offsets.
 */
@Service
class FeedbackProjection {

    private final MongoOperations mongo;
    private final Feedbacks feedbacks;
    private final TenantProperties tenant;

    FeedbackProjection(MongoOperations mongo, Feedbacks feedbacks, TenantProperties tenant) {
        this.mongo = mongo;
        this.feedbacks = feedbacks;
        this.tenant = tenant;
    }

    void project(FeedbackSubmitted event) {
        requireIdentity(event);
        Feedback feedback = Feedback.of(event);
        Document fields = new Document();
        mongo.getConverter().write(feedback, fields);
        fields.remove("_id");
        Update insertOnly = new Update();
        fields.forEach(insertOnly::setOnInsert);
        mongo.upsert(
                query(where("tenantId").is(feedback.tenantId()).and("eventId").is(feedback.eventId())),
                insertOnly,
                Feedback.class);
    }

    /** Feedback of this deployment's tenant only. */
    Optional<FeedbackDetails> find(UUID eventId) {
        return feedbacks
                .findByTenantIdAndEventId(tenant.tenantId(), eventId.toString())
                .map(Feedback::details);
    }

    private static void requireIdentity(FeedbackSubmitted event) {
        if (event.eventId() == null
                || event.tenantId() == null
                || event.tenantId().isBlank()
                || event.branchId() == null
                || event.occurredAt() == null) {
            throw new InvalidEventException("FeedbackSubmitted without eventId, tenantId, branchId or occurredAt");
        }
    }
}

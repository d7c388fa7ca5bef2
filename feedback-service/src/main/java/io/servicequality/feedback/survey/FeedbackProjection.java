package io.servicequality.feedback.survey;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.feedback.eventlog.LogProjection;
import io.servicequality.feedback.paging.AuditFilter;
import io.servicequality.feedback.paging.Cursor;
import io.servicequality.feedback.paging.Page;
import io.servicequality.feedback.store.StoreGuard;
import io.servicequality.security.CallerAccess;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * Keeps the service's own store a projection of the feedback topic (insert once per (tenantId, eventId), see
 * {@link LogProjection}) and answers reads of it, for the caller's tenant and branch scope
 * only: another tenant's or branch's event is not found, exactly like an absent one.
 */
@Service
class FeedbackProjection {

    private final LogProjection log;
    private final MongoOperations mongo;
    private final StoreGuard store;
    private final CallerAccess callers;

    FeedbackProjection(LogProjection log, MongoOperations mongo, StoreGuard store, CallerAccess callers) {
        this.log = log;
        this.mongo = mongo;
        this.store = store;
        this.callers = callers;
    }

    /** Stores the batch's events not stored yet (see {@link LogProjection#insertAllOnce}). */
    void projectAll(List<ConsumerRecord<String, FeedbackSubmitted>> records) {
        log.insertAllOnce(records, Feedback.class, Feedback::of);
    }

    Optional<FeedbackDetails> find(UUID eventId) {
        // {tenantId, eventId}: exactly the unique index's fields, a lookup on the embedded store too (which reads
        // every document for a filter that adds the branch scope); the branch scope is checked on the result
        return store.call(() -> Optional.ofNullable(mongo.findOne(
                        query(where("tenantId")
                                .is(callers.tenantId())
                                .and("eventId")
                                .is(eventId.toString())),
                        Feedback.class)))
                .filter(found -> callers.mayAccessBranch(found.branchId()))
                .map(Feedback::details);
    }

    /**
     * @param hasComment {@code true}: only feedback with a comment; {@code false}: only without; {@code null}: all
     */
    Page<FeedbackDetails> list(AuditFilter filter, Boolean hasComment, String cursor, int limit) {
        Criteria criteria = hasComment == null
                ? filter.criteria(callers.scope())
                : new Criteria()
                        .andOperator(
                                filter.criteria(callers.scope()),
                                where("comment").exists(hasComment));
        return store.call(() -> Cursor.page(
                        criteria, cursor, limit, query -> mongo.find(query, Feedback.class), Feedback::position))
                .map(Feedback::details);
    }
}

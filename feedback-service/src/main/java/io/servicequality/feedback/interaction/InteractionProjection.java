package io.servicequality.feedback.interaction;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.feedback.eventlog.LogProjection;
import io.servicequality.feedback.paging.AuditFilter;
import io.servicequality.feedback.paging.Cursor;
import io.servicequality.feedback.paging.Page;
import io.servicequality.feedback.store.StoreGuard;
import io.servicequality.feedback.tenant.TenantProperties;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

/**
 * Keeps the service's own store a projection of the interaction topic (insert once per (tenantId, eventId), see
 * {@link LogProjection}) and answers reads of it, for this deployment's tenant only.
 */
@Service
class InteractionProjection {

    private final LogProjection log;
    private final MongoOperations mongo;
    private final StoreGuard store;
    private final TenantProperties tenant;

    InteractionProjection(LogProjection log, MongoOperations mongo, StoreGuard store, TenantProperties tenant) {
        this.log = log;
        this.mongo = mongo;
        this.store = store;
        this.tenant = tenant;
    }

    void project(InteractionRecorded event) {
        log.insertOnce(event, Interaction::of);
    }

    Optional<InteractionDetails> find(UUID eventId) {
        return store.call(() -> Optional.ofNullable(mongo.findOne(
                        query(where("tenantId")
                                .is(tenant.tenantId())
                                .and("eventId")
                                .is(eventId.toString())),
                        Interaction.class)))
                .map(Interaction::details);
    }

    Page<InteractionDetails> list(AuditFilter filter, String cursor, int limit) {
        return store.call(() -> Cursor.page(
                        filter.criteria(tenant.tenantId()),
                        cursor,
                        limit,
                        query -> mongo.find(query, Interaction.class),
                        Interaction::position))
                .map(Interaction::details);
    }
}

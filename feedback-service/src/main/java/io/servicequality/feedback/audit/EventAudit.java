package io.servicequality.feedback.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.eventlog.LogProjection;
import io.servicequality.feedback.paging.Cursor;
import io.servicequality.feedback.paging.Page;
import io.servicequality.feedback.store.StoreGuard;
import io.servicequality.security.CallerAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * The audit store: every ingested event, kept as a projection of its topic (insert once per (tenantId, eventId), see
 * {@link LogProjection}) in one collection per topic, and read back for the caller's tenant and branch scope only:
 * another tenant's or branch's event is not found, exactly like an absent one. The same for every kind of event: what
 * a kind shows of its events is its own business ({@code EventType#details}).
 */
@Service
public class EventAudit {

    /** The audit collection of each ingested topic. */
    static final Map<String, String> COLLECTIONS =
            Map.of(Topics.FEEDBACK_SUBMITTED, "feedbackAudit", Topics.INTERACTION_RECORDED, "interactionAudit");

    private final LogProjection log;
    private final MongoOperations mongo;
    private final StoreGuard store;
    private final CallerAccess callers;
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    EventAudit(LogProjection log, MongoOperations mongo, StoreGuard store, CallerAccess callers) {
        this.log = log;
        this.mongo = mongo;
        this.store = store;
        this.callers = callers;
    }

    /** Stores the consumed events not stored yet, one bulk insert per topic of the batch. */
    void storeAllOnce(List<ConsumerRecord<String, PlatformEvent>> records) {
        Map<String, List<ConsumerRecord<String, PlatformEvent>>> byTopic = new LinkedHashMap<>();
        records.forEach(record -> byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>())
                .add(record));
        byTopic.forEach((topic, ofTopic) -> {
            String collection = collectionOf(topic);
            ensureIndexes(collection);
            log.insertAllOnce(ofTopic, collection, AuditedEvent::of);
        });
    }

    /** The event with this id on {@code topic}, if the caller may see it. */
    public <E extends PlatformEvent> Optional<E> find(String topic, Class<E> type, UUID eventId) {
        // {tenantId, eventId}: exactly the unique index's fields; the branch scope is checked on the result
        return store.call(() -> Optional.ofNullable(mongo.findOne(
                        query(where("tenantId")
                                .is(callers.tenantId())
                                .and("eventId")
                                .is(eventId.toString())),
                        AuditedEvent.class,
                        collectionOf(topic))))
                .filter(found -> callers.mayAccessBranch(found.branchId()))
                .map(found -> type.cast(found.event()));
    }

    /**
     * One page of the events on {@code topic} within the caller's scope, narrowed by the query's filters, in
     * event-time order.
     *
     * @param narrowing a further condition on the stored event (its fields under {@code event.}), or {@code null}
     */
    public <E extends PlatformEvent> Page<E> list(String topic, Class<E> type, AuditQuery query, Criteria narrowing) {
        Criteria scoped = query.criteria(callers.scope());
        Criteria criteria = narrowing == null ? scoped : new Criteria().andOperator(scoped, narrowing);
        String collection = collectionOf(topic);
        return store.call(() -> Cursor.page(
                        criteria,
                        query.cursor(),
                        query.limitOrDefault(),
                        page -> mongo.find(page, AuditedEvent.class, collection),
                        AuditedEvent::position))
                .map(found -> type.cast(found.event()));
    }

    private static String collectionOf(String topic) {
        String collection = COLLECTIONS.get(topic);
        if (collection == null) {
            throw new IllegalArgumentException("no audit store for " + topic);
        }
        return collection;
    }

    /**
     * Before the first insert into a collection: the unique (tenantId, eventId) index that makes inserts idempotent,
     * and the indexes of the audit lists' orders. Creating an index that exists changes nothing.
     */
    private void ensureIndexes(String collection) {
        if (indexed.contains(collection)) {
            return;
        }
        IndexOperations indexes = mongo.indexOps(collection);
        indexes.createIndex(new Index()
                .on("tenantId", Sort.Direction.ASC)
                .on("eventId", Sort.Direction.ASC)
                .unique()
                .named("tenant_event"));
        indexes.createIndex(new Index()
                .on("tenantId", Sort.Direction.ASC)
                .on("occurredAt", Sort.Direction.ASC)
                .on("eventId", Sort.Direction.ASC)
                .named("tenant_time"));
        indexes.createIndex(new Index()
                .on("tenantId", Sort.Direction.ASC)
                .on("branchId", Sort.Direction.ASC)
                .on("occurredAt", Sort.Direction.ASC)
                .on("eventId", Sort.Direction.ASC)
                .named("tenant_branch_time"));
        indexed.add(collection);
    }
}

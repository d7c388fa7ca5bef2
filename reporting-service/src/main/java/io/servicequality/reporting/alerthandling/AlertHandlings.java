package io.servicequality.reporting.alerthandling;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.AlertHandlingChanged.HandlingStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The stored handling records. A change is a whole-document write guarded by the record's {@code @Version} (a
 * concurrent writer's change makes it fail with {@link org.springframework.dao.OptimisticLockingFailureException}).
 */
@Repository
class AlertHandlings {

    private final MongoOperations mongo;

    AlertHandlings(MongoOperations mongo) {
        this.mongo = mongo;
    }

    Optional<AlertHandling> find(String tenantId, String alertId) {
        return Optional.ofNullable(mongo.findById(AlertHandling.idOf(tenantId, alertId), AlertHandling.class));
    }

    Optional<AlertHandling> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, AlertHandling.class));
    }

    /** Inserts a new record; a duplicate key (the episode has one already) propagates. */
    AlertHandling insert(AlertHandling handling) {
        return mongo.insert(handling);
    }

    /** Writes the record if nobody changed it since it was read; otherwise optimistic-locking failure. */
    AlertHandling save(AlertHandling handling) {
        return mongo.save(handling);
    }

    /** The ids of records of {@code tenants} whose next escalation is due by {@code now}, earliest first. */
    List<String> dueForEscalation(Set<String> tenants, Instant now, int limit) {
        Query due = query(where("nextEscalationAt").lte(now).and("tenantId").in(tenants))
                .with(Sort.by("nextEscalationAt", "_id"))
                .limit(limit);
        return ids(due);
    }

    /**
     * Records passing {@code scope} (the caller's tenant and alert filter), optionally of one status and assignee,
     * newest raised first.
     *
     * @param unassigned {@code true}: only records nobody is assigned to; {@code false}: only assigned ones
     */
    List<AlertHandling> list(Criteria scope, HandlingStatus status, String assignee, Boolean unassigned, int limit) {
        Criteria criteria = scope;
        if (status != null) {
            criteria = new Criteria().andOperator(criteria, where("status").is(status));
        }
        if (assignee != null) {
            criteria = new Criteria().andOperator(criteria, where("assignee").is(assignee));
        }
        if (unassigned != null) {
            criteria = new Criteria()
                    .andOperator(
                            criteria,
                            unassigned
                                    ? where("assignee").is(null)
                                    : where("assignee").ne(null));
        }
        return mongo.find(
                query(criteria)
                        .with(Sort.by(Sort.Order.desc("raisedAt"), Sort.Order.asc("_id")))
                        .limit(limit),
                AlertHandling.class);
    }

    private List<String> ids(Query query) {
        query.fields().include("_id");
        return mongo.find(query, Document.class, AlertHandling.COLLECTION).stream()
                .map(document -> String.valueOf(document.get("_id")))
                .toList();
    }
}

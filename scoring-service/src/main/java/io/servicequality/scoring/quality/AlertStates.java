package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Episode transitions, each one conditional single-document update that also queues its event. */
@Component
class AlertStates {

    private final MongoTemplate mongo;

    AlertStates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @param subject the branch id, or {@code REGION:<id>} / {@code TENANT:<id>} */
    Optional<AlertState> find(String ruleId, String subject) {
        return Optional.ofNullable(mongo.findById(AlertState.idOf(ruleId, subject), AlertState.class));
    }

    /**
     * Starts an episode unless one is active: matches only an inactive (or no) state; against an active one the
     * upsert collides with the existing id and nothing happens.
     *
     * @return whether the episode started now
     */
    boolean raise(AlertRule rule, String subject, String branchId, String alertId, String eventJson, Instant at) {
        String id = AlertState.idOf(rule.id(), subject);
        try {
            mongo.upsert(
                    query(where("_id").is(id).and("active").ne(true)),
                    new Update()
                            .set("tenantId", rule.tenantId())
                            .set("ruleId", rule.id())
                            .set("branchId", branchId)
                            .set("active", true)
                            .set("alertId", alertId)
                            .set("changedAt", at)
                            .push("outbox", eventJson),
                    AlertState.class);
            return true;
        } catch (DuplicateKeyException alreadyActive) {
            return false;
        }
    }

    /** Ends the episode {@code alertId} if it is still the active one. */
    boolean clear(String ruleId, String subject, String alertId, String eventJson, Instant at) {
        return mongo.updateFirst(
                                query(where("_id")
                                        .is(AlertState.idOf(ruleId, subject))
                                        .and("active")
                                        .is(true)
                                        .and("alertId")
                                        .is(alertId)),
                                new Update()
                                        .set("active", false)
                                        .set("changedAt", at)
                                        .push("outbox", eventJson),
                                AlertState.class)
                        .getModifiedCount()
                > 0;
    }

    /** States with queued events, the longest waiting first. */
    List<AlertState> withPendingEvents(int limit) {
        return mongo.find(
                query(where("outbox.0").exists(true))
                        .with(Sort.by("changedAt", "_id"))
                        .limit(limit),
                AlertState.class);
    }

    void sent(String id, String eventJson) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().pull("outbox", eventJson), AlertState.class);
    }

    /** Forgets the episodes of a deleted rule (their queued events are dropped with them). */
    void deleteOfRule(String ruleId) {
        mongo.remove(query(where("ruleId").is(ruleId)), AlertState.class);
    }
}

package io.servicequality.complaint.correctiveaction;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.Outbox;
import io.servicequality.kafka.OutboxRelay;
import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes every stored version of a corrective action to the compacted {@link Topics#CORRECTIVE_ACTIONS}: right after
 * the write, and in a sweep ({@code sqp.corrective-actions.relay-interval}, 5 s) for whatever the broker did not
 * acknowledge (Kafka away, a crash after the write), by platform-kafka's {@link OutboxRelay}. The outbox is the
 * action's own {@code unpublished} flag, set by every change in the same write; it is cleared after the broker's ack
 * only while the action is still at the version published, so every version is published at least once and the last
 * record per action is its current state.
 */
@Component
class CorrectiveActionOutbox implements Outbox<CorrectiveAction> {

    static final String COLLECTION = "corrective_actions";

    private final MongoOperations mongo;
    private final OutboxRelay relay;

    CorrectiveActionOutbox(MongoOperations mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    /** Sends the stored version without making the request wait for the broker; the sweep retries what fails. */
    void publishSoon(CorrectiveAction action) {
        relay.publishSoon(this, action);
    }

    @Scheduled(fixedDelayString = "${sqp.corrective-actions.relay-interval:5s}")
    void publishUnacknowledged() {
        relay.relay(this, 100);
    }

    @Override
    public String topic() {
        return Topics.CORRECTIVE_ACTIONS;
    }

    @Override
    public List<CorrectiveAction> unpublished(int limit) {
        return mongo.find(
                query(where("unpublished").is(true)).with(Sort.by("createdAt")).limit(limit), CorrectiveAction.class);
    }

    @Override
    public PlatformEvent eventOf(CorrectiveAction action) {
        return action.toEvent();
    }

    /**
     * Clears the flag only at the version published (a change since stays in the outbox). Written to the collection by
     * name, not through the entity: an entity update would raise the action's {@code @Version}, and the next change of
     * it would then fail its optimistic lock. (The id is stored as an ObjectId, as the entity mapping writes it.)
     */
    @Override
    public void published(CorrectiveAction action) {
        Object id = ObjectId.isValid(action.id()) ? new ObjectId(action.id()) : action.id();
        mongo.updateFirst(
                query(where("_id").is(id).and("version").is(action.version())),
                new Update().set("unpublished", false),
                COLLECTION);
    }
}

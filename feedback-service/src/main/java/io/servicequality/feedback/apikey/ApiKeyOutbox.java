package io.servicequality.feedback.apikey;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.ApiKeyChanged;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.Outbox;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The outbox kept on each key document ({@code pendingEventId}): the keys whose latest change the broker has not
 * acknowledged yet, for platform-kafka's relay to publish on the compacted {@code sqp.api-keys.v1}.
 */
@Component
class ApiKeyOutbox implements Outbox<ApiKey> {

    private final MongoOperations mongo;

    ApiKeyOutbox(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public String topic() {
        return Topics.API_KEYS;
    }

    @Override
    public List<ApiKey> unpublished(int limit) {
        return mongo.find(
                query(where("pendingEventId").ne(null))
                        .with(Sort.by("changedAt", "_id"))
                        .limit(limit),
                ApiKey.class);
    }

    @Override
    public PlatformEvent eventOf(ApiKey key) {
        return key.pendingChange();
    }

    /** Clears the outbox only if the key has not changed again since (a newer change stays pending). */
    @Override
    public void published(ApiKey key) {
        ApiKeyChanged change = key.pendingChange();
        mongo.updateFirst(
                query(where("_id")
                        .is(key.keyId())
                        .and("pendingEventId")
                        .is(change.eventId().toString())),
                new Update().unset("pendingEventId"),
                ApiKey.class);
    }
}

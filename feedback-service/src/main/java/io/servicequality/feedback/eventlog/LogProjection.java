package io.servicequality.feedback.eventlog;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.PlatformEvent;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Writes a consumed event into the service's own store as a projection of the log. Each event is written with one
 * upsert that only sets fields on insert, keyed by (tenantId, eventId): a redelivery, a replay or a second event with
 * the same id finds the document and changes nothing, so the effect is idempotent without tracking offsets. The
 * first copy wins.
 */
@Component
public class LogProjection {

    private final MongoOperations mongo;

    public LogProjection(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * @param toDocument maps the event to its document, which has {@code tenantId} and {@code eventId} fields
     * @throws InvalidEventException when the event lacks its identity (never retried, dead-lettered)
     */
    public <E extends PlatformEvent> void insertOnce(E event, Function<E, ?> toDocument) {
        requireIdentity(event);
        Object document = toDocument.apply(event);
        Document fields = new Document();
        mongo.getConverter().write(document, fields);
        fields.remove("_id");
        Update insertOnly = new Update();
        fields.forEach(insertOnly::setOnInsert);
        mongo.upsert(
                query(where("tenantId")
                        .is(event.tenantId())
                        .and("eventId")
                        .is(event.eventId().toString())),
                insertOnly,
                document.getClass());
    }

    private static void requireIdentity(PlatformEvent event) {
        if (event.eventId() == null
                || event.tenantId() == null
                || event.tenantId().isBlank()
                || event.branchId() == null
                || event.occurredAt() == null) {
            throw new InvalidEventException(
                    event.getClass().getSimpleName() + " without eventId, tenantId, branchId or occurredAt");
        }
    }
}

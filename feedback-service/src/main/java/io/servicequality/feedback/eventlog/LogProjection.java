package io.servicequality.feedback.eventlog;

import com.mongodb.bulk.BulkWriteError;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.kafka.DeadLetters;
import io.servicequality.kafka.InvalidEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * Writes consumed events into the service's own store as a projection of the log, a batch at a time: one unordered
 * bulk insert per batch, guarded by the unique (tenantId, eventId) index, so a redelivery, a replay or a second event
 * with the same id is refused by the store and changes nothing — the effect is idempotent without tracking offsets,
 * and the first copy wins. A record that can never be stored (undeserialisable, or without its identity) goes to the
 * dead-letter topic at once; an event of a tenant this deployment does not serve is dropped and counted.
 */
@Component
public class LogProjection {

    /** The container factory of the projections' batch listeners (see the config package). */
    public static final String BATCHES = "projectionBatches";

    private static final int DUPLICATE_KEY = 11000;
    private final MongoOperations mongo;
    private final ConsumerRecordRecoverer deadLetters;

    public LogProjection(MongoOperations mongo, ConsumerRecordRecoverer deadLetters) {
        this.mongo = mongo;
        this.deadLetters = deadLetters;
    }

    /**
     * Stores the batch's events (those not stored yet) with one bulk insert.
     *
     * @param collection where the documents go; its unique index on {@code tenantId} and {@code eventId} makes the
     *     insert idempotent
     * @param toDocument maps an event to its document, which has {@code tenantId} and {@code eventId} fields
     */
    public <E extends PlatformEvent> void insertAllOnce(
            List<ConsumerRecord<String, E>> records, String collection, Function<E, ?> toDocument) {
        List<Object> documents = new ArrayList<>(records.size());
        for (ConsumerRecord<String, E> record : records) {
            E event = DeadLetters.valueOrDeadLetter(
                    record, deadLetters, () -> new InvalidEventException("a record without a value"));
            if (event == null) {
                continue;
            }
            try {
                requireIdentity(event);
            } catch (InvalidEventException invalid) {
                deadLetters.accept(record, invalid);
                continue;
            }
            documents.add(toDocument.apply(event));
        }
        if (documents.isEmpty()) {
            return;
        }
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection)
                    .insert(documents)
                    .execute();
        } catch (BulkOperationException someStoredBefore) {
            for (BulkWriteError error : someStoredBefore.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw someStoredBefore;
                }
            }
        }
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

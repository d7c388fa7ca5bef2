package io.servicequality.scoring.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Remembers where each event id was first seen, so that the same event arriving again at another offset (posted
 * twice, republished by an outbox) is recognised as a duplicate.
 */
@Component
class EventLedger {

    private final MongoTemplate mongo;
    private final Clock clock;

    EventLedger(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Claims the event for {@code position} if nobody has (one atomic upsert that only ever inserts), and tells
     * whether the claim is this position's: {@code true} for the first occurrence and for redeliveries of it,
     * {@code false} for a duplicate seen at another position.
     */
    boolean isFirstOccurrence(SourcePosition position, String tenantId, UUID eventId) {
        String id = position.ledgerId(tenantId, eventId);
        Update claim = new Update()
                .setOnInsert("partition", position.partition())
                .setOnInsert("offset", position.offset())
                .setOnInsert("firstSeenAt", clock.instant());
        LedgerEntry entry;
        try {
            entry = mongo.findAndModify(
                    query(where("_id").is(id)),
                    claim,
                    FindAndModifyOptions.options().upsert(true).returnNew(true),
                    LedgerEntry.class);
        } catch (DuplicateKeyException concurrentClaim) {
            // two partitions raced to insert the same id; the winner's entry is there now
            entry = mongo.findById(id, LedgerEntry.class);
        }
        return entry != null && entry.isAt(position);
    }
}

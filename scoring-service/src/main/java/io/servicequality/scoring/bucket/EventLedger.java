package io.servicequality.scoring.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.bulk.BulkWriteError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Remembers where each event id was first seen, so that the same event arriving again at another offset (posted
 * twice, republished by an outbox) is recognised as a duplicate.
 */
@Component
class EventLedger {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final Clock clock;

    EventLedger(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** One event read at one position. */
    record Claim(SourcePosition position, String tenantId, UUID eventId) {

        String ledgerId() {
            return position.ledgerId(tenantId, eventId);
        }
    }

    /**
     * Claims every event for its position where nobody has (one bulk of upserts that only ever insert): a position is
     * returned when the claim is its own — the first occurrence (the bulk inserted it), or a redelivery of it (read
     * back) — and left out for a duplicate first seen at another position (also when both copies are in this batch).
     */
    Set<SourcePosition> claimFirstOccurrences(List<Claim> claims) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        Map<String, Claim> firstClaimPerId = new LinkedHashMap<>();
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, LedgerEntry.class);
        for (Claim claim : claims) {
            if (firstClaimPerId.putIfAbsent(claim.ledgerId(), claim) == null) {
                bulk.upsert(
                        query(where("_id").is(claim.ledgerId())),
                        new Update()
                                .setOnInsert("partition", claim.position().partition())
                                .setOnInsert("offset", claim.position().offset())
                                .setOnInsert("firstSeenAt", now));
            }
        }
        List<Claim> inserted = new ArrayList<>(firstClaimPerId.values());
        Set<String> insertedIds = new HashSet<>();
        try {
            bulk.execute()
                    .getUpserts()
                    .forEach(upsert ->
                            insertedIds.add(inserted.get(upsert.getIndex()).ledgerId()));
        } catch (BulkOperationException raced) {
            // another consumer inserted the same id between our match and insert: its claim stands, read below
            for (BulkWriteError error : raced.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw raced;
                }
            }
            raced.getResult()
                    .getUpserts()
                    .forEach(upsert ->
                            insertedIds.add(inserted.get(upsert.getIndex()).ledgerId()));
        }
        // only ids that existed before need reading back: a redelivery (its own position) or a duplicate (another's)
        Set<String> existing = new HashSet<>(firstClaimPerId.keySet());
        existing.removeAll(insertedIds);
        Map<String, LedgerEntry> entries = new HashMap<>();
        if (!existing.isEmpty()) {
            mongo.find(query(where("_id").in(existing)), LedgerEntry.class)
                    .forEach(entry -> entries.put(entry.id(), entry));
        }
        Set<SourcePosition> first = new HashSet<>();
        for (Claim claim : claims) {
            if (insertedIds.contains(claim.ledgerId())) {
                if (firstClaimPerId.get(claim.ledgerId()) == claim) {
                    first.add(claim.position());
                }
            } else {
                LedgerEntry entry = entries.get(claim.ledgerId());
                if (entry != null && entry.isAt(claim.position())) {
                    first.add(claim.position());
                }
            }
        }
        return first;
    }

    /** Forgets every event, so that a replay of the log counts each again (see {@link Rebuild}). */
    void clear() {
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), LedgerEntry.class);
    }
}

package io.servicequality.feedback.idempotency;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.feedback.idempotency.IdempotencyRecord.State;
import io.servicequality.feedback.problem.ConflictException;
import io.servicequality.feedback.store.StoreGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Claims, answers and releases keys, each with one atomic single-document operation: the unique {@code _id} decides
 * which of two concurrent first requests runs, the other gets 409.
 */
@Component
class IdempotencyRecords {

    private final MongoOperations mongo;
    private final StoreGuard store;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyRecords(MongoOperations mongo, StoreGuard store, IdempotencyProperties properties, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @return the stored answer to replay, or empty when this request now holds the key and must run
     * @throws ConflictException when the key belongs to another request body (422) or its first request still runs
     *     (409)
     */
    Optional<StoredAnswer> claim(String tenantId, String key, String fingerprint) {
        return store.call(() -> {
            Instant now = clock.instant();
            try {
                mongo.insert(new IdempotencyRecord(
                        id(tenantId, key),
                        tenantId,
                        key,
                        fingerprint,
                        State.IN_FLIGHT,
                        now.plus(properties.lease()),
                        now.plus(properties.retention()),
                        0,
                        null,
                        null,
                        null,
                        null));
                return Optional.empty();
            } catch (DuplicateKeyException taken) {
                IdempotencyRecord existing = mongo.findById(id(tenantId, key), IdempotencyRecord.class);
                if (existing == null) {
                    throw inProgress();
                }
                if (existing.isStale(now)) {
                    return takeOver(existing, fingerprint, now);
                }
                if (!existing.fingerprint().equals(fingerprint)) {
                    throw new ConflictException(
                            ConflictException.Kind.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key was used for a different request; use a new key for new content.");
                }
                if (existing.state() == State.IN_FLIGHT) {
                    throw inProgress();
                }
                return Optional.of(new StoredAnswer(
                        existing.status(), existing.contentType(), existing.location(), existing.body()));
            }
        });
    }

    void answer(String tenantId, String key, StoredAnswer answer) {
        store.run(() -> mongo.updateFirst(
                query(where("_id").is(id(tenantId, key))),
                new Update()
                        .set("state", State.ANSWERED)
                        .set("status", answer.status())
                        .set("contentType", answer.contentType())
                        .set("location", answer.location())
                        .set("body", answer.body()),
                IdempotencyRecord.class));
    }

    /** The request failed in a way a retry may fix (5xx, 429): the key is free for it. */
    void release(String tenantId, String key) {
        store.run(() -> mongo.remove(
                query(where("_id").is(id(tenantId, key)).and("state").is(State.IN_FLIGHT)), IdempotencyRecord.class));
    }

    /** The holder died or the answer expired: whoever updates the version first holds the key. */
    private Optional<StoredAnswer> takeOver(IdempotencyRecord stale, String fingerprint, Instant now) {
        var result = mongo.updateFirst(
                query(where("_id").is(stale.id()).and("version").is(stale.version())),
                new Update()
                        .set("fingerprint", fingerprint)
                        .set("state", State.IN_FLIGHT)
                        .set("lockedUntil", now.plus(properties.lease()))
                        .set("expiresAt", now.plus(properties.retention()))
                        .inc("version", 1)
                        .unset("status")
                        .unset("contentType")
                        .unset("location")
                        .unset("body"),
                IdempotencyRecord.class);
        if (result.getModifiedCount() == 1) {
            return Optional.empty();
        }
        throw inProgress();
    }

    private static ConflictException inProgress() {
        return new ConflictException(
                ConflictException.Kind.REQUEST_IN_PROGRESS,
                "A request with this Idempotency-Key is still being processed; retry when it has been answered.");
    }

    private static String id(String tenantId, String key) {
        return tenantId + "\n" + key;
    }
}

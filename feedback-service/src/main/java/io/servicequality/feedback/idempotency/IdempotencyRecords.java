package io.servicequality.feedback.idempotency;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.feedback.idempotency.IdempotencyRecord.State;
import io.servicequality.feedback.store.StoreGuard;
import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Claims, answers and releases keys, each with one atomic single-document operation: the unique {@code _id} decides
 * which of two concurrent first requests runs, the other gets 409.
 *
 * <p>Only the claim is written while the request waits. Answers are kept in memory and written behind, many in one
 * bulk, every {@code sqp.idempotency.answer-write-interval}: a retry reaching this instance meanwhile is answered from
 * memory (the same answer, or 422 for another body); one reaching another instance finds the key in flight (409) and
 * retries. Should this instance die before writing an answer, the claim's lease runs out and a retry runs the request
 * again, deriving the same event ids from the key, so each event still counts once downstream.
 */
@Component
class IdempotencyRecords {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecords.class);

    private final MongoOperations mongo;
    private final StoreGuard store;
    private final IdempotencyProperties properties;
    private final Clock clock;

    /** An answer given and not yet written, with the fingerprint of the request it answered. */
    private record Unwritten(String fingerprint, StoredAnswer answer) {}

    private final Map<String, Unwritten> unwrittenAnswers = new ConcurrentHashMap<>();

    IdempotencyRecords(MongoOperations mongo, StoreGuard store, IdempotencyProperties properties, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @return the stored answer to replay, or empty when this request now holds the key and must run
     * @throws ErrorResponseException when the key belongs to another request body (422) or its first request still runs
     *     (409)
     */
    Optional<StoredAnswer> claim(String tenantId, String key, String fingerprint) {
        Unwritten unwritten = unwrittenAnswers.get(id(tenantId, key));
        if (unwritten != null) {
            if (!unwritten.fingerprint().equals(fingerprint)) {
                throw reused();
            }
            return Optional.of(unwritten.answer());
        }
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
                    throw reused();
                }
                if (existing.state() == State.IN_FLIGHT) {
                    throw inProgress();
                }
                return Optional.of(new StoredAnswer(
                        existing.status(), existing.contentType(), existing.location(), existing.body()));
            }
        });
    }

    /** Records the answer to replay; written to the store by the next {@link #writeAnswers}. */
    void answer(String tenantId, String key, String fingerprint, StoredAnswer answer) {
        unwrittenAnswers.put(id(tenantId, key), new Unwritten(fingerprint, answer));
    }

    /** Writes the answers recorded since the last time, in one bulk; on failure they wait for the next time. */
    @Scheduled(
            fixedDelayString = "${sqp.idempotency.answer-write-interval:100ms}",
            initialDelayString = "${sqp.idempotency.answer-write-interval:100ms}")
    @PreDestroy
    void writeAnswers() {
        List<Map.Entry<String, Unwritten>> answers = List.copyOf(unwrittenAnswers.entrySet());
        if (answers.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, IdempotencyRecord.class);
        for (Map.Entry<String, Unwritten> entry : answers) {
            StoredAnswer answer = entry.getValue().answer();
            bulk.updateOne(
                    query(where("_id").is(entry.getKey())),
                    new Update()
                            .set("state", State.ANSWERED)
                            .set("status", answer.status())
                            .set("contentType", answer.contentType())
                            .set("location", answer.location())
                            .set("body", answer.body()));
        }
        try {
            store.run(bulk::execute);
        } catch (RuntimeException storeFailure) {
            log.warn("Idempotency-Key answers wait for the store: {}", storeFailure.toString());
            return;
        }
        answers.forEach(entry -> unwrittenAnswers.remove(entry.getKey(), entry.getValue()));
    }

    /** Answers not yet written (for tests and diagnostics). */
    int unwrittenAnswers() {
        return unwrittenAnswers.size();
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

    private static ErrorResponseException reused() {
        return Problems.of(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemTypes.of("idempotency-key-reused"),
                "Idempotency-Key reused",
                "This Idempotency-Key was used for a different request; use a new key for new content.");
    }

    private static ErrorResponseException inProgress() {
        return Problems.of(
                HttpStatus.CONFLICT,
                ProblemTypes.of("request-in-progress"),
                "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry when it has been answered.");
    }

    private static String id(String tenantId, String key) {
        return tenantId + "\n" + key;
    }
}

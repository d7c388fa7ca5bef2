package io.servicequality.feedback.idempotency;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One Idempotency-Key of one tenant: {@code IN_FLIGHT} while its first request runs, {@code ANSWERED} with the
 * stored answer afterwards. MongoDB's TTL index removes it after {@code expiresAt}, but only when its monitor next
 * runs (about once a minute), so an expired record is treated as absent when read.
 *
 * @param id {@code tenantId + '\n' + key}
 * @param fingerprint SHA-256 of method, path and body
 * @param version guards the take-over of an expired record
 */
@Document("idempotency_keys")
record IdempotencyRecord(
        @Id String id,
        String tenantId,
        String key,
        String fingerprint,
        State state,
        Instant lockedUntil,
        @Indexed(expireAfter = "0s") Instant expiresAt,
        long version,
        Integer status,
        String contentType,
        String location,
        String body) {

    enum State {
        IN_FLIGHT,
        ANSWERED
    }

    boolean isStale(Instant now) {
        return expiresAt.isBefore(now) || (state == State.IN_FLIGHT && lockedUntil.isBefore(now));
    }
}

package io.servicequality.feedback.idempotency;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One Idempotency-Key of one tenant: {@code IN_FLIGHT} while its first request runs, {@code ANSWERED} with the
 * stored answer afterwards. Real MongoDB removes it after {@code expiresAt} (TTL index); the embedded store ignores
 * TTL, so an expired record is also treated as absent when read.
 *
 * @param id {@code tenantId + '\n' + key}
 * @param fingerprint SHA-256 of method, path and body
 * @param version guards the take-over of an expired record
 */
@Document("idempotency_keys")
// Unique because _id is; they exist so that the embedded store, which uses a unique index only for a filter naming
// exactly its fields, answers the release ({_id, state}) and the take-over ({_id, version}) with a lookup instead of
// reading every record.
@CompoundIndex(name = "id_state", def = "{'_id': 1, 'state': 1}", unique = true)
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
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

package io.servicequality.feedback.apikey;

import io.servicequality.contracts.ApiKeyChanged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One app's API key: its secret's SHA-256 only, the tenant it belongs to, optionally its branches, its scopes.
 *
 * @param pendingEventId the outbox: the id of the key's latest change not yet acknowledged by the broker ({@code null}
 *     once published), written in the same single-document step as the change itself, so that no change is lost
 *     between store and topic; the event is the document's current state ({@link #pendingChange()})
 * @param changedAt when the key last changed
 */
@Document("apiKeys")
record ApiKey(
        @Id String keyId,
        @Indexed String tenantId,
        String name,
        String secretHash,
        List<String> branches,
        List<String> scopes,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        String revokedBy,
        String pendingEventId,
        Instant changedAt) {

    static ApiKey issue(
            String keyId,
            String tenantId,
            String name,
            String secretHash,
            List<String> branches,
            List<String> scopes,
            Instant now,
            String by) {
        return new ApiKey(
                keyId,
                tenantId,
                name,
                secretHash,
                branches,
                scopes,
                now,
                by,
                null,
                null,
                UUID.randomUUID().toString(),
                now);
    }

    boolean revoked() {
        return revokedAt != null;
    }

    ApiKey revoke(Instant now, String by) {
        return new ApiKey(
                keyId,
                tenantId,
                name,
                secretHash,
                branches,
                scopes,
                createdAt,
                createdBy,
                now,
                by,
                UUID.randomUUID().toString(),
                now);
    }

    /** The unpublished change: the key's current state as the topic carries it. */
    ApiKeyChanged pendingChange() {
        return new ApiKeyChanged(
                UUID.fromString(pendingEventId),
                tenantId,
                null,
                changedAt,
                ApiKeyChanged.SCHEMA_VERSION,
                keyId,
                name,
                secretHash,
                branches,
                scopes,
                revoked());
    }

    ApiKeyView view() {
        return new ApiKeyView(keyId, name, branches, scopes, createdAt, createdBy, revoked(), revokedAt, revokedBy);
    }
}

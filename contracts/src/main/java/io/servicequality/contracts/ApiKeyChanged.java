package io.servicequality.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The current state of one API key of an external app, published by feedback-service (which issues and revokes keys)
 * on the compacted {@link Topics#API_KEYS}: the record key is {@link #recordKey()} ({@code tenantId:api-key:keyId}),
 * so the latest record per key is the key as it is now. Every service that accepts API keys reads the whole topic into
 * its key registry.
 *
 * <p>The secret itself never travels: only its SHA-256 (hex). Secrets are 256 random bits, so the hash cannot be
 * reversed by guessing.
 *
 * @param branchId always {@code null}: a key belongs to the tenant; {@code branches} narrows it
 * @param keyId the key's public id (the {@code <keyId>} of {@code sqp_<keyId>_<secret>})
 * @param name what the key is for, as the admin named it (e.g. {@code kiosk SH-001})
 * @param secretHash lower-case hex SHA-256 of the secret part
 * @param branches the branches the key may write for; empty: every branch of the tenant
 * @param scopes what the key may do, e.g. {@code feedback:write}, {@code interactions:write}, {@code complaints:write}
 * @param revoked the key was revoked and must no longer be accepted
 */
public record ApiKeyChanged(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String keyId,
        String name,
        String secretHash,
        List<String> branches,
        List<String> scopes,
        boolean revoked)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** One record per key, so compaction keeps each key's latest state. */
    @Override
    public String recordKey() {
        return tenantId + ":api-key:" + keyId;
    }
}

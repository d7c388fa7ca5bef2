package io.servicequality.security;

import io.servicequality.contracts.ApiKeyChanged;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys this service accepts: the latest {@link ApiKeyChanged} per key. Fed by the compacted
 * {@code sqp.api-keys.v1} topic (every instance reads it whole), and by the issuing service directly, so that a
 * revocation takes effect there at once. A revocation is final: a late copy of an older state never revives a key.
 */
public class ApiKeyRegistry {

    private final Map<String, ApiKeyChanged> keys = new ConcurrentHashMap<>();
    private final TenantGate tenants;

    public ApiKeyRegistry(TenantGate tenants) {
        this.tenants = tenants;
    }

    public void apply(ApiKeyChanged change) {
        keys.merge(change.keyId(), change, ApiKeyRegistry::later);
    }

    private static ApiKeyChanged later(ApiKeyChanged current, ApiKeyChanged next) {
        if (current.revoked() && !next.revoked()) {
            return current;
        }
        if (next.revoked() && !current.revoked()) {
            return next;
        }
        return next.occurredAt().isBefore(current.occurredAt()) ? current : next;
    }

    /**
     * The app behind a presented key: the key exists, is not revoked, its tenant is served here and the secret matches
     * its hash (compared in constant time).
     */
    public Optional<Caller> authenticate(String presentedKey) {
        return ApiKeySecrets.parse(presentedKey)
                .flatMap(presented -> Optional.ofNullable(keys.get(presented.keyId()))
                        .filter(key -> !key.revoked())
                        .filter(key -> tenants.isKnown(key.tenantId()))
                        .filter(key -> ApiKeySecrets.matches(presented.secret(), key.secretHash()))
                        .map(key -> Caller.app(
                                key.tenantId(),
                                key.keyId(),
                                key.branches() == null ? Set.of() : Set.copyOf(key.branches()),
                                key.scopes() == null ? Set.of() : Set.copyOf(key.scopes()))));
    }

    /** Whether the key is known here and revoked. */
    public boolean isRevoked(String keyId) {
        ApiKeyChanged key = keys.get(keyId);
        return key != null && key.revoked();
    }
}

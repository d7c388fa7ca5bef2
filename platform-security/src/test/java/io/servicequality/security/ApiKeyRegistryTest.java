package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.servicequality.contracts.ApiKeyChanged;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {

    final ApiKeyRegistry registry = new ApiKeyRegistry(new TenantGate(Set.of("acme"), new SimpleMeterRegistry()));
    final ApiKeySecrets.NewKey key = ApiKeySecrets.generate();

    @Test
    void onlyTheSecretsHashIsKeptAndItMatchesOnlyTheSecret() {
        String secret = ApiKeySecrets.parse(key.key()).orElseThrow().secret();

        assertThat(key.key()).startsWith("sqp_" + key.keyId() + "_").doesNotContain(key.secretHash());
        assertThat(key.secretHash()).matches("[0-9a-f]{64}").isEqualTo(ApiKeySecrets.hash(secret));
        assertThat(ApiKeySecrets.matches(secret, key.secretHash())).isTrue();
        assertThat(ApiKeySecrets.matches(secret + "x", key.secretHash())).isFalse();
        assertThat(ApiKeySecrets.parse("sqp_nosecret")).isEmpty();
        assertThat(ApiKeySecrets.parse("Bearer x")).isEmpty();
    }

    @Test
    void aKeyAuthenticatesAsAnAppOfItsTenantWithItsBranchesAndScopes() {
        registry.apply(change("acme", Instant.parse("2026-01-01T00:00:00Z"), false));

        Caller app = registry.authenticate(key.key()).orElseThrow();

        assertThat(app.kind()).isEqualTo(Caller.Kind.APP);
        assertThat(app.tenantId()).isEqualTo("acme");
        assertThat(app.branches()).containsExactly("SH-001");
        assertThat(app.scopes()).containsExactly(Scopes.FEEDBACK_WRITE);
        assertThat(registry.authenticate(key.key().substring(0, key.key().length() - 1)))
                .isEmpty();
    }

    @Test
    void aRevocationIsFinalEvenWhenAnOlderStateArrivesLater() {
        registry.apply(change("acme", Instant.parse("2026-01-01T00:00:00Z"), false));
        registry.apply(change("acme", Instant.parse("2026-01-02T00:00:00Z"), true));
        registry.apply(change("acme", Instant.parse("2026-01-01T00:00:00Z"), false));

        assertThat(registry.authenticate(key.key())).isEmpty();
        assertThat(registry.isRevoked(key.keyId())).isTrue();
    }

    @Test
    void aKeyOfATenantNotServedHereIsRefused() {
        registry.apply(change("stranger", Instant.parse("2026-01-01T00:00:00Z"), false));

        assertThat(registry.authenticate(key.key())).isEmpty();
    }

    private ApiKeyChanged change(String tenant, Instant at, boolean revoked) {
        return new ApiKeyChanged(
                UUID.randomUUID(),
                tenant,
                null,
                at,
                1,
                key.keyId(),
                "kiosk",
                key.secretHash(),
                List.of("SH-001"),
                List.of(Scopes.FEEDBACK_WRITE),
                revoked);
    }
}

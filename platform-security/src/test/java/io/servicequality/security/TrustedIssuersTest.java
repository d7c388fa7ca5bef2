package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.servicequality.security.tool.LocalTokens;
import io.servicequality.security.tool.LocalTokens.Claims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The staff token decoder the auto-configuration makes when both an OIDC issuer and the local key are configured:
 * each token verified by the key source its {@code iss} names, every other {@code iss} refused. A refusal is a
 * {@link BadJwtException}, which the resource server answers with 401 {@code invalid_token}.
 */
class TrustedIssuersTest {

    static final String TENANT = "acme-bank";
    static final Path LOCAL_KEYS = keys();
    /** Never resolved (RFC 2606): where a browser would reach the issuer, not where the service fetches keys. */
    static final String PUBLIC_ISSUER = "http://issuer.invalid:9000";

    final TestIssuer issuer = TestIssuer.start();

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    @Test
    void withAnIssuerAndTheLocalKeyTheTokensOfBothAreAccepted() {
        JwtDecoder decoder = decoder(Map.of(
                PlatformSecurityAutoConfiguration.ISSUER_URI,
                issuer.uri(),
                "sqp.security.jwt.public-key-location",
                localPublicKey()));

        assertThat(decoder.decode(local(claims("alice"))).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(issuer.sign(claims("bob").withIssuer(issuer.uri())))
                        .getSubject())
                .isEqualTo("bob");
    }

    @Test
    void theIssuersKeysAreFetchedFromItsDiscoveryDocumentAtItsFirstTokenNotAtStartUp() {
        JwtDecoder decoder = decoder(Map.of(
                PlatformSecurityAutoConfiguration.ISSUER_URI,
                issuer.uri(),
                "sqp.security.jwt.public-key-location",
                localPublicKey()));
        decoder.decode(local(claims("alice")));
        assertThat(issuer.requests())
                .as("nothing asked of the issuer for a local token")
                .isEmpty();

        decoder.decode(issuer.sign(claims("bob").withIssuer(issuer.uri())));

        assertThat(issuer.requests()).containsExactly(TestIssuer.DISCOVERY, TestIssuer.JWKS);
    }

    @Test
    void aTokenOfAnyOtherIssuerIsRefusedWithoutAskingTheIssuer() {
        JwtDecoder decoder = decoder(Map.of(
                PlatformSecurityAutoConfiguration.ISSUER_URI,
                issuer.uri(),
                "sqp.security.jwt.public-key-location",
                localPublicKey()));

        assertThatThrownBy(() -> decoder.decode(local(claims("mallory").withIssuer("someone-else"))))
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(issuer.sign(claims("mallory").withIssuer(issuer.uri() + "/"))))
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(local(claims("mallory").withIssuer(null))))
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("not-a-token")).isInstanceOf(BadJwtException.class);
        assertThat(issuer.requests()).isEmpty();
    }

    @Test
    void aTokenNamingOneIssuerButSignedWithTheOthersKeyIsRefused() {
        JwtDecoder decoder = decoder(Map.of(
                PlatformSecurityAutoConfiguration.ISSUER_URI,
                issuer.uri(),
                "sqp.security.jwt.public-key-location",
                localPublicKey()));

        assertThatThrownBy(() -> decoder.decode(local(claims("mallory").withIssuer(issuer.uri()))))
                .as("the issuer's iss, the local key's signature")
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(issuer.sign(claims("mallory"))))
                .as("the local iss, the issuer's signature")
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void theIssuersTokensAreCheckedForAServedTenantLikeLocalOnes() {
        JwtDecoder decoder = decoder(Map.of(
                PlatformSecurityAutoConfiguration.ISSUER_URI,
                issuer.uri(),
                "sqp.security.jwt.public-key-location",
                localPublicKey()));

        assertThatThrownBy(() -> decoder.decode(issuer.sign(
                        Claims.of("stranger-corp", "eve", List.of("ADMIN")).withIssuer(issuer.uri()))))
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void withAJwkSetUriTheKeysComeFromThereWhileIssMustStillBeTheIssuerUri() {
        JwtDecoder decoder = decoder(Map.of(
                PlatformSecurityAutoConfiguration.ISSUER_URI,
                PUBLIC_ISSUER,
                PlatformSecurityAutoConfiguration.JWK_SET_URI,
                issuer.jwksUri(),
                "sqp.security.jwt.public-key-location",
                localPublicKey()));

        assertThat(decoder.decode(issuer.sign(claims("bob").withIssuer(PUBLIC_ISSUER)))
                        .getSubject())
                .isEqualTo("bob");
        assertThatThrownBy(() -> decoder.decode(issuer.sign(claims("bob").withIssuer(issuer.uri()))))
                .as("iss naming the address the keys were fetched from, not the issuer URI")
                .isInstanceOf(BadJwtException.class);
        assertThat(decoder.decode(local(claims("alice"))).getSubject()).isEqualTo("alice");
        assertThat(issuer.requests())
                .as("no discovery document: the keys' address is given")
                .containsOnly(TestIssuer.JWKS);
    }

    @Test
    void withTheIssuerAloneTheLocalIssuersTokensAreRefused() {
        // absent, or a directory: what docker mounts when the bind-mount source (the local key) is missing
        for (String noKey : List.of("file:" + LOCAL_KEYS.resolve("absent.pem"), "file:" + LOCAL_KEYS)) {
            JwtDecoder decoder = decoder(Map.of(
                    PlatformSecurityAutoConfiguration.ISSUER_URI,
                    issuer.uri(),
                    "sqp.security.jwt.public-key-location",
                    noKey));

            assertThat(decoder.decode(issuer.sign(claims("bob").withIssuer(issuer.uri())))
                            .getSubject())
                    .isEqualTo("bob");
            assertThatThrownBy(() -> decoder.decode(local(claims("alice"))))
                    .as(noKey)
                    .isInstanceOf(BadJwtException.class);
        }
    }

    @Test
    void whileTheIssuerIsUnreachableTheLocalKeysTokensAreStillAccepted() {
        TestIssuer gone = TestIssuer.start();
        String issuerToken = gone.sign(claims("bob").withIssuer(gone.uri()));
        gone.close();
        JwtDecoder decoder = decoder(Map.of(
                PlatformSecurityAutoConfiguration.ISSUER_URI,
                gone.uri(),
                "sqp.security.jwt.public-key-location",
                localPublicKey()));

        assertThatThrownBy(() -> decoder.decode(issuerToken)).isInstanceOf(RuntimeException.class);
        assertThat(decoder.decode(local(claims("alice"))).getSubject()).isEqualTo("alice");
    }

    @Test
    void aConfigurationThatCannotBeMeantIsRefusedAtStartUp() {
        assertThatThrownBy(() -> decoder(Map.of(PlatformSecurityAutoConfiguration.JWK_SET_URI, issuer.jwksUri())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set SQP_SECURITY_JWT_ISSUER_URI too");
        assertThatThrownBy(() -> decoder(Map.of(
                        PlatformSecurityAutoConfiguration.ISSUER_URI,
                        LocalTokens.DEFAULT_ISSUER,
                        "sqp.security.jwt.public-key-location",
                        localPublicKey())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> decoder(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("No way to verify staff tokens");
    }

    /** The decoder the auto-configuration makes from this configuration, as a service would get it. */
    private static JwtDecoder decoder(Map<String, String> configuration) {
        MockEnvironment environment = new MockEnvironment();
        Map<String, String> all = new LinkedHashMap<>(Map.of("sqp.security.known-tenants", TENANT));
        all.putAll(configuration);
        all.forEach(environment::setProperty);
        PlatformSecurityProperties properties =
                Binder.get(environment).bindOrCreate("sqp.security", PlatformSecurityProperties.class);
        return new PlatformSecurityAutoConfiguration()
                .jwtDecoder(properties, environment, new TenantGate(Set.of(TENANT), new SimpleMeterRegistry()));
    }

    private static Claims claims(String subject) {
        return Claims.of(TENANT, subject, List.of("QUALITY_MANAGER"));
    }

    private static String local(Claims claims) {
        try {
            return LocalTokens.sign(
                    LocalTokens.readPrivateKey(LOCAL_KEYS.resolve(LocalTokens.PRIVATE_KEY)), claims, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String localPublicKey() {
        return "file:" + LOCAL_KEYS.resolve(LocalTokens.PUBLIC_KEY);
    }

    private static Path keys() {
        try {
            Path dir = Files.createTempDirectory("sqp-local-issuer");
            LocalTokens.keygen(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

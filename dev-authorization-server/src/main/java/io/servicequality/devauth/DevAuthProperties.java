package io.servicequality.devauth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sqp.dev-auth}: where the server is reached and keeps its key, its two clients, and its tokens' lifetime.
 *
 * @param issuer the {@code iss} of every token and the base of every endpoint; blank: taken from each request's host
 *     (tests on a random port)
 * @param dataDir holds the signing key ({@link SigningKey#FILE}), so tokens stay valid across restarts
 * @param tenant the tenant of every demo user
 * @param consoleRedirectUris where {@code sqp-console} (public, PKCE) may be sent back to
 * @param bffRedirectUris where {@code sqp-console-bff} (confidential) may be sent back to
 * @param bffPostLogoutRedirectUris where {@code sqp-console-bff} may send a user after signing out here
 * @param bffClientSecret the secret of {@code sqp-console-bff}
 * @param accessTokenTtl how long an access token is valid
 */
@ConfigurationProperties("sqp.dev-auth")
public record DevAuthProperties(
        @DefaultValue("") String issuer,
        @DefaultValue(".platform/dev-auth") Path dataDir,
        @DefaultValue("demo") String tenant,
        @DefaultValue("http://127.0.0.1:8090/callback") List<String> consoleRedirectUris,

        @DefaultValue("http://127.0.0.1:8090/login/oauth2/code/sqp")
        List<String> bffRedirectUris,

        @DefaultValue("http://127.0.0.1:8090/signed-out.html")
        List<String> bffPostLogoutRedirectUris,

        @DefaultValue("dev-bff-secret") String bffClientSecret,
        @DefaultValue("PT30M") Duration accessTokenTtl) {}

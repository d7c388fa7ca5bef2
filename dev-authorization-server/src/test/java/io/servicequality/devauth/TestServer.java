package io.servicequality.devauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every test of the running server shares: a fresh data directory, the issuer taken from the request. */
final class TestServer {

    /** The store platform-security brings along: neither the server nor the test's service needs one. */
    static final String MONGO_CLIENT = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration";

    /**
     * platform-security is on the test class path (for the service that accepts the tokens); the authorization
     * server itself runs without it, as it does in production.
     */
    static final String WITHOUT_PLATFORM_SECURITY = "spring.autoconfigure.exclude=" + MONGO_CLIENT + ","
            + "io.servicequality.security.PlatformSecurityAutoConfiguration,"
            + "io.servicequality.security.PlatformSecurityKafkaAutoConfiguration,"
            + "io.servicequality.security.audit.PlatformAuditAutoConfiguration";

    /** Blank: the issuer is {@code http://localhost:<random port>}, from the test's requests. */
    static final String ISSUER_FROM_REQUEST = "sqp.dev-auth.issuer=";

    private TestServer() {}

    static Path dataDir() {
        try {
            return Files.createTempDirectory("dev-auth-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

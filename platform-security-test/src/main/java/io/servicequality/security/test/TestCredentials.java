package io.servicequality.security.test;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.servicequality.security.Caller;
import io.servicequality.security.Role;
import io.servicequality.security.tool.LocalTokens;
import io.servicequality.security.tool.LocalTokens.Claims;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Staff tokens for tests, signed with the test key pair shipped in this jar ({@code security/jwt-private.pem}); a
 * service's test configuration points {@code sqp.security.jwt.public-key-location} at
 * {@code classpath:security/jwt-public.pem}.
 */
public final class TestCredentials {

    /** The tenant of the tests' default caller. */
    public static final String TENANT = "acme-bank";

    private static final PrivateKey KEY = readKey();

    private TestCredentials() {}

    /** The {@code sub} of tokens made here for a role: {@code test-<role>}. */
    public static String subjectOf(Role role) {
        return "test-" + role.name().toLowerCase();
    }

    /** A signed staff token of {@code tenant} with {@code roles}, bound to {@code branches} and {@code regions}. */
    public static String token(String tenant, List<String> branches, List<String> regions, Role... roles) {
        List<String> names = Arrays.stream(roles).map(Role::name).toList();
        return LocalTokens.sign(
                KEY,
                Claims.of(tenant, subjectOf(roles[0]), names)
                        .withBranches(branches)
                        .withRegions(regions),
                Instant.now());
    }

    /** {@code Bearer <token>} of a member of staff of {@code tenant} with {@code roles}, bound to {@code branches}. */
    public static String bearer(String tenant, List<String> branches, Role... roles) {
        return "Bearer " + token(tenant, branches, List.of(), roles);
    }

    public static String bearer(String tenant, Role... roles) {
        return bearer(tenant, List.of(), roles);
    }

    /** The default caller of tests that are not about authorization: an ADMIN of {@link #TENANT}. */
    public static String admin() {
        return bearer(TENANT, Role.ADMIN);
    }

    /**
     * Runs {@code work} as an ADMIN of {@code tenant}, for tests that call an application service directly (each
     * thread needs its own caller).
     */
    public static <T> T as(String tenant, Callable<T> work) throws Exception {
        Caller admin = new Caller(
                tenant,
                subjectOf(Role.ADMIN),
                Caller.Kind.STAFF,
                Set.of(Role.ADMIN),
                Set.of(),
                Set.of(),
                Set.of(),
                false);
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(admin, "", List.of()));
        try {
            return work.call();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static PrivateKey readKey() {
        try (InputStream in = TestCredentials.class.getResourceAsStream("/security/jwt-private.pem")) {
            return LocalTokens.readPrivateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For tests that are not about authorization: every MockMvc request carries an ADMIN token of {@link #TENANT}
     * unless it sets its own {@code Authorization}.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class DefaultAdmin {

        @Bean
        MockMvcBuilderCustomizer defaultAdminToken() {
            String admin = admin();
            return builder -> builder.defaultRequest(get("/").header(HttpHeaders.AUTHORIZATION, admin));
        }
    }
}

package io.servicequality.devauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.security.Authorities;
import io.servicequality.security.Caller;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.EndpointRules;
import io.servicequality.security.tool.LocalTokens;
import io.servicequality.security.tool.LocalTokens.Claims;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service adopting platform-security, pointed at the server with {@code SQP_SECURITY_JWT_ISSUER_URI} as a
 * deployment would be, accepts the server's tokens unchanged and sees the caller {@link CallerAccess} describes:
 * tenant, subject, roles and branch scope from the demo user. Configured as {@code ./platform up} configures it —
 * the server as issuer and the stack's own key — it accepts the server's tokens and {@code ./platform token}'s.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestServer.WITHOUT_PLATFORM_SECURITY, TestServer.ISSUER_FROM_REQUEST})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevTokensAcceptedByServicesTest {

    @LocalServerPort
    int port;

    String issuer;
    ConfigurableApplicationContext service;
    ConfigurableApplicationContext serviceUnderPlatformUp;
    Path localKeys;
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("sqp.dev-auth.data-dir", () -> TestServer.dataDir().toString());
    }

    @BeforeAll
    void startServices() throws IOException {
        issuer = "http://localhost:" + port;
        service = startService();
        localKeys = TestServer.dataDir();
        LocalTokens.keygen(localKeys);
        serviceUnderPlatformUp = startService(
                "--sqp.security.jwt.public-key-location=file:" + localKeys.resolve(LocalTokens.PUBLIC_KEY));
    }

    private ConfigurableApplicationContext startService(String... moreArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                "--sqp.security.known-tenants=demo",
                "--sqp.security.topics.api-keys=false",
                "--sqp.security.topics.branch-directory=false",
                "--management.health.defaults.enabled=false",
                // the service is a resource server, not an authorization server
                "--spring.autoconfigure.exclude=" + TestServer.MONGO_CLIENT + ","
                        + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure"
                        + ".servlet.OAuth2AuthorizationServerAutoConfiguration,"
                        + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure"
                        + ".servlet.OAuth2AuthorizationServerJwtAutoConfiguration"));
        arguments.addAll(List.of(moreArguments));
        return new SpringApplicationBuilder(AdoptingService.class).run(arguments.toArray(String[]::new));
    }

    @AfterAll
    void stopServices() {
        for (ConfigurableApplicationContext context :
                new ConfigurableApplicationContext[] {service, serviceUnderPlatformUp}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    void anAdminsTokenIsAcceptedAsATenantWideCaller() throws Exception {
        HttpResponse<String> answer = whoami("Bearer " + new SignIn(issuer).accessToken("admin"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode caller = json.readTree(answer.body());
        assertThat(caller.get("tenantId").asString()).isEqualTo("demo");
        assertThat(caller.get("subject").asString()).isEqualTo("admin");
        assertThat(caller.get("kind").asString()).isEqualTo("STAFF");
        assertThat(caller.get("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(caller.get("branchBound").asBoolean()).isFalse();
    }

    @Test
    void aBranchManagersTokenIsAcceptedAsACallerBoundToTheirBranch() throws Exception {
        HttpResponse<String> answer = whoami("Bearer " + new SignIn(issuer).accessToken("manager.n01"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode caller = json.readTree(answer.body());
        assertThat(caller.get("tenantId").asString()).isEqualTo("demo");
        assertThat(caller.get("subject").asString()).isEqualTo("manager.n01");
        assertThat(caller.get("roles").toString()).isEqualTo("[\"BRANCH_MANAGER\"]");
        assertThat(caller.get("branchBound").asBoolean()).isTrue();
        assertThat(caller.get("branches").toString()).isEqualTo("[\"N-01\"]");
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        String token = new SignIn(issuer).accessToken("viewer");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(whoami("Bearer " + forged).statusCode()).isEqualTo(401);
    }

    @Test
    void underPlatformUpTheServersTokensAndTheLocalKeysAreBothAccepted() throws Exception {
        HttpResponse<String> signedIn =
                whoami(serviceUnderPlatformUp, "Bearer " + new SignIn(issuer).accessToken("agent.n01"));
        String localToken = LocalTokens.sign(
                LocalTokens.readPrivateKey(localKeys.resolve(LocalTokens.PRIVATE_KEY)),
                Claims.of("demo", "e2e-admin", List.of("ADMIN")),
                Instant.now());
        HttpResponse<String> local = whoami(serviceUnderPlatformUp, "Bearer " + localToken);

        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(json.readTree(signedIn.body()).get("subject").asString()).isEqualTo("agent.n01");
        assertThat(json.readTree(signedIn.body()).get("branches").toString()).isEqualTo("[\"N-01\"]");
        assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
        assertThat(json.readTree(local.body()).get("subject").asString()).isEqualTo("e2e-admin");
        assertThat(whoami(service, "Bearer " + localToken).statusCode())
                .as("a service on the issuer alone refuses the local key's tokens")
                .isEqualTo(401);
    }

    private HttpResponse<String> whoami(String authorization) throws Exception {
        return whoami(service, authorization);
    }

    private HttpResponse<String> whoami(ConfigurableApplicationContext service, String authorization) throws Exception {
        int servicePort = ((WebServerApplicationContext) service).getWebServer().getPort();
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + servicePort + "/api/v1/whoami"))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A minimal service as the four adopt platform-security: one rules bean, a controller asking CallerAccess. */
    @EnableAutoConfiguration
    @Import(WhoAmI.class)
    static class AdoptingService {

        @Bean
        EndpointRules rules() {
            return rules -> rules.requestMatchers(HttpMethod.GET, "/api/v1/whoami")
                    .hasAnyAuthority(Authorities.anyStaff().toArray());
        }
    }

    @RestController
    static class WhoAmI {

        private final CallerAccess callers;

        WhoAmI(CallerAccess callers) {
            this.callers = callers;
        }

        @GetMapping("/api/v1/whoami")
        Map<String, Object> whoami() {
            Caller caller = callers.current();
            return Map.of(
                    "tenantId", caller.tenantId(),
                    "subject", caller.subject(),
                    "kind", caller.kind().name(),
                    "roles",
                            new TreeSet<>(
                                    caller.roles().stream().map(Enum::name).toList()),
                    "branchBound", caller.isBranchBound(),
                    "branches", new TreeSet<>(caller.branches()));
        }
    }
}

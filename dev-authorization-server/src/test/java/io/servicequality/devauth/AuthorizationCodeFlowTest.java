package io.servicequality.devauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user of the future console signs in through the whole authorization-code flow with PKCE. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestServer.WITHOUT_PLATFORM_SECURITY, TestServer.ISSUER_FROM_REQUEST})
class AuthorizationCodeFlowTest {

    @LocalServerPort
    int port;

    String issuer;
    SignIn signIn;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("sqp.dev-auth.data-dir", () -> TestServer.dataDir().toString());
    }

    @BeforeEach
    void browser() {
        issuer = "http://localhost:" + port;
        signIn = new SignIn(issuer);
    }

    @Test
    void theDiscoveryDocumentNamesTheIssuerAndEveryEndpointTheConsoleUses() throws Exception {
        JsonNode discovery = JsonMapper.builder()
                .build()
                .readTree(
                        signIn.get(issuer + "/.well-known/openid-configuration").body());

        assertThat(discovery.get("issuer").asString()).isEqualTo(issuer);
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(discovery.get("userinfo_endpoint").asString()).isEqualTo(issuer + "/userinfo");
        assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(issuer + "/connect/logout");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void anAdminSignsInAndGetsATenantWideStaffTokenSignedWithTheServersKey() throws Exception {
        Jwt token = verified(signIn.accessToken("admin"));

        assertThat(token.getIssuer()).isEqualTo(URI.create(issuer).toURL());
        assertThat(token.getSubject()).isEqualTo("admin");
        assertThat(token.getClaimAsString("tenant")).isEqualTo("demo");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("ADMIN");
        assertThat(token.hasClaim("branches"))
                .as("tenant-wide: no branches claim")
                .isFalse();
        assertThat(token.hasClaim("regions")).isFalse();
        assertThat(token.getAudience()).containsExactly(AuthorizationServerConfig.CONSOLE_CLIENT);
        assertThat(token.getExpiresAt()).isAfter(token.getIssuedAt());
    }

    @Test
    void aBranchManagerAndAnAgentCarryTheirBranch() throws Exception {
        Jwt manager = verified(signIn.accessToken("manager.n01"));
        assertThat(manager.getClaimAsStringList("roles")).containsExactly("BRANCH_MANAGER");
        assertThat(manager.getClaimAsStringList("branches")).containsExactly("N-01");
        assertThat(manager.getClaimAsString("tenant")).isEqualTo("demo");

        Jwt agent = verified(new SignIn(issuer).accessToken("agent.n01"));
        assertThat(agent.getClaimAsStringList("roles")).containsExactly("AGENT");
        assertThat(agent.getClaimAsStringList("branches")).containsExactly("N-01");
    }

    @Test
    void aRegionalUserCarriesTheRegionAndNoBranches() throws Exception {
        Jwt token = verified(signIn.accessToken("manager.east"));

        assertThat(token.getClaimAsStringList("roles")).containsExactly("BRANCH_MANAGER");
        assertThat(token.getClaimAsStringList("regions")).containsExactly("east");
        assertThat(token.hasClaim("branches")).isFalse();
    }

    @Test
    void theIdTokenNamesTheUserAndTheirRoles() throws Exception {
        JsonNode tokens = signIn.tokens("viewer.s01", DemoUsers.PASSWORD).orElseThrow();
        Jwt idToken = verified(tokens.get("id_token").asString());

        assertThat(idToken.getSubject()).isEqualTo("viewer.s01");
        assertThat(idToken.getClaimAsString("preferred_username")).isEqualTo("viewer.s01");
        assertThat(idToken.getClaimAsStringList("roles")).containsExactly("VIEWER");
        assertThat(idToken.getClaimAsStringList("branches")).containsExactly("S-01");
    }

    @Test
    void theBackendForFrontendSignsInWithItsSecretAndRefreshesTheTokenWithTheSameClaims() throws Exception {
        SignIn bff = new SignIn(issuer, SignIn.Client.BFF);
        JsonNode tokens = bff.tokens("quality.north", DemoUsers.PASSWORD).orElseThrow();
        assertThat(tokens.has("refresh_token")).as(tokens.toString()).isTrue();

        var refreshed = bff.post(
                issuer + "/oauth2/token",
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        tokens.get("refresh_token").asString()),
                SignIn.Client.BFF.basicAuthorization());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        Jwt token = verified(JsonMapper.builder()
                .build()
                .readTree(refreshed.body())
                .get("access_token")
                .asString());

        assertThat(token.getSubject()).isEqualTo("quality.north");
        assertThat(token.getClaimAsString("tenant")).isEqualTo("demo");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("QUALITY_MANAGER");
        assertThat(token.getClaimAsStringList("regions")).containsExactly("north");
        assertThat(token.getAudience()).containsExactly(AuthorizationServerConfig.BFF_CLIENT);
    }

    @Test
    void theConsoleGetsNoRefreshTokenAndTheBffNothingWithoutItsSecret() throws Exception {
        assertThat(signIn.tokens("viewer", DemoUsers.PASSWORD).orElseThrow().has("refresh_token"))
                .as("a public client in a browser holds no refresh token")
                .isFalse();

        var wrongSecret = signIn.post(
                issuer + "/oauth2/token",
                Map.of("grant_type", "refresh_token", "refresh_token", "anything"),
                java.util.Base64.getEncoder().encodeToString("sqp-console-bff:wrong".getBytes()));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefusedAndNoCodeIsIssued() throws Exception {
        assertThat(signIn.tokens("admin", "not-the-password")).isEmpty();
        assertThat(signIn.tokens("nobody", DemoUsers.PASSWORD)).isEmpty();
    }

    @Test
    void theConsoleMustUsePkce() throws Exception {
        var answer = signIn.get(issuer + "/oauth2/authorize?"
                + SignIn.form(Map.of(
                        "response_type", "code",
                        "client_id", AuthorizationServerConfig.CONSOLE_CLIENT,
                        "redirect_uri", SignIn.REDIRECT_URI,
                        "scope", "openid",
                        "state", "s")));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow())
                .startsWith(SignIn.REDIRECT_URI)
                .contains("error=invalid_request")
                .contains("code_challenge");
    }

    @Test
    void noClientMayUseClientCredentials() throws Exception {
        String bff = java.util.Base64.getEncoder().encodeToString("sqp-console-bff:dev-bff-secret".getBytes());
        var answer = signIn.post(issuer + "/oauth2/token", Map.of("grant_type", "client_credentials"), bff);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("unauthorized_client");
    }

    /** Verified as a service would: the signature against the server's published keys (JWKS). */
    private Jwt verified(String token) {
        Jwt jwt =
                NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build().decode(token);
        assertThat(List.of(jwt.getHeaders().get("alg"))).containsExactly("RS256");
        return jwt;
    }
}

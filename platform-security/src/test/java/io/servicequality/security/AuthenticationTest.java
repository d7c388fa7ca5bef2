package io.servicequality.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.contracts.ApiKeyChanged;
import io.servicequality.contracts.BranchChanged;
import io.servicequality.security.tool.LocalTokens;
import io.servicequality.security.tool.LocalTokens.Claims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Staff tokens and app keys against a minimal service that adopted the module. */
@SpringBootTest(
        properties = {
            "sqp.security.known-tenants=acme-bank,other-bank",
            "sqp.security.topics.api-keys=false",
            "sqp.security.topics.branch-directory=false",
            "management.health.defaults.enabled=false"
        })
@AutoConfigureMockMvc
class AuthenticationTest {

    static final String PROBLEMS = "https://servicequality.io/problems/";
    static final Path KEYS = keys("signing");
    static final Path FOREIGN_KEYS = keys("foreign");

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiKeyRegistry apiKeys;

    @Autowired
    BranchRegions branchRegions;

    @DynamicPropertySource
    static void signingKey(DynamicPropertyRegistry registry) {
        registry.add("sqp.security.jwt.public-key-location", () -> "file:" + KEYS.resolve(LocalTokens.PUBLIC_KEY));
    }

    private static Path keys(String name) {
        try {
            Path dir = Files.createTempDirectory("sqp-" + name);
            LocalTokens.keygen(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String token(Path keys, Claims claims, Instant issuedAt) {
        try {
            PrivateKey key = LocalTokens.readPrivateKey(keys.resolve(LocalTokens.PRIVATE_KEY));
            return LocalTokens.sign(key, claims, issuedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String token(Claims claims) {
        return token(KEYS, claims, Instant.now());
    }

    ResultActions whoami(String authorization) throws Exception {
        return mvc.perform(get("/api/v1/whoami").header("Authorization", authorization));
    }

    @Test
    void aValidStaffTokenMakesTheCallerWithItsTenantFromTheToken() throws Exception {
        whoami("Bearer " + token(Claims.of("acme-bank", "alice", List.of("QUALITY_MANAGER"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value("acme-bank"))
                .andExpect(jsonPath("$.subject").value("alice"))
                .andExpect(jsonPath("$.kind").value("STAFF"))
                .andExpect(jsonPath("$.branchBound").value(false));
    }

    @Test
    void aRequestWithoutCredentialIsAnUnauthenticatedProblemWithChallenges() throws Exception {
        mvc.perform(get("/api/v1/whoami"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unauthenticated"))
                .andExpect(header().stringValues("WWW-Authenticate", hasItem(containsString("Bearer"))))
                .andExpect(header().stringValues("WWW-Authenticate", hasItem(containsString("ApiKey"))));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        whoami("Bearer "
                        + token(Claims.of("acme-bank", "mallory", List.of("ADMIN"))
                                .withIssuer("someone-else")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", containsString("invalid_token")));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Claims claims = Claims.of("acme-bank", "alice", List.of("ADMIN")).withTtl(Duration.ofMinutes(5));
        whoami("Bearer " + token(KEYS, claims, Instant.now().minus(Duration.ofHours(1))))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unauthenticated"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        whoami("Bearer " + token(FOREIGN_KEYS, Claims.of("acme-bank", "mallory", List.of("ADMIN")), Instant.now()))
                .andExpect(status().isUnauthorized());
        whoami("Bearer not-a-token").andExpect(status().isUnauthorized());
    }

    @Test
    void aTokenOfATenantThisDeploymentDoesNotServeIsRefused() throws Exception {
        whoami("Bearer " + token(Claims.of("stranger-corp", "eve", List.of("ADMIN"))))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aRoleWithoutARuleIsAForbiddenProblemAndAnEndpointWithoutRuleIsDenied() throws Exception {
        String viewer = "Bearer " + token(Claims.of("acme-bank", "vic", List.of("VIEWER")));
        mvc.perform(post("/api/v1/branches/SH-001/things")
                        .header("Authorization", viewer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "forbidden"));
        String admin = "Bearer " + token(Claims.of("acme-bank", "ada", List.of("ADMIN")));
        mvc.perform(get("/api/v1/unruled").header("Authorization", admin)).andExpect(status().isForbidden());
    }

    @Test
    void aBranchManagerActsOnlyForItsBranches() throws Exception {
        String manager = "Bearer "
                + token(Claims.of("acme-bank", "bob", List.of("BRANCH_MANAGER")).withBranches(List.of("SH-001")));
        whoami(manager)
                .andExpect(jsonPath("$.branchBound").value(true))
                .andExpect(jsonPath("$.branches[0]").value("SH-001"));
        postThing(manager, "SH-001").andExpect(status().isOk());
        postThing(manager, "SH-002")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "forbidden"));
    }

    @Test
    void aRegionsClaimResolvesToTheRegionsBranchesFromTheBranchDirectory() throws Exception {
        branchRegions.apply(branch("acme-bank", "N-1", "north", false));
        branchRegions.apply(branch("acme-bank", "N-2", "north", false));
        branchRegions.apply(branch("acme-bank", "S-1", "south", false));
        branchRegions.apply(branch("other-bank", "N-9", "north", false));
        String regional = "Bearer "
                + token(Claims.of("acme-bank", "rita", List.of("QUALITY_MANAGER"))
                        .withRegions(List.of("north")));

        whoami(regional)
                .andExpect(jsonPath("$.branchBound").value(true))
                .andExpect(jsonPath("$.branches.length()").value(2))
                .andExpect(jsonPath("$.branches[0]").value("N-1"))
                .andExpect(jsonPath("$.branches[1]").value("N-2"));

        branchRegions.apply(branch("acme-bank", "N-2", "north", true));
        whoami(regional).andExpect(jsonPath("$.branches.length()").value(1));
    }

    @Test
    void anApiKeyAuthenticatesAnAppUntilItIsRevoked() throws Exception {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();
        ApiKeyChanged issued = apiKey(key, List.of("SH-001"), List.of(Scopes.FEEDBACK_WRITE), false);
        apiKeys.apply(issued);

        mvc.perform(get("/api/v1/whoami").header("X-API-Key", key.key()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("APP"))
                .andExpect(jsonPath("$.tenantId").value("acme-bank"))
                .andExpect(jsonPath("$.subject").value(key.keyId()))
                .andExpect(jsonPath("$.branchBound").value(true));
        whoami("ApiKey " + key.key()).andExpect(status().isOk());
        postThing("ApiKey " + key.key(), "SH-002").andExpect(status().isForbidden());

        mvc.perform(get("/api/v1/whoami").header("X-API-Key", key.key() + "x"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unauthenticated"));

        apiKeys.apply(apiKey(key, List.of("SH-001"), List.of(Scopes.FEEDBACK_WRITE), true));
        mvc.perform(get("/api/v1/whoami").header("X-API-Key", key.key())).andExpect(status().isUnauthorized());
    }

    @Test
    void anApiKeyWithoutTheScopeIsForbidden() throws Exception {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();
        apiKeys.apply(apiKey(key, List.of(), List.of(Scopes.COMPLAINTS_WRITE), false));

        mvc.perform(get("/api/v1/whoami").header("X-API-Key", key.key())).andExpect(status().isForbidden());
    }

    @Test
    void healthIsOpenAndEveryAnswerCarriesTheSecurityHeaders() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().is(not(401)))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));
    }

    @Test
    void theEventCatalogueIsOpenLikeTheOpenApiDocumentsButNothingBeneathIt() throws Exception {
        mvc.perform(get("/v3/asyncapi"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asyncapi").value("3.0.0"));
        mvc.perform(get("/v3/asyncapi/anything")).andExpect(status().isUnauthorized());
    }

    @Test
    void crossOriginRequestsAreRefusedByDefault() throws Exception {
        String admin = "Bearer " + token(Claims.of("acme-bank", "ada", List.of("ADMIN")));
        mvc.perform(get("/api/v1/whoami").header("Authorization", admin).header("Origin", "https://evil.example"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }

    @Test
    void deeplyNestedJsonIsRefusedWith400() throws Exception {
        String admin = "Bearer " + token(Claims.of("acme-bank", "ada", List.of("ADMIN")));
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        mvc.perform(post("/api/v1/branches/SH-001/things")
                        .header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(deep))
                .andExpect(status().isBadRequest());
        String huge = "{\"a\":\"" + "x".repeat(200_000) + "\"}";
        mvc.perform(post("/api/v1/branches/SH-001/things")
                        .header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(huge))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aBodyOverTheCeilingIsRefusedWith413BeforeItIsRead() throws Exception {
        String admin = "Bearer " + token(Claims.of("acme-bank", "ada", List.of("ADMIN")));
        String tooBig = "{\"a\":\"" + "x".repeat(1_100_000) + "\"}";
        mvc.perform(post("/api/v1/branches/SH-001/things")
                        .header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(tooBig))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/payload-too-large"));
    }

    private ResultActions postThing(String authorization, String branchId) throws Exception {
        var request = post("/api/v1/branches/{b}/things", branchId)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}");
        if (authorization.startsWith("ApiKey ")) {
            request.header("X-API-Key", authorization.substring("ApiKey ".length()));
        } else {
            request.header("Authorization", authorization);
        }
        return mvc.perform(request);
    }

    static ApiKeyChanged apiKey(ApiKeySecrets.NewKey key, List<String> branches, List<String> scopes, boolean revoked) {
        return new ApiKeyChanged(
                UUID.randomUUID(),
                "acme-bank",
                null,
                Instant.now(),
                1,
                key.keyId(),
                "test",
                key.secretHash(),
                branches,
                scopes,
                revoked);
    }

    static BranchChanged branch(String tenant, String branchId, String region, boolean removed) {
        return new BranchChanged(
                UUID.randomUUID(), tenant, branchId, Instant.now(), 1, branchId, branchId, region, "UTC", removed);
    }
}

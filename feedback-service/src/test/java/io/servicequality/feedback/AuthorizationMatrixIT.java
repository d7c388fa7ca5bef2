package io.servicequality.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.ApiKeySecrets;
import io.servicequality.security.Role;
import io.servicequality.security.test.AuthorizationMatrix;
import io.servicequality.security.test.TestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization matrix, generated from the service's own OpenAPI document: every operation it publishes × every
 * kind of caller → the status in {@link #RULES}. An operation without a row (or a row without an operation) fails the
 * test. Every list answer is also checked item by item: nothing of another tenant or of a branch outside the caller's
 * scope may appear.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class AuthorizationMatrixIT {

    static final String ACME = "acme-bank";
    static final String OTHER = "other-bank";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /**
     * The rules. Columns are the callers of {@link Case}; {@code 200/FORBIDDEN}: 200 with the batch item refused as
     * outside the caller's branches. Writes of another tenant's admin land in its own tenant (the tenant comes from the
     * credential); its reads of this tenant's objects are 404, as if they did not exist.
     */
    static final String RULES = """
            operation                           | NONE | ADMIN | QUALITY_MANAGER | BRANCH_MANAGER | AGENT | VIEWER | OTHER_TENANT_ADMIN | OUT_OF_SCOPE_MANAGER | KEY_WITH_SCOPE | KEY_WITHOUT_SCOPE | REVOKED_KEY
            POST /api/v1/feedback               | 401  | 202   | 202             | 202            | 202   | 403    | 202                | 403                  | 202            | 403               | 401
            POST /api/v1/feedback/batch         | 401  | 200   | 200             | 200            | 200   | 403    | 200                | 200/FORBIDDEN        | 200            | 403               | 401
            GET /api/v1/feedback                | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200                  | 403            | 403               | 401
            GET /api/v1/feedback/{eventId}      | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404                  | 403            | 403               | 401
            POST /api/v1/interactions           | 401  | 202   | 202             | 202            | 202   | 403    | 202                | 403                  | 202            | 403               | 401
            POST /api/v1/interactions/batch     | 401  | 200   | 200             | 200            | 200   | 403    | 200                | 200/FORBIDDEN        | 200            | 403               | 401
            GET /api/v1/interactions            | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200                  | 403            | 403               | 401
            GET /api/v1/interactions/{eventId}  | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404                  | 403            | 403               | 401
            POST /api/v1/api-keys               | 401  | 201   | 403             | 403            | 403   | 403    | 201                | 403                  | 403            | 403               | 401
            GET /api/v1/api-keys                | 401  | 200   | 403             | 403            | 403   | 403    | 200                | 403                  | 403            | 403               | 401
            DELETE /api/v1/api-keys/{keyId}     | 401  | 204   | 403             | 403            | 403   | 403    | 404                | 403                  | 403            | 403               | 401
            GET /api/v1/audit                   | 401  | 200   | 200             | 403            | 403   | 403    | 200                | 403                  | 403            | 403               | 401
            GET /api/v1/dead-letters            | 401  | 200   | 403             | 403            | 403   | 403    | 200                | 403                  | 403            | 403               | 401
            GET /api/v1/dead-letters/{topic}    | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403            | 403               | 401
            GET /api/v1/dead-letters/{topic}/{partition}/{offset} | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403            | 403               | 401
            POST /api/v1/dead-letters/{topic}/{partition}/{offset}/replay | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403            | 403               | 401
            POST /api/v1/dead-letters/{topic}/replay | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403            | 403               | 401
            DELETE /api/v1/dead-letters/{topic} | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403            | 403               | 401
            """;

    /** Who calls: the columns of {@link #RULES}. */
    enum Case {
        NONE,
        ADMIN,
        QUALITY_MANAGER,
        BRANCH_MANAGER,
        AGENT,
        VIEWER,
        OTHER_TENANT_ADMIN,
        OUT_OF_SCOPE_MANAGER,
        KEY_WITH_SCOPE,
        KEY_WITHOUT_SCOPE,
        REVOKED_KEY
    }

    /** The data every caller aims at: acme-bank, branch SH-001. */
    static final String BRANCH = "SH-001";

    static final EmbeddedStore STORE = EmbeddedStore.inMemory();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STORE::connectionString);
    }

    @AfterAll
    static void stopStore() {
        STORE.close();
    }

    @Autowired
    MockMvc mvc;

    /** Every event id this test created, with its tenant and branch, for the leak checks of lists. */
    final Map<String, String[]> created = new ConcurrentHashMap<>();

    final Map<Case, String> credentials = new HashMap<>();
    final Map<Case, Set<String>> scopeOf = new HashMap<>();

    @Test
    void everyOperationAnswersEveryCallerAsTheRulesSayAndNoListLeaksAcrossTenantsOrBranches() throws Exception {
        String admin = TestCredentials.bearer(ACME, Role.ADMIN);
        String otherAdmin = TestCredentials.bearer(OTHER, Role.ADMIN);
        String acmeFeedback = submitFixture(admin, "/api/v1/feedback", feedback(BRANCH), ACME, BRANCH);
        submitFixture(admin, "/api/v1/feedback", feedback("SH-002"), ACME, "SH-002");
        submitFixture(otherAdmin, "/api/v1/feedback", feedback(BRANCH), OTHER, BRANCH);
        String acmeInteraction = submitFixture(admin, "/api/v1/interactions", interaction(BRANCH), ACME, BRANCH);
        submitFixture(otherAdmin, "/api/v1/interactions", interaction(BRANCH), OTHER, BRANCH);
        String victimKey = issueKey(admin, "victim", List.of("feedback:write"))
                .get("keyId")
                .asString();
        String revokedKey =
                issueKey(admin, "revoked", List.of("feedback:write")).get("key").asString();
        mvc.perform(delete("/api/v1/api-keys/{id}", revokedKey.split("_")[1]).header("Authorization", admin));
        credentials.put(Case.ADMIN, admin);
        credentials.put(Case.QUALITY_MANAGER, TestCredentials.bearer(ACME, Role.QUALITY_MANAGER));
        credentials.put(Case.BRANCH_MANAGER, TestCredentials.bearer(ACME, List.of(BRANCH), Role.BRANCH_MANAGER));
        credentials.put(Case.AGENT, TestCredentials.bearer(ACME, List.of(BRANCH), Role.AGENT));
        credentials.put(Case.VIEWER, TestCredentials.bearer(ACME, Role.VIEWER));
        credentials.put(Case.OTHER_TENANT_ADMIN, otherAdmin);
        credentials.put(
                Case.OUT_OF_SCOPE_MANAGER, TestCredentials.bearer(ACME, List.of("SH-009"), Role.BRANCH_MANAGER));
        credentials.put(
                Case.KEY_WITH_SCOPE,
                "ApiKey "
                        + issueKey(admin, "writer", List.of("feedback:write", "interactions:write"))
                                .get("key")
                                .asString());
        credentials.put(
                Case.KEY_WITHOUT_SCOPE,
                "ApiKey "
                        + issueKey(admin, "complaints only", List.of("complaints:write"))
                                .get("key")
                                .asString());
        credentials.put(Case.REVOKED_KEY, "ApiKey " + revokedKey);
        scopeOf.put(Case.BRANCH_MANAGER, Set.of(BRANCH));
        scopeOf.put(Case.AGENT, Set.of(BRANCH));
        scopeOf.put(Case.OUT_OF_SCOPE_MANAGER, Set.of("SH-009"));
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(status(get("/api/v1/feedback/{id}", acmeFeedback), admin))
                    .isEqualTo(200);
            assertThat(status(get("/api/v1/interactions/{id}", acmeInteraction), admin))
                    .isEqualTo(200);
        });
        Map<String, String> pathValues =
                Map.of("eventId", acmeFeedback, "keyId", victimKey, "interactionEventId", acmeInteraction);

        Map<String, Map<Case, String>> rules = rules();
        Set<String> operations = operationsOfTheOpenApiDocument();
        assertThat(operations)
                .as("every operation of /v3/api-docs has a row in RULES, and every row an operation")
                .containsExactlyInAnyOrderElementsOf(rules.keySet());

        assertThat(AuthorizationMatrix.mismatches(
                        rules, operations, Case.class, (operation, caller) -> call(operation, caller, pathValues)))
                .isEmpty();
    }

    @Test
    void aRevokedKeyIsRefusedByTheNextRequestAndIssueAndRevocationAreAudited() throws Exception {
        String admin = TestCredentials.bearer(ACME, Role.ADMIN);
        JsonNode issued = issueKey(admin, "kiosk SH-001", List.of("feedback:write"));
        String key = issued.get("key").asString();
        String keyId = issued.get("keyId").asString();

        assertThat(status(
                        post("/api/v1/feedback")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(feedback(BRANCH)),
                        "ApiKey " + key))
                .isEqualTo(202);
        assertThat(status(delete("/api/v1/api-keys/{id}", keyId), admin)).isEqualTo(204);
        assertThat(status(
                        post("/api/v1/feedback")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(feedback(BRANCH)),
                        "ApiKey " + key))
                .isEqualTo(401);

        JsonNode listed = JSON.readTree(perform(get("/api/v1/api-keys"), admin).getContentAsString());
        JsonNode mine = null;
        for (JsonNode item : listed.get("items")) {
            assertThat(item.has("key")).isFalse();
            assertThat(item.has("secretHash")).isFalse();
            if (item.get("keyId").asString().equals(keyId)) {
                mine = item;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("revoked").asBoolean()).isTrue();

        JsonNode audit = JSON.readTree(perform(get("/api/v1/audit"), admin).getContentAsString());
        List<String> actions = new ArrayList<>();
        for (JsonNode entry : audit.get("items")) {
            if (entry.get("target").asString().equals("api-key:" + keyId)) {
                actions.add(entry.get("action").asString());
                assertThat(entry.get("actor").asString()).isEqualTo("test-admin");
                // the secret is what follows sqp_<keyId>_ (base64url: it may itself contain '_')
                assertThat(entry.toString())
                        .doesNotContain(ApiKeySecrets.parse(key).orElseThrow().secret());
            }
        }
        assertThat(actions).containsExactly("api-key.revoked", "api-key.issued");
        JsonNode otherTenantsAudit =
                JSON.readTree(perform(get("/api/v1/audit"), TestCredentials.bearer(OTHER, Role.ADMIN))
                        .getContentAsString());
        assertThat(otherTenantsAudit.toString()).doesNotContain(keyId);
    }

    private Map<String, Map<Case, String>> rules() {
        return AuthorizationMatrix.rules(RULES, Case.class);
    }

    private Set<String> operationsOfTheOpenApiDocument() throws Exception {
        return AuthorizationMatrix.operationsOf(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
    }

    private String call(String operation, Case caller, Map<String, String> pathValues) throws Exception {
        String[] parts = operation.split(" ", 2);
        String path = AuthorizationMatrix.deadLetterPath(parts[1])
                .replace("{keyId}", pathValues.get("keyId"))
                .replace(
                        "{eventId}",
                        parts[1].startsWith("/api/v1/interactions")
                                ? pathValues.get("interactionEventId")
                                : pathValues.get("eventId"));
        MockHttpServletRequestBuilder request = switch (HttpMethod.valueOf(parts[0])
                .name()) {
            case "GET" -> get(path);
            case "DELETE" -> delete(path);
            case "POST" -> post(path).contentType(MediaType.APPLICATION_JSON).content(bodyFor(path));
            default -> throw new IllegalStateException("no request for " + operation);
        };
        MockHttpServletResponse response = perform(request, credentials.get(caller));
        int status = response.getStatus();
        if (status == 200 && path.endsWith("/batch")) {
            JsonNode item = JSON.readTree(response.getContentAsString()).at("/results/0");
            rememberCreated(item, caller);
            String itemStatus = item.get("status").asString();
            return itemStatus.equals("ACCEPTED") ? "200" : "200/" + itemStatus;
        }
        if (status == 202) {
            rememberCreated(JSON.readTree(response.getContentAsString()), caller);
        }
        if (status == 200 && parts[0].equals("GET")) {
            assertNothingLeaks(path, caller, JSON.readTree(response.getContentAsString()));
        }
        return Integer.toString(status);
    }

    /** A list shows only the caller's tenant, and for a branch-bound caller only its branches. */
    private void assertNothingLeaks(String path, Case caller, JsonNode body) {
        String tenant = caller == Case.OTHER_TENANT_ADMIN ? OTHER : ACME;
        List<JsonNode> items = new ArrayList<>();
        if (body.has("items")) {
            body.get("items").forEach(items::add);
        } else {
            items.add(body);
        }
        for (JsonNode item : items) {
            if (item.has("eventId") && created.containsKey(item.get("eventId").asString())) {
                String[] origin = created.get(item.get("eventId").asString());
                assertThat(origin[0])
                        .as(path + " as " + caller + " shows " + item)
                        .isEqualTo(tenant);
            }
            if (item.has("branchId") && scopeOf.containsKey(caller)) {
                assertThat(scopeOf.get(caller))
                        .as(path + " as " + caller + " shows " + item)
                        .contains(item.get("branchId").asString());
            }
            if (tenant.equals(OTHER)) {
                assertThat(item.toString()).as(path + " as " + caller).doesNotContain("victim", "writer");
            }
        }
    }

    private void rememberCreated(JsonNode accepted, Case caller) {
        if (accepted.has("eventId")) {
            created.put(
                    accepted.get("eventId").asString(),
                    new String[] {caller == Case.OTHER_TENANT_ADMIN ? OTHER : ACME, BRANCH});
        }
    }

    private static String bodyFor(String path) {
        if (path.startsWith("/api/v1/dead-letters/")) {
            return ""; // a replay takes no body
        }
        return switch (path) {
            case "/api/v1/feedback" -> feedback(BRANCH);
            case "/api/v1/feedback/batch" -> "[" + feedback(BRANCH) + "]";
            case "/api/v1/interactions" -> interaction(BRANCH);
            case "/api/v1/interactions/batch" -> "[" + interaction(BRANCH) + "]";
            case "/api/v1/api-keys" -> """
                    {"name": "matrix", "scopes": ["feedback:write"]}""";
            default -> throw new IllegalStateException("no body for " + path);
        };
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String credential) throws Exception {
        if (credential != null && credential.startsWith("ApiKey ")) {
            request.header("X-API-Key", credential.substring("ApiKey ".length()));
        } else if (credential != null) {
            request.header("Authorization", credential);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private int status(MockHttpServletRequestBuilder request, String credential) throws Exception {
        return perform(request, credential).getStatus();
    }

    private String submitFixture(String credential, String path, String body, String tenant, String branch)
            throws Exception {
        MockHttpServletResponse response =
                perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body), credential);
        assertThat(response.getStatus()).isEqualTo(202);
        String eventId =
                JSON.readTree(response.getContentAsString()).get("eventId").asString();
        created.put(eventId, new String[] {tenant, branch});
        return eventId;
    }

    private JsonNode issueKey(String admin, String name, List<String> scopes) throws Exception {
        MockHttpServletResponse response = perform(
                post("/api/v1/api-keys")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("name", name, "scopes", scopes))),
                admin);
        assertThat(response.getStatus()).isEqualTo(201);
        return JSON.readTree(response.getContentAsString());
    }

    static String feedback(String branch) {
        return """
                {"branchId": "%s", "occurredAt": "%s", "csat": 4}""".formatted(
                        branch, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60));
    }

    static String interaction(String branch) {
        return """
                {"branchId": "%s", "occurredAt": "%s", "channel": "PHONE", "answered": true, "abandoned": false}""".formatted(
                        branch, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60));
    }
}

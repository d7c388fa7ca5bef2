package io.servicequality.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.Role;
import io.servicequality.security.test.AuthorizationMatrix;
import io.servicequality.security.test.TestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
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
 * test. Every answer is also checked for leaks: bucket, target, rule, attainment and audit lists item by item against
 * where each object was created; a change refused to another tenant must leave the object exactly as it was; and
 * every target and alert-rule change must have its audit entry, with its state before and after.
 */
@SpringBootTest(
        properties = {
            "logging.level.org.apache.kafka=warn",
            "logging.level.kafka=warn",
            "logging.level.state.change.logger=warn"
        })
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    static final String ACME = "acme-bank";
    static final String OTHER = "other-bank";
    static final String BRANCH = "SH-001";
    static final String SIBLING = "SH-002";
    static final String ELSEWHERE = "SH-009";
    static final Instant HOUR = Instant.parse("2026-11-20T09:00:00Z");
    static final String RANGE = "from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration DEADLINE = Duration.ofSeconds(60);

    /**
     * The rules. Columns are the callers of {@link Case}. Writes of another tenant's admin land in its own tenant (the
     * tenant comes from the credential); its reads and changes of this tenant's objects are 404, as if they did not
     * exist. A branch manager of another branch gets 404 for this branch's buckets and attainment and for this
     * branch's target or rule, and 403 for every change (branch managers change no targets or rules).
     */
    static final String RULES = """
            operation                              | NONE | ADMIN | QUALITY_MANAGER | BRANCH_MANAGER | AGENT | VIEWER | OTHER_TENANT_ADMIN | OUT_OF_SCOPE_MANAGER
            GET /api/v1/buckets                    | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/targets                    | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200
            POST /api/v1/targets                   | 401  | 201   | 201             | 403            | 403   | 403    | 201                | 403
            GET /api/v1/targets/{id}               | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404
            PUT /api/v1/targets/{id}               | 401  | 200   | 200             | 403            | 403   | 403    | 404                | 403
            DELETE /api/v1/targets/{id}            | 401  | 204   | 204             | 403            | 403   | 403    | 404                | 403
            GET /api/v1/targets/attainment         | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/alert-rules                | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200
            POST /api/v1/alert-rules               | 401  | 201   | 201             | 403            | 403   | 403    | 201                | 403
            GET /api/v1/alert-rules/{id}           | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404
            PUT /api/v1/alert-rules/{id}           | 401  | 200   | 200             | 403            | 403   | 403    | 404                | 403
            DELETE /api/v1/alert-rules/{id}        | 401  | 204   | 204             | 403            | 403   | 403    | 404                | 403
            GET /api/v1/audit                      | 401  | 200   | 200             | 403            | 403   | 403    | 200                | 403
            GET /api/v1/dead-letters               | 401  | 200   | 403             | 403            | 403   | 403    | 200                | 403
            GET /api/v1/dead-letters/{topic}       | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
            GET /api/v1/dead-letters/{topic}/{partition}/{offset} | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
            POST /api/v1/dead-letters/{topic}/{partition}/{offset}/replay | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
            POST /api/v1/dead-letters/{topic}/replay | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
            DELETE /api/v1/dead-letters/{topic}    | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
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
        OUT_OF_SCOPE_MANAGER
    }

    static final EmbeddedStore STORE = EmbeddedStore.inMemory();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STORE::connectionString);
    }

    @AfterAll
    void stopStore() {
        STORE.close();
    }

    @Autowired
    MockMvc mvc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    final Map<Case, String> credentials = new EnumMap<>(Case.class);
    final Map<Case, Set<String>> branchesOf = new EnumMap<>(Case.class);

    /** Where every target and rule this test created lives: id → {tenant, branch or null}. */
    final Map<String, String[]> origins = new HashMap<>();

    /** Successful target and rule changes per tenant, each of which must have its audit entry. */
    final Map<String, Integer> changes = new HashMap<>(Map.of(ACME, 0, OTHER, 0));

    String admin;
    String otherAdmin;
    String acmeTarget;
    String acmeRule;

    @BeforeAll
    void callersAndFixtures() throws Exception {
        admin = TestCredentials.bearer(ACME, Role.ADMIN);
        otherAdmin = TestCredentials.bearer(OTHER, Role.ADMIN);
        credentials.put(Case.ADMIN, admin);
        credentials.put(Case.QUALITY_MANAGER, TestCredentials.bearer(ACME, Role.QUALITY_MANAGER));
        credentials.put(Case.BRANCH_MANAGER, TestCredentials.bearer(ACME, List.of(BRANCH), Role.BRANCH_MANAGER));
        credentials.put(Case.AGENT, TestCredentials.bearer(ACME, List.of(BRANCH), Role.AGENT));
        credentials.put(Case.VIEWER, TestCredentials.bearer(ACME, Role.VIEWER));
        credentials.put(Case.OTHER_TENANT_ADMIN, otherAdmin);
        credentials.put(
                Case.OUT_OF_SCOPE_MANAGER, TestCredentials.bearer(ACME, List.of(ELSEWHERE), Role.BRANCH_MANAGER));
        branchesOf.put(Case.BRANCH_MANAGER, Set.of(BRANCH));
        branchesOf.put(Case.AGENT, Set.of(BRANCH));
        branchesOf.put(Case.OUT_OF_SCOPE_MANAGER, Set.of(ELSEWHERE));

        // tenant-wide, this branch's, a sibling branch's, and another tenant's of the same branch id
        create(admin, ACME, "/api/v1/targets", targetBody(null));
        acmeTarget = create(admin, ACME, "/api/v1/targets", targetBody(BRANCH));
        create(admin, ACME, "/api/v1/targets", targetBody(SIBLING));
        create(otherAdmin, OTHER, "/api/v1/targets", targetBody(BRANCH));
        create(admin, ACME, "/api/v1/alert-rules", tenantRuleBody());
        acmeRule = create(admin, ACME, "/api/v1/alert-rules", ruleBody(BRANCH));
        create(admin, ACME, "/api/v1/alert-rules", ruleBody(SIBLING));
        create(otherAdmin, OTHER, "/api/v1/alert-rules", ruleBody(BRANCH));

        // buckets: acme's feedback of this branch rates 5, the other tenant's of the same branch id 1
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new StringSerializer())) {
            for (FeedbackSubmitted event :
                    List.of(feedback(ACME, BRANCH, 5), feedback(ACME, SIBLING, 3), feedback(OTHER, BRANCH, 1))) {
                producer.send(new ProducerRecord<>(
                                Topics.FEEDBACK_SUBMITTED, event.recordKey(), JSON.writeValueAsString(event)))
                        .get();
            }
        }
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(buckets(admin)).hasSize(1);
            assertThat(buckets(otherAdmin)).hasSize(1);
        });
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheRulesSayWithoutReadingOrWritingAcrossTenantsOrBranches()
            throws Exception {
        Map<String, Map<Case, String>> rules = rules();
        Set<String> operations = operationsOfTheOpenApiDocument();
        assertThat(operations)
                .as("every operation of /v3/api-docs has a row in RULES, and every row an operation")
                .containsExactlyInAnyOrderElementsOf(rules.keySet());

        assertThat(AuthorizationMatrix.mismatches(
                        rules, rules.keySet(), Case.class, (operation, caller) -> call(operation, caller)))
                .isEmpty();

        // every target and rule change has its audit entry, in its own tenant's log only
        assertThat(auditEntries(admin)).hasSize(changes.get(ACME));
        assertThat(auditEntries(otherAdmin)).hasSize(changes.get(OTHER));
    }

    @Test
    void aQualityManagerBoundToABranchChangesOnlyThatBranchesTargetsAndRules() throws Exception {
        String bound = TestCredentials.bearer(ACME, List.of(ELSEWHERE), Role.QUALITY_MANAGER);

        assertThat(status(json(post("/api/v1/targets"), targetBody(BRANCH)), bound))
                .isEqualTo(403);
        assertThat(status(json(post("/api/v1/targets"), targetBody(null)), bound))
                .as("a tenant-wide target")
                .isEqualTo(403);
        assertThat(status(json(post("/api/v1/alert-rules"), tenantRuleBody()), bound))
                .isEqualTo(403);
        String before = stateOf("/api/v1/targets/" + acmeTarget);
        assertThat(status(json(put("/api/v1/targets/{id}", acmeTarget), targetBody(ELSEWHERE)), bound))
                .as("another branch's target is not there for it")
                .isEqualTo(404);
        assertThat(status(delete("/api/v1/targets/{id}", acmeTarget), bound)).isEqualTo(404);
        assertThat(stateOf("/api/v1/targets/" + acmeTarget)).isEqualTo(before);

        String own = create(bound, ACME, "/api/v1/targets", targetBody(ELSEWHERE));
        assertThat(status(json(put("/api/v1/targets/{id}", own), targetBody(BRANCH)), bound))
                .as("moving its target to another branch")
                .isEqualTo(403);
        assertThat(status(delete("/api/v1/targets/{id}", own), bound)).isEqualTo(204);
        changes.merge(ACME, 1, Integer::sum);
    }

    // --- one call of the matrix ------------------------------------------------------------------------------

    private String call(String operation, Case caller) throws Exception {
        String[] parts = operation.split(" ", 2);
        String method = parts[0];
        String template = AuthorizationMatrix.deadLetterPath(parts[1]);
        String tenant = tenantOf(caller);
        boolean targets = template.startsWith("/api/v1/targets");
        String collection = targets ? "/api/v1/targets" : "/api/v1/alert-rules";
        String id = targets ? acmeTarget : acmeRule;
        if (method.equals("DELETE")) {
            id = create(admin, ACME, collection, targets ? targetBody(BRANCH) : ruleBody(BRANCH));
        }
        String path = template.replace("{id}", id);
        MockHttpServletRequestBuilder request = switch (method) {
            case "GET" -> get(path + query(template));
            case "DELETE" -> delete(path);
            case "PUT" -> json(put(path), targets ? targetBody(BRANCH) : ruleBody(BRANCH));
            case "POST" -> json(post(path), targets ? targetBody(BRANCH) : ruleBody(BRANCH));
            default -> throw new IllegalStateException("no request for " + operation);
        };
        String before = template.endsWith("{id}") ? stateOf(path) : null;

        MockHttpServletResponse response = perform(request, credentials.get(caller));
        int status = response.getStatus();

        if (status == 201) {
            JsonNode created = JSON.readTree(response.getContentAsString());
            assertThat(created.get("branchId").asString()).isEqualTo(BRANCH);
            origins.put(created.get("id").asString(), new String[] {tenant, BRANCH});
        }
        if ((status == 200 || status == 201 || status == 204) && !method.equals("GET")) {
            changes.merge(tenant, 1, Integer::sum);
        }
        if (status == 200 && method.equals("GET")) {
            assertNothingLeaks(template, caller, JSON.readTree(response.getContentAsString()));
        }
        if (before != null && !method.equals("GET") && status != 200 && status != 204) {
            assertThat(stateOf(path))
                    .as(operation + " refused to " + caller + " changes nothing")
                    .isEqualTo(before);
        }
        return Integer.toString(status);
    }

    private static String query(String template) {
        return switch (template) {
            case "/api/v1/buckets", "/api/v1/targets/attainment" -> "?branchId=" + BRANCH + "&" + RANGE;
            case "/api/v1/audit" -> "?limit=500";
            default -> "";
        };
    }

    /** Everything a caller gets back belongs to its tenant and, for a branch-bound caller, to its branches. */
    private void assertNothingLeaks(String template, Case caller, JsonNode body) {
        String tenant = tenantOf(caller);
        Set<String> branches = branchesOf.get(caller);
        String what = template + " as " + caller;
        switch (template) {
            case "/api/v1/buckets" -> {
                assertThat(body).as(what).isNotEmpty();
                body.forEach(bucket -> {
                    assertThat(bucket.get("branchId").asString()).isEqualTo(BRANCH);
                    assertThat(bucket.at("/statistics/csat/sum").asLong())
                            .as(what + ": the feedback of " + tenant + " only")
                            .isEqualTo(tenant.equals(ACME) ? 5 : 1);
                });
            }
            case "/api/v1/targets", "/api/v1/alert-rules" -> {
                assertThat(body).as(what).isNotEmpty();
                body.forEach(item -> assertOwn(what, item, tenant, branches));
            }
            case "/api/v1/targets/{id}", "/api/v1/alert-rules/{id}" -> assertOwn(what, body, tenant, branches);
            case "/api/v1/targets/attainment" -> {
                assertThat(body).as(what).isNotEmpty();
                body.forEach(item -> {
                    assertOwn(what, item.get("target"), tenant, branches);
                    assertThat(item.get("target").get("branchId").isNull()
                                    || item.get("target")
                                            .get("branchId")
                                            .asString()
                                            .equals(BRANCH))
                            .as(what + ": targets of the branch asked for")
                            .isTrue();
                });
            }
            case "/api/v1/audit" ->
                body.get("items").forEach(entry -> {
                    String target = entry.get("target").asString();
                    String[] origin = origins.get(target.substring(target.indexOf(':') + 1));
                    assertThat(origin).as(what + " shows " + target).isNotNull();
                    assertThat(origin[0])
                            .as(what + " shows " + target + " of another tenant")
                            .isEqualTo(tenant);
                });
            case "/api/v1/dead-letters" ->
                assertThat(body.get("items")).as(what).isNotNull();
            default -> throw new IllegalStateException("no leak check for " + template);
        }
    }

    private void assertOwn(String what, JsonNode item, String tenant, Set<String> branches) {
        String id = item.get("id").asString();
        String[] origin = origins.get(id);
        assertThat(origin)
                .as(what + " shows an object this test did not create: " + id)
                .isNotNull();
        assertThat(origin[0]).as(what + " shows " + id + " of another tenant").isEqualTo(tenant);
        if (branches != null && origin[1] != null) {
            assertThat(branches)
                    .as(what + " shows " + id + " of another branch")
                    .contains(origin[1]);
        }
    }

    // --- fixtures --------------------------------------------------------------------------------------------

    private String create(String credential, String tenant, String collection, String body) throws Exception {
        MockHttpServletResponse response = perform(json(post(collection), body), credential);
        assertThat(response.getStatus()).as(collection + " " + body).isEqualTo(201);
        JsonNode created = JSON.readTree(response.getContentAsString());
        String id = created.get("id").asString();
        origins.put(id, new String[] {
            tenant,
            created.get("branchId").isNull() ? null : created.get("branchId").asString()
        });
        changes.merge(tenant, 1, Integer::sum);
        return id;
    }

    /** The object as its tenant's admin sees it (or the answer's status when it is gone). */
    private String stateOf(String path) throws Exception {
        MockHttpServletResponse response = perform(get(path), admin);
        return response.getStatus() + " " + response.getContentAsString();
    }

    private List<JsonNode> buckets(String credential) throws Exception {
        MockHttpServletResponse response = perform(get("/api/v1/buckets?branchId=" + BRANCH + "&" + RANGE), credential);
        assertThat(response.getStatus()).isEqualTo(200);
        List<JsonNode> buckets = new ArrayList<>();
        JSON.readTree(response.getContentAsString()).forEach(buckets::add);
        return buckets;
    }

    private List<JsonNode> auditEntries(String credential) throws Exception {
        MockHttpServletResponse response = perform(get("/api/v1/audit").param("limit", "500"), credential);
        assertThat(response.getStatus()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(response.getContentAsString()).get("items")) {
            String action = entry.get("action").asString();
            assertThat(entry.get("actor").asString()).startsWith("test-");
            assertThat(entry.get("at").isNull()).isFalse();
            assertThat(entry.get("target").asString()).matches("(target|alert-rule):.+");
            assertThat(entry.get("before").isNull())
                    .as(action + " has the state before unless it created")
                    .isEqualTo(action.endsWith(".created"));
            assertThat(entry.get("after").isNull())
                    .as(action + " has the state after unless it removed")
                    .isEqualTo(action.endsWith(".removed"));
            entries.add(entry);
        }
        return entries;
    }

    private static FeedbackSubmitted feedback(String tenant, String branch, int csat) {
        return new FeedbackSubmitted(
                UUID.randomUUID(),
                tenant,
                branch,
                HOUR,
                FeedbackSubmitted.SCHEMA_VERSION,
                HOUR.plusSeconds(1),
                Channel.COUNTER,
                null,
                null,
                csat,
                null,
                null,
                null,
                "c-1",
                null,
                null);
    }

    private static String targetBody(String branch) {
        return """
                {%s"metric": "csat.percent", "bound": "AT_LEAST", "value": 80}""".formatted(branch == null ? "" : "\"branchId\": \"" + branch + "\", ");
    }

    private static String ruleBody(String branch) {
        return """
                {"branchId": "%s", "metric": "csat.percent", "kind": "THRESHOLD", "direction": "BELOW",
                 "threshold": 80}""".formatted(branch);
    }

    private static String tenantRuleBody() {
        return """
                {"scope": "TENANT", "metric": "csat.percent", "kind": "THRESHOLD", "direction": "BELOW",
                 "threshold": 70}""";
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    private static String tenantOf(Case caller) {
        return caller == Case.OTHER_TENANT_ADMIN ? OTHER : ACME;
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private Map<String, Map<Case, String>> rules() {
        return AuthorizationMatrix.rules(RULES, Case.class);
    }

    private Set<String> operationsOfTheOpenApiDocument() throws Exception {
        return AuthorizationMatrix.operationsOf(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String credential) throws Exception {
        if (credential != null) {
            request.header("Authorization", credential);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private int status(MockHttpServletRequestBuilder request, String credential) throws Exception {
        return perform(request, credential).getStatus();
    }
}

package io.servicequality.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.servicequality.contracts.ApiKeyChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.ApiKeySecrets;
import io.servicequality.security.Role;
import io.servicequality.security.Scopes;
import io.servicequality.security.test.AuthorizationMatrix;
import io.servicequality.security.test.TestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
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
 * test. Every answer is also checked for leaks: lists (and their counts, and the CSV export) item by item against
 * where each object was created; an action refused to another tenant or an out-of-scope branch must leave the
 * complaint exactly as it was; and every SLA policy and calendar change must have its audit entry.
 */
@SpringBootTest(
        properties = {
            "sqp.complaints.timers.interval=1h",
            // deliveries are re-sent to a port nobody listens on (SUBSCRIPTION): a failed attempt, answered quickly
            "sqp.complaints.webhook.connect-timeout=200ms"
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
    static final String KEYS_BRANCH = "KIOSK-1";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /** A webhook subscription's body: https to a port nobody listens on, so a re-send fails fast. */
    static final String SUBSCRIPTION = "{\"url\": \"https://127.0.0.1:9/hook\", \"eventTypes\": [\"alert.raised\"]}";

    /**
     * The rules. Columns are the callers of {@link Case}. Writes of another tenant's admin land in its own tenant (the
     * tenant comes from the credential); its reads and actions on this tenant's objects are 404, as if they did not
     * exist. Branch managers and agents of another branch get 403 for a write naming this branch and 404 for this
     * branch's objects.
     */
    static final String RULES = """
            operation                                                 | NONE | ADMIN | QUALITY_MANAGER | BRANCH_MANAGER | AGENT | VIEWER | OTHER_TENANT_ADMIN | OUT_OF_SCOPE_MANAGER | OUT_OF_SCOPE_AGENT | KEY_WITH_SCOPE | KEY_WITHOUT_SCOPE | REVOKED_KEY
            POST /api/v1/complaints                                   | 401  | 201   | 201             | 201            | 201   | 403    | 201                | 403                  | 403                | 201            | 403               | 401
            GET /api/v1/complaints                                    | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200                  | 200                | 403            | 403               | 401
            GET /api/v1/complaints/export.csv                         | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200                  | 200                | 403            | 403               | 401
            GET /api/v1/complaints/{complaintId}                      | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404                  | 404                | 403            | 403               | 401
            GET /api/v1/complaints/{complaintId}/history              | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404                  | 404                | 403            | 403               | 401
            POST /api/v1/complaints/{complaintId}/acknowledge         | 401  | 200   | 200             | 200            | 200   | 403    | 404                | 404                  | 404                | 403            | 403               | 401
            POST /api/v1/complaints/{complaintId}/assign              | 401  | 200   | 200             | 200            | 200   | 403    | 404                | 404                  | 404                | 403            | 403               | 401
            POST /api/v1/complaints/{complaintId}/hold                | 401  | 200   | 200             | 200            | 200   | 403    | 404                | 404                  | 404                | 403            | 403               | 401
            POST /api/v1/complaints/{complaintId}/resume              | 401  | 200   | 200             | 200            | 200   | 403    | 404                | 404                  | 404                | 403            | 403               | 401
            POST /api/v1/complaints/{complaintId}/escalate            | 401  | 200   | 200             | 200            | 200   | 403    | 404                | 404                  | 404                | 403            | 403               | 401
            POST /api/v1/complaints/{complaintId}/resolve             | 401  | 200   | 200             | 200            | 200   | 403    | 404                | 404                  | 404                | 403            | 403               | 401
            POST /api/v1/complaints/{complaintId}/follow-up           | 401  | 200   | 200             | 200            | 200   | 403    | 404                | 404                  | 404                | 403            | 403               | 401
            POST /api/v1/complaints/{complaintId}/close               | 401  | 200   | 200             | 200            | 200   | 403    | 404                | 404                  | 404                | 403            | 403               | 401
            POST /api/v1/complaints/{complaintId}/reopen              | 401  | 200   | 200             | 200            | 200   | 403    | 404                | 404                  | 404                | 403            | 403               | 401
            GET /api/v1/sla-policies                                  | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200                  | 200                | 403            | 403               | 401
            GET /api/v1/sla-policies/{severity}                       | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200                  | 200                | 403            | 403               | 401
            PUT /api/v1/sla-policies/{severity}                       | 401  | 200   | 200             | 403            | 403   | 403    | 200                | 403                  | 403                | 403            | 403               | 401
            DELETE /api/v1/sla-policies/{severity}                    | 401  | 204   | 204             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            GET /api/v1/calendars                                     | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200                  | 200                | 403            | 403               | 401
            GET /api/v1/calendars/{branchId}                          | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404                  | 404                | 403            | 403               | 401
            PUT /api/v1/calendars/{branchId}                          | 401  | 200   | 200             | 403            | 403   | 403    | 200                | 403                  | 403                | 403            | 403               | 401
            DELETE /api/v1/calendars/{branchId}                       | 401  | 204   | 204             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            POST /api/v1/corrective-actions                           | 401  | 201   | 201             | 201            | 403   | 403    | 201                | 403                  | 403                | 403            | 403               | 401
            GET /api/v1/corrective-actions                            | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200                  | 200                | 403            | 403               | 401
            GET /api/v1/corrective-actions/{actionId}                 | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404                  | 404                | 403            | 403               | 401
            PATCH /api/v1/corrective-actions/{actionId}               | 401  | 200   | 200             | 200            | 403   | 403    | 404                | 404                  | 403                | 403            | 403               | 401
            POST /api/v1/corrective-actions/{actionId}/start          | 401  | 200   | 200             | 200            | 403   | 403    | 404                | 404                  | 403                | 403            | 403               | 401
            POST /api/v1/corrective-actions/{actionId}/check          | 401  | 200   | 200             | 200            | 403   | 403    | 404                | 404                  | 403                | 403            | 403               | 401
            POST /api/v1/corrective-actions/{actionId}/evaluate       | 401  | 200   | 200             | 200            | 403   | 403    | 404                | 404                  | 403                | 403            | 403               | 401
            POST /api/v1/webhooks                                     | 401  | 201   | 403             | 403            | 403   | 403    | 201                | 403                  | 403                | 403            | 403               | 401
            GET /api/v1/webhooks                                      | 401  | 200   | 403             | 403            | 403   | 403    | 200                | 403                  | 403                | 403            | 403               | 401
            GET /api/v1/webhooks/{subscriptionId}                     | 401  | 200   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            PUT /api/v1/webhooks/{subscriptionId}                     | 401  | 200   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            DELETE /api/v1/webhooks/{subscriptionId}                  | 401  | 204   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            POST /api/v1/webhooks/{subscriptionId}/rotate-secret      | 401  | 200   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            GET /api/v1/webhook-deliveries                            | 401  | 200   | 403             | 403            | 403   | 403    | 200                | 403                  | 403                | 403            | 403               | 401
            POST /api/v1/webhook-deliveries/{deliveryId}/redeliver    | 401  | 200   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            GET /api/v1/audit                                         | 401  | 200   | 200             | 403            | 403   | 403    | 200                | 403                  | 403                | 403            | 403               | 401
            GET /api/v1/dead-letters                                  | 401  | 200   | 403             | 403            | 403   | 403    | 200                | 403                  | 403                | 403            | 403               | 401
            GET /api/v1/dead-letters/{topic}                          | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            GET /api/v1/dead-letters/{topic}/{partition}/{offset}     | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            POST /api/v1/dead-letters/{topic}/{partition}/{offset}/replay | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            POST /api/v1/dead-letters/{topic}/replay                  | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
            DELETE /api/v1/dead-letters/{topic}                       | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403                  | 403                | 403            | 403               | 401
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
        OUT_OF_SCOPE_AGENT,
        KEY_WITH_SCOPE,
        KEY_WITHOUT_SCOPE,
        REVOKED_KEY
    }

    /** What a complaint must have been through before each action can succeed. */
    static final Map<String, List<String[]>> STEPS_BEFORE = Map.of(
            "acknowledge", List.of(),
            "escalate", List.of(),
            "assign", List.<String[]>of(new String[] {"acknowledge", "{}"}),
            "hold", List.<String[]>of(new String[] {"acknowledge", "{}"}),
            "resolve", List.<String[]>of(new String[] {"acknowledge", "{}"}),
            "resume", List.of(new String[] {"acknowledge", "{}"}, new String[] {"hold", "{\"reason\": \"waiting\"}"}),
            "follow-up", resolved(),
            "close", resolved(),
            "reopen", resolved());

    static final Map<String, String> ACTION_BODIES = Map.of(
            "acknowledge", "{\"note\": \"calling back\"}",
            "assign", "{\"assignee\": \"bob\"}",
            "hold", "{\"reason\": \"waiting for the customer\"}",
            "resume", "{}",
            "escalate", "{\"reason\": \"VIP\"}",
            "resolve", "{\"rootCause\": \"double submit\", \"correctiveAction\": \"refund\"}",
            "follow-up", "{\"satisfaction\": 4}",
            "close", "{}",
            "reopen", "{\"reason\": \"still broken\"}");

    static final String CALENDAR = """
            { "timeZone": "Europe/Berlin",
              "weeklyHours": { "MONDAY": [{"from": "09:00", "to": "17:00"}] } }""";

    /** The acme-bank policy for LOW; another tenant must only ever see the defaults. */
    static final String ACME_LOW_POLICY = "{\"firstResponseMinutes\": 777, \"resolutionMinutes\": 7777}";

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

    @Autowired
    MongoOperations mongo;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    final Map<Case, String> credentials = new EnumMap<>(Case.class);
    final Map<Case, Set<String>> branchesOf = new EnumMap<>(Case.class);

    /** Where every complaint and corrective action this test created lives: id → {tenant, branch}. */
    final Map<String, String[]> origins = new HashMap<>();

    /** Successful SLA policy and calendar changes per tenant, each of which must have its audit entry. */
    final Map<String, Integer> configurationChanges = new HashMap<>(Map.of(ACME, 0, OTHER, 0));

    String admin;
    String otherAdmin;
    String acmeComplaint;
    String acmeAction;
    UUID acmeDelivery;
    String acmeSubscription;

    @BeforeAll
    void callersAndFixtures() throws Exception {
        admin = TestCredentials.bearer(ACME, Role.ADMIN);
        otherAdmin = TestCredentials.bearer(OTHER, Role.ADMIN);
        kafkaAdmin.createOrModifyTopics(new NewTopic(Topics.API_KEYS, 1, (short) 1));
        credentials.put(Case.ADMIN, admin);
        credentials.put(Case.QUALITY_MANAGER, TestCredentials.bearer(ACME, Role.QUALITY_MANAGER));
        credentials.put(Case.BRANCH_MANAGER, TestCredentials.bearer(ACME, List.of(BRANCH), Role.BRANCH_MANAGER));
        credentials.put(Case.AGENT, TestCredentials.bearer(ACME, List.of(BRANCH), Role.AGENT));
        credentials.put(Case.VIEWER, TestCredentials.bearer(ACME, Role.VIEWER));
        credentials.put(Case.OTHER_TENANT_ADMIN, otherAdmin);
        credentials.put(
                Case.OUT_OF_SCOPE_MANAGER, TestCredentials.bearer(ACME, List.of(ELSEWHERE), Role.BRANCH_MANAGER));
        credentials.put(Case.OUT_OF_SCOPE_AGENT, TestCredentials.bearer(ACME, List.of(ELSEWHERE), Role.AGENT));
        credentials.put(Case.KEY_WITH_SCOPE, "ApiKey " + issueKey(ACME, Scopes.COMPLAINTS_WRITE, false));
        credentials.put(Case.KEY_WITHOUT_SCOPE, "ApiKey " + issueKey(ACME, Scopes.FEEDBACK_WRITE, false));
        credentials.put(Case.REVOKED_KEY, "ApiKey " + issueKey(ACME, Scopes.COMPLAINTS_WRITE, true));
        branchesOf.put(Case.BRANCH_MANAGER, Set.of(BRANCH));
        branchesOf.put(Case.AGENT, Set.of(BRANCH));
        branchesOf.put(Case.OUT_OF_SCOPE_MANAGER, Set.of(ELSEWHERE));
        branchesOf.put(Case.OUT_OF_SCOPE_AGENT, Set.of(ELSEWHERE));

        acmeComplaint = openComplaint(admin, ACME, BRANCH);
        openComplaint(admin, ACME, SIBLING);
        openComplaint(otherAdmin, OTHER, BRANCH);
        acmeAction = planAction(admin, ACME, BRANCH);
        planAction(admin, ACME, SIBLING);
        planAction(otherAdmin, OTHER, BRANCH);
        change(
                ACME,
                perform(
                        put("/api/v1/calendars/{b}", SIBLING)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(CALENDAR),
                        admin),
                200);
        acmeSubscription = subscribe(admin, ACME);
        acmeDelivery = storedDelivery(ACME, BRANCH, acmeSubscription);
        storedDelivery(OTHER, BRANCH, subscribe(otherAdmin, OTHER));
        // keys arrive through sqp.api-keys.v1, like in production: wait until this service knows them
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(status(get("/api/v1/complaints"), credentials.get(Case.KEY_WITHOUT_SCOPE)))
                    .isEqualTo(403);
            assertThat(status(get("/api/v1/complaints"), credentials.get(Case.KEY_WITH_SCOPE)))
                    .isEqualTo(403);
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
                        rules, operations, Case.class, (operation, caller) -> call(operation, caller)))
                .isEmpty();

        // every SLA policy and calendar change has its audit entry, in its own tenant's log only
        assertThat(configurationAuditEntries(admin)).hasSize(configurationChanges.get(ACME));
        assertThat(configurationAuditEntries(otherAdmin)).hasSize(configurationChanges.get(OTHER));
    }

    @Test
    void aRevokedKeyIsRefusedAsSoonAsTheRevocationArrivesAndAnAppOpensComplaintsUnderItsKeyId() throws Exception {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();
        publish(apiKey(ACME, key, Scopes.COMPLAINTS_WRITE, false));
        String credential = "ApiKey " + key.key();
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(status(get("/api/v1/complaints"), credential))
                        .isEqualTo(403));

        MockHttpServletResponse opened = perform(complaintRequest(KEYS_BRANCH), credential);
        assertThat(opened.getStatus()).isEqualTo(201);
        String id =
                JSON.readTree(opened.getContentAsString()).get("complaintId").asString();
        origins.put(id, new String[] {ACME, KEYS_BRANCH});
        JsonNode history = JSON.readTree(
                perform(get("/api/v1/complaints/{id}/history", id), admin).getContentAsString());
        assertThat(history.at("/0/actor").asString()).as("who opened it").isEqualTo(key.keyId());

        Instant revokedAt = Instant.now();
        publish(apiKey(ACME, key, Scopes.COMPLAINTS_WRITE, true));
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(status(get("/api/v1/complaints"), credential))
                        .isEqualTo(401));
        System.out.printf(
                "API key revocation refused after %d ms (publish to sqp.api-keys.v1 → 401)%n",
                Duration.between(revokedAt, Instant.now()).toMillis());
        MockHttpServletResponse refused = perform(complaintRequest(KEYS_BRANCH), credential);
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(mongo.count(
                        new org.springframework.data.mongodb.core.query.Query(
                                org.springframework.data.mongodb.core.query.Criteria.where("branchId")
                                        .is(KEYS_BRANCH)),
                        "complaints"))
                .as("nothing was opened with the revoked key")
                .isEqualTo(1);
    }

    // --- one call of the matrix ------------------------------------------------------------------------------

    private String call(String operation, Case caller) throws Exception {
        String[] parts = operation.split(" ", 2);
        String method = parts[0];
        String template = AuthorizationMatrix.deadLetterPath(parts[1]);
        String complaint = acmeComplaint;
        String action = acmeAction;
        String lifecycleAction = null;
        if (template.startsWith("/api/v1/complaints/{complaintId}/") && method.equals("POST")) {
            lifecycleAction = template.substring(template.lastIndexOf('/') + 1);
            complaint = complaintReadyFor(lifecycleAction);
        }
        if (template.startsWith("/api/v1/corrective-actions/{actionId}") && !method.equals("GET")) {
            action = actionReadyFor(
                    template.endsWith("}") ? "replan" : template.substring(template.lastIndexOf('/') + 1));
        }
        if (template.startsWith("/api/v1/sla-policies")) {
            ensureAcmeLowPolicy();
            if (caller == Case.OTHER_TENANT_ADMIN) {
                cleanUp(OTHER, "/api/v1/sla-policies/LOW");
            }
        }
        if (template.startsWith("/api/v1/calendars")) {
            ensureAcmeCalendar();
            if (caller == Case.OTHER_TENANT_ADMIN) {
                cleanUp(OTHER, "/api/v1/calendars/" + BRANCH);
            }
        }
        String subscription = template.equals("/api/v1/webhooks/{subscriptionId}") && method.equals("DELETE")
                ? subscribe(admin, ACME)
                : acmeSubscription;
        String path = template.replace("{complaintId}", complaint)
                .replace("{actionId}", action)
                .replace("{severity}", "LOW")
                .replace("{branchId}", BRANCH)
                .replace("{subscriptionId}", subscription)
                .replace("{deliveryId}", acmeDelivery.toString());
        MockHttpServletRequestBuilder request = switch (method) {
            case "GET" -> get(path);
            case "DELETE" -> delete(path);
            case "PUT" -> put(path).contentType(MediaType.APPLICATION_JSON).content(bodyFor(method, template));
            case "PATCH" -> patch(path).contentType(MediaType.APPLICATION_JSON).content(bodyFor(method, template));
            case "POST" ->
                post(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                lifecycleAction != null
                                        ? ACTION_BODIES.get(lifecycleAction)
                                        : bodyFor(method, template));
            default -> throw new IllegalStateException("no request for " + operation);
        };
        String before = lifecycleAction != null ? stateOf(complaint) : null;

        MockHttpServletResponse response = perform(request, credentials.get(caller));
        int status = response.getStatus();
        String tenant = tenantOf(caller);

        if (status == 201 && template.equals("/api/v1/webhooks")) {
            JsonNode created = JSON.readTree(response.getContentAsString());
            assertThat(created.get("secret").asString()).startsWith("whsec_");
            origins.put(created.get("subscriptionId").asString(), new String[] {tenant, null});
        } else if (status == 201) {
            JsonNode created = JSON.readTree(response.getContentAsString());
            String id = created.has("complaintId") && !template.contains("corrective")
                    ? created.get("complaintId").asString()
                    : created.get("actionId").asString();
            assertThat(created.get("branchId").asString()).isEqualTo(BRANCH);
            origins.put(id, new String[] {tenant, BRANCH});
        }
        if ((status == 200 || status == 204) && !method.equals("GET") && isConfiguration(template)) {
            configurationChanges.merge(tenant, 1, Integer::sum);
        }
        if (status == 200 && method.equals("GET")) {
            assertNothingLeaks(template, caller, response);
        }
        if (lifecycleAction != null && status != 200) {
            assertThat(stateOf(complaint))
                    .as(operation + " refused to " + caller + " changes nothing")
                    .isEqualTo(before);
        }
        if (lifecycleAction != null && status == 200 && isRole(caller)) {
            JsonNode history = JSON.readTree(perform(get("/api/v1/complaints/{id}/history", complaint), admin)
                    .getContentAsString());
            JsonNode last = history.get(history.size() - 1);
            assertThat(last.get("actor").asString())
                    .as("the history names the caller of " + operation)
                    .isEqualTo(TestCredentials.subjectOf(Role.valueOf(caller.name())));
        }
        return Integer.toString(status);
    }

    /** Everything a caller gets back belongs to its tenant and, for a branch-bound caller, to its branches. */
    private void assertNothingLeaks(String template, Case caller, MockHttpServletResponse response) throws Exception {
        String tenant = tenantOf(caller);
        Set<String> branches = branchesOf.get(caller);
        String what = template + " as " + caller;
        if (template.equals("/api/v1/complaints/export.csv")) {
            List<String> lines = response.getContentAsString().lines().toList();
            List<String> ids = lines.subList(1, lines.size()).stream()
                    .map(line -> line.split(",")[1])
                    .toList();
            ids.forEach(id -> assertOwn(what, id, tenant, branches));
            assertThat(ids).as(what).hasSize((int) visibleComplaints(tenant, branches));
            return;
        }
        JsonNode body = JSON.readTree(response.getContentAsString());
        switch (template) {
            case "/api/v1/complaints" -> {
                body.get("items")
                        .forEach(item -> assertOwn(what, item.get("complaintId").asString(), tenant, branches));
                assertThat(body.get("total").asLong())
                        .as(what + ": the total counts only what the caller may see")
                        .isEqualTo(visibleComplaints(tenant, branches));
                long byStatus = 0;
                for (JsonNode count : body.at("/counts/byStatus")) {
                    byStatus += count.asLong();
                }
                assertThat(byStatus)
                        .as(what + ": the counts by status")
                        .isEqualTo(body.get("total").asLong());
            }
            case "/api/v1/complaints/{complaintId}" ->
                assertOwn(what, body.get("complaintId").asString(), tenant, branches);
            case "/api/v1/corrective-actions" ->
                body.forEach(item -> assertOwn(what, item.get("actionId").asString(), tenant, branches));
            case "/api/v1/corrective-actions/{actionId}" ->
                assertOwn(what, body.get("actionId").asString(), tenant, branches);
            case "/api/v1/calendars" ->
                body.forEach(item -> {
                    assertThat(tenant).as(what + " shows " + item).isEqualTo(ACME);
                    if (branches != null) {
                        assertThat(branches)
                                .as(what + " shows " + item)
                                .contains(item.get("branchId").asString());
                    }
                });
            case "/api/v1/sla-policies", "/api/v1/sla-policies/{severity}" -> {
                List<JsonNode> policies = new ArrayList<>();
                if (body.isArray()) {
                    body.forEach(policies::add);
                } else {
                    policies.add(body);
                }
                for (JsonNode policy : policies) {
                    if (tenant.equals(OTHER)) {
                        assertThat(policy.get("source").asString())
                                .as(what + ": another tenant's policy is not this tenant's")
                                .isEqualTo("DEFAULT");
                    }
                }
            }
            case "/api/v1/webhook-deliveries" ->
                body.forEach(
                        item -> assertThat(item.get("deliveryId").asString().equals(acmeDelivery.toString()))
                                .as(what + " shows " + item)
                                .isEqualTo(tenant.equals(ACME)));
            case "/api/v1/webhooks" ->
                body.forEach(item -> {
                    assertOwn(what, item.get("subscriptionId").asString(), tenant, null);
                    assertThat(item.has("secret")).as(what + " shows no secret").isFalse();
                });
            case "/api/v1/webhooks/{subscriptionId}" -> {
                assertOwn(what, body.get("subscriptionId").asString(), tenant, null);
                assertThat(body.has("secret")).as(what + " shows no secret").isFalse();
            }
            default -> {
                // history, one calendar, one policy: reached only through the scoped lookups checked above
            }
        }
    }

    private void assertOwn(String what, String id, String tenant, Set<String> branches) {
        String[] origin = origins.get(id);
        assertThat(origin)
                .as(what + " shows an object this test did not create: " + id)
                .isNotNull();
        assertThat(origin[0]).as(what + " shows " + id + " of another tenant").isEqualTo(tenant);
        if (branches != null) {
            assertThat(branches)
                    .as(what + " shows " + id + " of another branch")
                    .contains(origin[1]);
        }
    }

    private long visibleComplaints(String tenant, Set<String> branches) {
        return origins.entrySet().stream()
                .filter(entry -> mongo.exists(
                        new org.springframework.data.mongodb.core.query.Query(
                                org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                        .is(entry.getKey())),
                        "complaints"))
                .map(Map.Entry::getValue)
                .filter(origin -> origin[0].equals(tenant) && (branches == null || branches.contains(origin[1])))
                .count();
    }

    // --- fixtures --------------------------------------------------------------------------------------------

    /** A fresh acme-bank complaint of {@link #BRANCH}, moved (by the admin) to where {@code action} is allowed. */
    private String complaintReadyFor(String action) throws Exception {
        String id = openComplaint(admin, ACME, BRANCH);
        for (String[] step : STEPS_BEFORE.get(action)) {
            assertThat(perform(
                                    post("/api/v1/complaints/{id}/{action}", id, step[0])
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .content(step[1]),
                                    admin)
                            .getStatus())
                    .isEqualTo(200);
        }
        return id;
    }

    private static List<String[]> resolved() {
        return List.of(
                new String[] {"acknowledge", "{}"},
                new String[] {"resolve", "{\"rootCause\": \"c\", \"correctiveAction\": \"a\"}"});
    }

    /** A fresh acme-bank corrective action of {@link #BRANCH}, moved to where {@code step} is allowed. */
    private String actionReadyFor(String step) throws Exception {
        String id = planAction(admin, ACME, BRANCH);
        List<String> before = switch (step) {
            case "check" -> List.of("start");
            case "evaluate" -> List.of("start", "check");
            default -> List.of();
        };
        for (String previous : before) {
            assertThat(perform(post("/api/v1/corrective-actions/{id}/{step}", id, previous), admin)
                            .getStatus())
                    .isEqualTo(200);
        }
        return id;
    }

    private String stateOf(String complaintId) throws Exception {
        JsonNode complaint = JSON.readTree(
                perform(get("/api/v1/complaints/{id}", complaintId), admin).getContentAsString());
        return complaint.get("status").asString() + "@"
                + complaint.get("revision").asLong();
    }

    private void ensureAcmeLowPolicy() throws Exception {
        JsonNode low =
                JSON.readTree(perform(get("/api/v1/sla-policies/LOW"), admin).getContentAsString());
        if (low.get("source").asString().equals("DEFAULT")) {
            change(
                    ACME,
                    perform(
                            put("/api/v1/sla-policies/LOW")
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .content(ACME_LOW_POLICY),
                            admin),
                    200);
        }
    }

    private void ensureAcmeCalendar() throws Exception {
        if (perform(get("/api/v1/calendars/{b}", BRANCH), admin).getStatus() == 404) {
            change(
                    ACME,
                    perform(
                            put("/api/v1/calendars/{b}", BRANCH)
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .content(CALENDAR),
                            admin),
                    200);
        }
    }

    /** The other tenant starts each of its calls without a policy or calendar of its own. */
    private void cleanUp(String tenant, String path) throws Exception {
        MockHttpServletResponse response = perform(delete(path), otherAdmin);
        assertThat(response.getStatus()).isIn(204, 404);
        if (response.getStatus() == 204) {
            configurationChanges.merge(tenant, 1, Integer::sum);
        }
    }

    private void change(String tenant, MockHttpServletResponse response, int expected) {
        assertThat(response.getStatus()).isEqualTo(expected);
        configurationChanges.merge(tenant, 1, Integer::sum);
    }

    private String openComplaint(String credential, String tenant, String branch) throws Exception {
        MockHttpServletResponse response = perform(complaintRequest(branch), credential);
        assertThat(response.getStatus()).isEqualTo(201);
        String id =
                JSON.readTree(response.getContentAsString()).get("complaintId").asString();
        origins.put(id, new String[] {tenant, branch});
        return id;
    }

    private String planAction(String credential, String tenant, String branch) throws Exception {
        MockHttpServletResponse response = perform(
                post("/api/v1/corrective-actions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(actionBody(branch)),
                credential);
        assertThat(response.getStatus()).isEqualTo(201);
        String id = JSON.readTree(response.getContentAsString()).get("actionId").asString();
        origins.put(id, new String[] {tenant, branch});
        return id;
    }

    /** A webhook subscription of {@code tenant}'s, created through the API by its admin. */
    private String subscribe(String credential, String tenant) throws Exception {
        MockHttpServletResponse response = perform(
                post("/api/v1/webhooks").contentType(MediaType.APPLICATION_JSON).content(SUBSCRIPTION), credential);
        assertThat(response.getStatus()).isEqualTo(201);
        String id = JSON.readTree(response.getContentAsString())
                .get("subscriptionId")
                .asString();
        origins.put(id, new String[] {tenant, null});
        return id;
    }

    /** A webhook delivery as the sender stores it after its attempts ran out. */
    private UUID storedDelivery(String tenant, String branch, String subscriptionId) {
        UUID deliveryId = UUID.randomUUID();
        Date at = Date.from(Instant.now());
        mongo.insert(
                new Document("_id", deliveryId)
                        .append("tenantId", tenant)
                        .append("branchId", branch)
                        .append("subscriptionId", UUID.fromString(subscriptionId))
                        .append("eventType", "alert.raised")
                        .append("sourceEventId", UUID.randomUUID().toString())
                        .append("body", "{\"type\": \"alert.raised\"}")
                        .append("status", "FAILED")
                        .append("attemptCount", 1)
                        .append(
                                "attempts",
                                List.of(new Document("at", at)
                                        .append("durationMillis", 3L)
                                        .append("error", "ConnectException")
                                        .append("resend", false)))
                        .append("createdAt", at)
                        .append("lastAttemptAt", at),
                "webhook_messages");
        return deliveryId;
    }

    private List<JsonNode> configurationAuditEntries(String credential) throws Exception {
        MockHttpServletResponse response = perform(get("/api/v1/audit").param("limit", "500"), credential);
        assertThat(response.getStatus()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(response.getContentAsString()).get("items")) {
            String target = entry.get("target").asString();
            if (target.startsWith("sla-policy:") || target.startsWith("calendar:")) {
                assertThat(entry.get("actor").asString()).startsWith("test-");
                assertThat(entry.get("at").isNull()).isFalse();
                String action = entry.get("action").asString();
                assertThat(entry.get("after").isNull())
                        .as(action + " has the state after unless it removed")
                        .isEqualTo(action.endsWith(".removed"));
                if (action.endsWith(".removed")) {
                    assertThat(entry.get("before").isNull())
                            .as(action + " has the state before")
                            .isFalse();
                }
                entries.add(entry);
            }
        }
        return entries;
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    private static String tenantOf(Case caller) {
        return caller == Case.OTHER_TENANT_ADMIN ? OTHER : ACME;
    }

    private static boolean isRole(Case caller) {
        return java.util.Arrays.stream(Role.values())
                .anyMatch(role -> role.name().equals(caller.name()));
    }

    private static boolean isConfiguration(String template) {
        return template.startsWith("/api/v1/sla-policies") || template.startsWith("/api/v1/calendars");
    }

    private static String bodyFor(String method, String template) {
        return switch (method + " " + template) {
            case "POST /api/v1/complaints" -> complaintBody(BRANCH);
            case "PUT /api/v1/sla-policies/{severity}" -> ACME_LOW_POLICY;
            case "PUT /api/v1/calendars/{branchId}" -> CALENDAR;
            case "POST /api/v1/corrective-actions" -> actionBody(BRANCH);
            case "PATCH /api/v1/corrective-actions/{actionId}" -> "{\"owner\": \"eve\"}";
            case "POST /api/v1/webhooks", "PUT /api/v1/webhooks/{subscriptionId}" -> SUBSCRIPTION;
            case "POST /api/v1/corrective-actions/{actionId}/evaluate" -> "{\"effective\": true, \"note\": \"fine\"}";
            default -> "{}";
        };
    }

    private static MockHttpServletRequestBuilder complaintRequest(String branch) {
        return post("/api/v1/complaints")
                .contentType(MediaType.APPLICATION_JSON)
                .content(complaintBody(branch));
    }

    private static String complaintBody(String branch) {
        return """
                {"branchId": "%s", "category": "QUALITY", "severity": "HIGH", "subject": "Charged twice"}""".formatted(branch);
    }

    private static String actionBody(String branch) {
        return """
                {"branchId": "%s", "metric": "csat.percent", "title": "Train staff", "owner": "dora",
                 "dueDate": "2030-01-31"}""".formatted(branch);
    }

    private Map<String, Map<Case, String>> rules() {
        return AuthorizationMatrix.rules(RULES, Case.class);
    }

    private Set<String> operationsOfTheOpenApiDocument() throws Exception {
        return AuthorizationMatrix.operationsOf(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
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

    /** Issues a key the way feedback-service does: its state on the compacted topic, the secret only as a hash. */
    private String issueKey(String tenant, String scope, boolean revoked) {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();
        publish(apiKey(tenant, key, scope, revoked));
        return key.key();
    }

    private static ApiKeyChanged apiKey(String tenant, ApiKeySecrets.NewKey key, String scope, boolean revoked) {
        return new ApiKeyChanged(
                UUID.randomUUID(),
                tenant,
                null,
                Instant.now(),
                ApiKeyChanged.SCHEMA_VERSION,
                key.keyId(),
                "matrix " + scope,
                key.secretHash(),
                List.of(),
                List.of(scope),
                revoked);
    }

    private void publish(ApiKeyChanged change) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.API_KEYS, change.recordKey(), JSON.writeValueAsString(change)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + change.keyId(), e);
        }
    }
}

package io.servicequality.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.micrometer.core.instrument.MeterRegistry;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.StaffStatistics;
import io.servicequality.contracts.StaffStatistics.AgentStatistics;
import io.servicequality.contracts.StaffStatistics.HandlerStatistics;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.Role;
import io.servicequality.security.TenantGate;
import io.servicequality.security.test.AuthorizationMatrix;
import io.servicequality.security.test.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
 * test. Every answer with data is also checked for leaks: nothing of another tenant, and for a branch-bound caller
 * nothing of a branch (or region-scoped alert of a region) outside its scope; views are called for the branch, as CSV
 * and for the whole tenant, where a branch manager's figures must be exactly his branches' sums.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    static final String ACME = TestCredentials.TENANT;
    static final String OTHER = "other-bank";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant TEN = NINE.plus(Duration.ofHours(1));
    /** The AGENT token's subject, which is its staff id. */
    static final String AGENT_STAFF_ID = TestCredentials.subjectOf(Role.AGENT);

    static final String RANGE = "from=" + NINE + "&to=" + TEN;

    /** A periodic report of SH-001: last week's, in English. */
    static final String PERIODIC_REPORT_OF_SH_001 =
            "{\"branchId\": \"SH-001\", \"period\": \"WEEK\", \"language\": \"en\"}";

    /** A report definition of SH-001: monthly, in Chinese. */
    static final String REPORT_DEFINITION_OF_SH_001 =
            "{\"name\": \"SH-001 monthly\", \"branchId\": \"SH-001\", \"period\": \"MONTH\", \"language\": \"zh-CN\"}";

    /** The report the matrix reads, generated by this tenant's admin at the first row that needs it. */
    String periodicReportId;

    /**
     * The rules. Columns are the callers of {@link Case}. Views are asked about branch SH-001 (rankings: region north,
     * where SH-001 and SH-002 are). Another tenant's admin asks in its own tenant (the tenant comes from the
     * credential): its SH-001 is its own data, its region north has only its own branch, this tenant's branch entry is
     * 404 and its writes land in its own directory. A manager of another branch (SH-009) finds neither SH-001 nor a
     * branch of region north: 404. Alert handling is asked about this tenant's SH-001 alert, whose handling is opened
     * afresh before each action (acknowledged first for resolve), so each caller meets the state the action needs;
     * another tenant's admin and the manager of SH-009 do not find it (404).
     */
    static final String RULES = """
            operation                             | NONE | ADMIN | QUALITY_MANAGER | BRANCH_MANAGER | AGENT | VIEWER | OTHER_TENANT_ADMIN | OUT_OF_SCOPE_MANAGER
            GET /api/v1/reports/scorecard         | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/rankings          | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/trends            | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/servqual-gaps     | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/key-drivers       | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/complaints        | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/targets           | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/staff             | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/staff/rankings    | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/staff/training-needs | 401  | 200   | 200          | 200            | 200   | 200    | 200                | 404
            GET /api/v1/reports/periodic          | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            POST /api/v1/reports/periodic         | 401  | 201   | 201             | 201            | 403   | 403    | 201                | 404
            GET /api/v1/reports/periodic/{id}     | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404
            GET /api/v1/reports/periodic/{id}/pdf | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404
            GET /api/v1/reports/periodic/{id}/html | 401 | 200   | 200             | 200            | 200   | 200    | 404                | 404
            GET /api/v1/reports/definitions       | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200
            POST /api/v1/reports/definitions      | 401  | 201   | 201             | 403            | 403   | 403    | 201                | 403
            DELETE /api/v1/reports/definitions/{id} | 401 | 204  | 204             | 403            | 403   | 403    | 404                | 403
            GET /api/v1/reports/deliveries        | 401  | 200   | 200             | 403            | 403   | 403    | 200                | 403
            POST /api/v1/reports/deliveries/{id}/resend | 401 | 404 | 404           | 403            | 403   | 403    | 404                | 403
            GET /api/v1/alerts                    | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/live                      | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/alerts/handling           | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/alerts/{alertId}/handling | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404
            POST /api/v1/alerts/{alertId}/acknowledge | 401 | 200 | 200             | 200            | 403   | 403    | 404                | 404
            POST /api/v1/alerts/{alertId}/assign  | 401  | 200   | 200             | 200            | 403   | 403    | 404                | 404
            POST /api/v1/alerts/{alertId}/link    | 401  | 200   | 200             | 200            | 403   | 403    | 404                | 404
            POST /api/v1/alerts/{alertId}/resolve | 401  | 200   | 200             | 200            | 403   | 403    | 404                | 404
            GET /api/v1/branches                  | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200
            POST /api/v1/branches                 | 401  | 201   | 403             | 403            | 403   | 403    | 201                | 403
            GET /api/v1/branches/{branchId}       | 401  | 200   | 200             | 200            | 200   | 200    | 404                | 404
            PUT /api/v1/branches/{branchId}       | 401  | 200   | 403             | 403            | 403   | 403    | 404                | 403
            DELETE /api/v1/branches/{branchId}    | 401  | 204   | 403             | 403            | 403   | 403    | 404                | 403
            GET /api/v1/audit                     | 401  | 200   | 200             | 403            | 403   | 403    | 200                | 403
            GET /api/v1/risk/register             | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200
            GET /api/v1/risk/matrix               | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200
            GET /api/v1/risk/branches/{branchId}/history | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 404
            GET /api/v1/risk/model                | 401  | 200   | 200             | 200            | 200   | 200    | 200                | 200
            PUT /api/v1/risk/model                | 401  | 200   | 200             | 403            | 403   | 403    | 200                | 403
            GET /api/v1/dead-letters              | 401  | 200   | 403             | 403            | 403   | 403    | 200                | 403
            GET /api/v1/dead-letters/{topic}      | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
            GET /api/v1/dead-letters/{topic}/{partition}/{offset} | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
            POST /api/v1/dead-letters/{topic}/{partition}/{offset}/replay | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
            POST /api/v1/dead-letters/{topic}/replay | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
            DELETE /api/v1/dead-letters/{topic}   | 401  | 404   | 403             | 403            | 403   | 403    | 404                | 403
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

    /** Complaints opened per branch in the fixture hour: every sum tells which branches went into it. */
    static final Map<String, Long> ACME_OPENED = Map.of("SH-001", 11L, "SH-002", 13L, "SH-003", 17L);

    static final long OTHER_OPENED = 1000;

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

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MongoOperations mongo;

    /** This tenant's alert about SH-001, whose handling the matrix's handling actions act on. */
    AlertRaised handledAlert;

    final Map<Case, String> tokens = new EnumMap<>(Case.class);
    final AtomicInteger created = new AtomicInteger();
    String acmeAdmin;
    String otherAdmin;

    @BeforeAll
    void fixtures() throws Exception {
        for (Case caller : Case.values()) {
            tokens.put(
                    caller,
                    switch (caller) {
                        case NONE -> null;
                        case BRANCH_MANAGER, AGENT ->
                            TestCredentials.token(ACME, List.of("SH-001"), List.of(), Role.valueOf(caller.name()));
                        case OTHER_TENANT_ADMIN -> TestCredentials.token(OTHER, List.of(), List.of(), Role.ADMIN);
                        case OUT_OF_SCOPE_MANAGER ->
                            TestCredentials.token(ACME, List.of("SH-009"), List.of(), Role.BRANCH_MANAGER);
                        default -> TestCredentials.token(ACME, List.of(), List.of(), Role.valueOf(caller.name()));
                    });
        }
        acmeAdmin = "Bearer " + tokens.get(Case.ADMIN);
        otherAdmin = "Bearer " + tokens.get(Case.OTHER_TENANT_ADMIN);
        createBranch(acmeAdmin, "SH-001", "north");
        createBranch(acmeAdmin, "SH-002", "north");
        createBranch(acmeAdmin, "SH-003", "south");
        createBranch(otherAdmin, "OB-001", "north");
        AlertRaised sample = (AlertRaised) JSON.readValue(EventSample.ALERT_RAISED.json(), AlertEvent.class);
        try (KafkaProducer<String, String> producer = producer()) {
            for (var branch : ACME_OPENED.entrySet()) {
                send(producer, Topics.METRIC_UPDATED, update(ACME, branch.getKey(), branch.getValue()));
                AlertRaised raised = alert(sample, ACME, branch.getKey(), null, null);
                send(producer, Topics.ALERTS, raised);
                if (branch.getKey().equals("SH-001")) {
                    handledAlert = raised;
                }
            }
            send(producer, Topics.METRIC_UPDATED, update(OTHER, "SH-001", OTHER_OPENED));
            send(producer, Topics.METRIC_UPDATED, update(OTHER, "OB-001", OTHER_OPENED));
            send(producer, Topics.ALERTS, alert(sample, ACME, null, AlertEvent.AlertScope.Level.REGION, "north"));
            send(producer, Topics.ALERTS, alert(sample, ACME, null, AlertEvent.AlertScope.Level.REGION, "south"));
            send(producer, Topics.ALERTS, alert(sample, OTHER, "SH-001", null, null));
            send(producer, Topics.STAFF_METRIC_UPDATED, staffDay(ACME, "SH-001", AGENT_STAFF_ID, 150));
            send(producer, Topics.STAFF_METRIC_UPDATED, staffDay(ACME, "SH-001", "a-2", 250));
            send(producer, Topics.STAFF_METRIC_UPDATED, staffDay(ACME, "SH-002", "a-3", 150));
            send(producer, Topics.STAFF_METRIC_UPDATED, staffDay(OTHER, "SH-001", "a-9", 150));
        }
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(opened(acmeAdmin, "")).isEqualTo(41);
            assertThat(opened(otherAdmin, "")).isEqualTo(2 * OTHER_OPENED);
            assertThat(json(get("/api/v1/alerts"), acmeAdmin).get("recent").size())
                    .isEqualTo(5);
            assertThat(staffIds(acmeAdmin, "")).hasSize(3);
            assertThat(staffIds(otherAdmin, "")).hasSize(1);
        });
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheRulesSayAndNothingLeaksAcrossTenantsOrBranches() throws Exception {
        Map<String, Map<Case, String>> rules = rules();
        Set<String> operations = operationsOfTheOpenApiDocument();
        assertThat(operations)
                .as("every operation of /v3/api-docs has a row in RULES, and every row an operation")
                .containsExactlyInAnyOrderElementsOf(rules.keySet());

        assertThat(AuthorizationMatrix.mismatches(
                        rules, operations, Case.class, (operation, caller) -> call(operation, caller)))
                .isEmpty();
    }

    @Test
    void anAgentSeesOnlyThemselvesAndABranchManagerOnlyTheStaffOfHisBranches() throws Exception {
        String agent = "Bearer " + tokens.get(Case.AGENT);
        String manager = "Bearer " + tokens.get(Case.BRANCH_MANAGER);
        assertThat(staffIds(agent, "")).containsExactly(AGENT_STAFF_ID);
        assertThat(staffIds(agent, "&branchId=SH-001")).containsExactly(AGENT_STAFF_ID);
        assertThat(status(get("/api/v1/reports/staff?staffId=a-2&" + RANGE), agent))
                .isEqualTo(404);
        assertThat(json(get("/api/v1/reports/staff/rankings?metric=answerRate&minN=1&" + RANGE), agent)
                        .findValuesAsString("staffId"))
                .containsExactly(AGENT_STAFF_ID);
        assertThat(staffIds(manager, "")).containsExactly("a-2", AGENT_STAFF_ID);
        assertThat(staffIds(acmeAdmin, "")).containsExactly("a-2", "a-3", AGENT_STAFF_ID);
        assertThat(staffIds(acmeAdmin, "&regionId=north")).containsExactly("a-2", "a-3", AGENT_STAFF_ID);
        assertThat(staffIds(otherAdmin, "")).containsExactly("a-9");

        // a-2 handles 40 interactions at 250 s against the 180 s standard: a training need; the others are within it
        JsonNode needs = json(get("/api/v1/reports/staff/training-needs?minN=30&" + RANGE), manager);
        assertThat(needs.get("staff").findValuesAsString("staffId")).containsExactly("a-2");
        assertThat(needs.at("/staff/0/needs/0/metric").asString()).isEqualTo("avgHandleSeconds");
        assertThat(needs.at("/staff/0/needs/0/value").asDouble()).isEqualTo(250.0);
        assertThat(needs.at("/staff/0/needs/0/standard").asDouble()).isEqualTo(180.0);
        JsonNode a2 =
                json(get("/api/v1/reports/staff?staffId=a-2&" + RANGE), manager).at("/staff/0");
        assertThat(a2.at("/interactions/offered").asLong()).isEqualTo(40);
        assertThat(a2.at("/interactions/avgHandleSeconds").asDouble()).isEqualTo(250.0);
        assertThat(a2.at("/interactions/handledWithin3MinutesRate").asDouble()).isZero();
        assertThat(a2.at("/feedback/csat/percent").asDouble()).isEqualTo(75.0);
        assertThat(a2.at("/complaints/resolutionCompliance").asDouble()).isEqualTo(50.0);
    }

    @Test
    void aBranchManagersTenantAndRegionViewsAreExactlyHisBranchesAndAnotherTenantsAreItsOwn() throws Exception {
        String manager = "Bearer " + tokens.get(Case.BRANCH_MANAGER);
        String outsider = "Bearer " + tokens.get(Case.OUT_OF_SCOPE_MANAGER);
        assertThat(opened(manager, "")).isEqualTo(11);
        assertThat(opened(manager, "&regionId=north")).isEqualTo(11);
        assertThat(opened(acmeAdmin, "&regionId=north")).isEqualTo(24);
        assertThat(opened(outsider, "")).isZero();
        // a regions claim is resolved from the directory: region north is SH-001 and SH-002
        String northManager =
                "Bearer " + TestCredentials.token(ACME, List.of(), List.of("north"), Role.QUALITY_MANAGER);
        assertThat(opened(northManager, "")).isEqualTo(24);
        assertThat(status(get("/api/v1/reports/scorecard?branchId=SH-003&" + RANGE), northManager))
                .isEqualTo(404);
        assertThat(opened(otherAdmin, "&branchId=SH-001")).isEqualTo(OTHER_OPENED);
        assertThat(opened(otherAdmin, "&regionId=north")).isEqualTo(OTHER_OPENED);
        assertThat(status(get("/api/v1/reports/scorecard?regionId=south&" + RANGE), manager))
                .isEqualTo(404);

        JsonNode trend = json(get("/api/v1/reports/trends?" + RANGE), manager);
        assertThat(trend.findValues("complaintsOpened").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .isEqualTo(11);
        JsonNode targets = json(get("/api/v1/reports/targets?" + RANGE), manager);
        assertThat(targets.get("branches").findValuesAsString("branchId")).containsExactly("SH-001");
        JsonNode alerts = json(get("/api/v1/alerts"), manager);
        assertThat(alerts.get("recent").findValuesAsString("scopeId"))
                .containsExactlyInAnyOrder("SH-001", "north")
                .doesNotContain("SH-002", "SH-003", "south");
        assertThat(json(get("/api/v1/branches"), manager).findValuesAsString("branchId"))
                .containsExactly("SH-001");
        assertThat(json(get("/api/v1/branches"), otherAdmin).findValuesAsString("branchId"))
                .doesNotContain("SH-001", "SH-002", "SH-003");
        for (Case caller : Case.values()) {
            if (caller == Case.NONE) {
                continue;
            }
            for (String view : List.of(
                    "/api/v1/reports/scorecard?",
                    "/api/v1/reports/rankings?metric=csat&minN=1&",
                    "/api/v1/reports/trends?",
                    "/api/v1/reports/servqual-gaps?",
                    "/api/v1/reports/key-drivers?",
                    "/api/v1/reports/complaints?",
                    "/api/v1/reports/targets?")) {
                for (String format : List.of("", "&format=csv")) {
                    MockHttpServletResponse response = perform(get(view + RANGE + format), caller);
                    assertThat(response.getStatus())
                            .as(view + format + " as " + caller)
                            .isEqualTo(200);
                    assertNothingLeaks(view + format, caller, response);
                }
            }
            MockHttpServletResponse alertList = perform(get("/api/v1/alerts"), caller);
            assertNothingLeaks("/api/v1/alerts", caller, alertList);
        }
    }

    @Test
    void directoryChangesAreAuditedWithBeforeAndAfterAndOnlyForTheirTenant() throws Exception {
        createBranch(acmeAdmin, "AU-001", "east");
        assertThat(status(
                        put("/api/v1/branches/AU-001")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(branchBody("AU-001", "west")),
                        acmeAdmin))
                .isEqualTo(200);
        assertThat(status(delete("/api/v1/branches/AU-001"), acmeAdmin)).isEqualTo(204);

        List<JsonNode> entries = new ArrayList<>();
        json(get("/api/v1/audit?limit=500"), acmeAdmin).get("items").forEach(entry -> {
            if (entry.get("target").asString().equals("branch:AU-001")) {
                entries.add(entry);
            }
        });
        assertThat(entries)
                .extracting(e -> e.get("action").asString())
                .containsExactly("branch.removed", "branch.changed", "branch.created");
        JsonNode removed = entries.get(0);
        JsonNode changed = entries.get(1);
        JsonNode createdEntry = entries.get(2);
        assertThat(createdEntry.get("actor").asString()).isEqualTo("test-admin");
        assertThat(createdEntry.get("before").isNull()).isTrue();
        assertThat(createdEntry.at("/after/regionId").asString()).isEqualTo("east");
        assertThat(changed.at("/before/regionId").asString()).isEqualTo("east");
        assertThat(changed.at("/after/regionId").asString()).isEqualTo("west");
        assertThat(removed.at("/before/regionId").asString()).isEqualTo("west");
        assertThat(removed.get("after").isNull()).isTrue();
        assertThat(json(get("/api/v1/audit?limit=500"), otherAdmin).toString()).doesNotContain("AU-001", "SH-00");
    }

    @Test
    void eventsOfATenantThisDeploymentDoesNotServeAreDroppedAndCounted() throws Exception {
        double before = rejected();
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, Topics.METRIC_UPDATED, update("unknown-bank", "SH-001", 5));
        }
        await().atMost(DEADLINE).until(() -> rejected() > before);
        assertThat(mongo.count(new Query(Criteria.where("tenantId").is("unknown-bank")), "metricBuckets"))
                .isZero();
    }

    private double rejected() {
        var counter = meters.find(TenantGate.REJECTED)
                .tags("reason", "unknown-tenant", "event", "MetricUpdated")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    // ---- the matrix calls ----

    private String call(String operation, Case caller) throws Exception {
        String[] parts = operation.split(" ", 2);
        String method = parts[0];
        String path = AuthorizationMatrix.deadLetterPath(parts[1]);
        String branch = "SH-001";
        if (method.equals("DELETE") && path.equals("/api/v1/branches/{branchId}")) {
            // every deletion gets its own victim, of the tenant the caller's credential would act in
            branch = "DX-" + created.incrementAndGet();
            createBranch(acmeAdmin, branch, "victims");
        }
        if (method.equals("POST") && path.startsWith("/api/v1/alerts/{alertId}/")) {
            openHandlingAfresh(path.endsWith("/resolve"));
        }
        if (method.equals("DELETE") && path.equals("/api/v1/reports/definitions/{id}")) {
            // every removal gets its own victim, this tenant's
            String victim = JSON.readTree(perform(
                                    post("/api/v1/reports/definitions")
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .content(REPORT_DEFINITION_OF_SH_001),
                                    Case.ADMIN)
                            .getContentAsString())
                    .get("id")
                    .asString();
            return Integer.toString(perform(delete("/api/v1/reports/definitions/" + victim), caller)
                    .getStatus());
        }
        if (path.contains("{id}") && periodicReportId == null) {
            periodicReportId = JSON.readTree(perform(
                                    post("/api/v1/reports/periodic")
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .content(PERIODIC_REPORT_OF_SH_001),
                                    Case.ADMIN)
                            .getContentAsString())
                    .get("id")
                    .asString();
        }
        String target = path.replace("{branchId}", branch)
                .replace("{alertId}", handledAlert.alertId())
                .replace("{id}", periodicReportId == null ? "" : periodicReportId);
        MockHttpServletRequestBuilder request = switch (method) {
            case "GET" -> get(target + query(path));
            case "DELETE" -> delete(target);
            case "POST" -> post(target).contentType(MediaType.APPLICATION_JSON).content(bodyFor(path, caller));
            case "PUT" ->
                put(target)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(path.equals("/api/v1/risk/model") ? riskModelBody() : branchBody(branch, "north"));
            default -> throw new IllegalStateException("no request for " + operation);
        };
        MockHttpServletResponse response = perform(request, caller);
        int status = response.getStatus();
        if (status == 200 && method.equals("GET")) {
            assertNothingLeaks(target, caller, response);
            if (path.startsWith("/api/v1/reports/")
                    && !path.endsWith("/rankings")
                    && !path.startsWith("/api/v1/reports/periodic")
                    && !path.startsWith("/api/v1/reports/definitions")
                    && !path.startsWith("/api/v1/reports/deliveries")) {
                MockHttpServletResponse csv = perform(get(target + query(path) + "&format=csv"), caller);
                assertThat(csv.getStatus()).as(target + " as CSV as " + caller).isEqualTo(200);
                assertThat(csv.getContentType()).startsWith("text/csv");
                assertNothingLeaks(target + " (CSV)", caller, csv);
            }
            if (path.equals("/api/v1/reports/scorecard")) {
                long opened = JSON.readTree(response.getContentAsString())
                        .at("/complaints/opened")
                        .asLong();
                assertThat(opened)
                        .as("SH-001 as " + caller)
                        .isEqualTo(caller == Case.OTHER_TENANT_ADMIN ? OTHER_OPENED : ACME_OPENED.get("SH-001"));
            }
        }
        return Integer.toString(status);
    }

    private static String query(String path) {
        return switch (path) {
            case "/api/v1/reports/rankings" -> "?metric=csat&minN=1&regionId=north&" + RANGE;
            case "/api/v1/reports/staff/rankings" -> "?metric=fcrRate&minN=1&branchId=SH-001&" + RANGE;
            case "/api/v1/reports/staff" -> "?branchId=SH-001&" + RANGE;
            case "/api/v1/reports/staff/training-needs" -> "?minN=1&branchId=SH-001&" + RANGE;
            case "/api/v1/reports/trends",
                    "/api/v1/reports/scorecard",
                    "/api/v1/reports/servqual-gaps",
                    "/api/v1/reports/key-drivers",
                    "/api/v1/reports/complaints",
                    "/api/v1/reports/targets" -> "?branchId=SH-001&" + RANGE;
            case "/api/v1/alerts", "/api/v1/live", "/api/v1/alerts/handling", "/api/v1/reports/periodic" ->
                "?branchId=SH-001";
            default -> "";
        };
    }

    private String bodyFor(String path, Case caller) {
        if (path.startsWith("/api/v1/dead-letters/")) {
            return ""; // a replay takes no body
        }
        return switch (path) {
            case "/api/v1/branches" -> branchBody("MX-" + created.incrementAndGet(), "matrix");
            case "/api/v1/alerts/{alertId}/acknowledge" -> "{\"note\": \"seen\"}";
            case "/api/v1/alerts/{alertId}/assign" -> "{\"assignee\": \"matrix.user\"}";
            case "/api/v1/alerts/{alertId}/link" -> "{\"correctiveActionId\": \"6750a1c2e4b0f1a2b3c4d5e6\"}";
            case "/api/v1/alerts/{alertId}/resolve" -> "{\"note\": \"done\"}";
            // a resend takes no body; {id} is the matrix's report, no delivery: allowed callers find none (404)
            case "/api/v1/reports/deliveries/{id}/resend" -> "";
            case "/api/v1/reports/periodic" -> PERIODIC_REPORT_OF_SH_001;
            case "/api/v1/reports/definitions" -> REPORT_DEFINITION_OF_SH_001;
            default -> throw new IllegalStateException("no body for " + path);
        };
    }

    /** The model the tenant's branches are assessed by now, as the admin reads it: put back unchanged. */
    private String riskModelBody() throws Exception {
        return json(get("/api/v1/risk/model"), acmeAdmin).toString();
    }

    /**
     * Opens the handled alert's handling afresh: its record removed and the raise delivered again (the alert feed
     * keeps the one it stored; the handling is opened anew), then acknowledged by an admin when the action needs it.
     */
    private void openHandlingAfresh(boolean acknowledged) throws Exception {
        String handling = "/api/v1/alerts/" + handledAlert.alertId() + "/handling";
        mongo.remove(new Query(Criteria.where("_id").is(ACME + "|" + handledAlert.alertId())), "alertHandling");
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, Topics.ALERTS, handledAlert);
        }
        await().atMost(DEADLINE).until(() -> perform(get(handling), acmeAdmin).getStatus() == 200);
        if (acknowledged) {
            MockHttpServletResponse response =
                    perform(post("/api/v1/alerts/" + handledAlert.alertId() + "/acknowledge"), acmeAdmin);
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        }
    }

    private static String branchBody(String branch, String region) {
        return """
                {"branchId": "%s", "code": "%s", "name": "Branch %s", "regionId": "%s", "timeZone": "UTC"}""".formatted(branch, branch, branch, region);
    }

    /**
     * Nothing of another tenant; for a branch-bound caller no branch outside its scope and no region-scoped alert of
     * a region it has no branch in. Branch ids are found in JSON and CSV alike by their shape.
     */
    private void assertNothingLeaks(String what, Case caller, MockHttpServletResponse response) throws Exception {
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        Set<String> branches = new LinkedHashSet<>();
        Matcher ids = Pattern.compile("\\b(SH|OB|MX|DX|AU)-\\d{3}\\b|\\b(MX|DX)-\\d+\\b")
                .matcher(body);
        while (ids.find()) {
            branches.add(ids.group());
        }
        String as = what + " as " + caller + ": " + body;
        switch (caller) {
            case OTHER_TENANT_ADMIN -> {
                assertThat(branches).as(as).doesNotContain("SH-002", "SH-003");
                assertThat(body).as(as).doesNotContain("south", "Branch SH-001");
            }
            case BRANCH_MANAGER, AGENT -> {
                assertThat(branches).as(as).isSubsetOf(Set.of("SH-001"));
                assertThat(body).as(as).doesNotContain("south", "\"" + OTHER + "\"");
            }
            case OUT_OF_SCOPE_MANAGER -> {
                assertThat(branches).as(as).isSubsetOf(Set.of("SH-009"));
                assertThat(body).as(as).doesNotContain("north", "south");
            }
            default -> assertThat(body).as(as).doesNotContain("OB-001");
        }
    }

    // ---- plumbing ----

    private Map<String, Map<Case, String>> rules() {
        return AuthorizationMatrix.rules(RULES, Case.class);
    }

    private Set<String> operationsOfTheOpenApiDocument() throws Exception {
        return AuthorizationMatrix.operationsOf(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, Case caller) throws Exception {
        String token = tokens.get(caller);
        return perform(request, token == null ? null : "Bearer " + token);
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String authorization)
            throws Exception {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private int status(MockHttpServletRequestBuilder request, String authorization) throws Exception {
        return perform(request, authorization).getStatus();
    }

    private JsonNode json(MockHttpServletRequestBuilder request, String authorization) throws Exception {
        MockHttpServletResponse response = perform(request, authorization);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    /** Complaints opened in the fixture hour in the scope {@code scope} ({@code &branchId=…}, or empty: the tenant). */
    private long opened(String authorization, String scope) throws Exception {
        JsonNode complaints = json(get("/api/v1/reports/scorecard?" + RANGE + scope), authorization)
                .get("complaints");
        return complaints == null || complaints.isNull()
                ? 0
                : complaints.get("opened").asLong();
    }

    private void createBranch(String authorization, String branch, String region) throws Exception {
        MockHttpServletResponse response = perform(
                post("/api/v1/branches").contentType(MediaType.APPLICATION_JSON).content(branchBody(branch, region)),
                authorization);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    private static void send(KafkaProducer<String, String> producer, String topic, PlatformEvent event)
            throws Exception {
        String key = event.recordKey();
        producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsString(event)))
                .get();
    }

    /** The members of staff in the staff view of the fixture hour in {@code scope}, by id. */
    private List<String> staffIds(String authorization, String scope) throws Exception {
        return json(get("/api/v1/reports/staff?" + RANGE + scope), authorization)
                .get("staff")
                .findValuesAsString("staffId");
    }

    /**
     * A member of staff's day (starting in the fixture hour): 40 interactions answered at {@code handleSeconds} each,
     * 4 linked CSAT answers (3 satisfied), 2 complaints resolved (1 within target).
     */
    private static StaffMetricUpdated staffDay(String tenant, String branch, String staffId, int handleSeconds) {
        boolean withinThreeMinutes = handleSeconds <= 180;
        var interactions = new AgentStatistics(
                40,
                40,
                0,
                30,
                40.0 * handleSeconds,
                40.0 * handleSeconds * handleSeconds,
                0,
                0,
                withinThreeMinutes ? 40 : 0,
                40,
                withinThreeMinutes ? 40 : 0);
        var statistics = new StaffStatistics(
                interactions,
                new CsatStatistics(4, 3, 17, 75),
                NpsStatistics.EMPTY,
                4,
                new HandlerStatistics(0, 0, 2, 1, 0));
        return new StaffMetricUpdated(
                StaffMetricUpdated.eventIdOf(tenant, branch, staffId, NINE, 1),
                tenant,
                branch,
                NINE.plusSeconds(90),
                StaffMetricUpdated.SCHEMA_VERSION,
                staffId,
                NINE,
                1,
                statistics);
    }

    private static MetricUpdated update(String tenant, String branch, long opened) {
        return update(tenant, branch, NINE, opened);
    }

    private static MetricUpdated update(String tenant, String branch, Instant hour, long opened) {
        return new MetricUpdated(
                MetricUpdated.eventIdOf(tenant, branch, Granularity.HOUR, hour, 1),
                tenant,
                branch,
                hour.plusSeconds(90),
                MetricUpdated.SCHEMA_VERSION,
                Granularity.HOUR,
                hour,
                1,
                new BucketStatistics(0, null, null, null, null, new ComplaintStatistics(opened), null, null));
    }

    private static AlertRaised alert(
            AlertRaised sample, String tenant, String branch, AlertEvent.AlertScope.Level level, String scopeId) {
        AlertEvent.AlertScope scope = branch != null
                ? new AlertEvent.AlertScope(AlertEvent.AlertScope.Level.BRANCH, branch)
                : new AlertEvent.AlertScope(level, scopeId);
        String id = tenant + ":" + scope.level() + ":" + scope.id();
        return new AlertRaised(
                UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)),
                tenant,
                branch,
                sample.occurredAt(),
                sample.schemaVersion(),
                "rule:" + id,
                "rule-" + scope.level(),
                sample.ruleKind(),
                scope,
                sample.metric(),
                sample.observedValue(),
                sample.threshold(),
                sample.baseline(),
                sample.n(),
                sample.severity(),
                sample.window());
    }
}

package io.servicequality.reporting.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.RiskGradeChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.reporting.SseReader;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The register end to end: metric updates, complaint events and alerts sent through Kafka change a branch's grade as
 * docs/risk.md says, the register, matrix and history show it, and each grade change is on
 * {@code sqp.risk-grades.v1} exactly once; two assessors racing record one change; a tenant's model is validated,
 * stored and applied to its branches.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "sqp.risk.recompute-interval=200ms",
            "sqp.risk.settle=1s",
            "sqp.risk.reassess-after=0s",
            "sqp.risk.relay-interval=500ms",
            "sqp.risk.full-pass-interval=10m"
        })
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RiskRegisterIT {

    static final String ACME = TestCredentials.TENANT;
    static final String OTHER = "other-bank";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration DEADLINE = Duration.ofSeconds(30);
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

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    RiskRegister register;

    @Autowired
    RiskModels models;

    String admin;
    String otherAdmin;
    KafkaConsumer<String, String> gradeChanges;
    final List<RiskGradeChanged> published = new ArrayList<>();

    @BeforeAll
    void setUp() throws Exception {
        admin = "Bearer " + TestCredentials.token(ACME, List.of(), List.of(), Role.ADMIN);
        otherAdmin = "Bearer " + TestCredentials.token(OTHER, List.of(), List.of(), Role.ADMIN);
        gradeChanges = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ConsumerConfig.GROUP_ID_CONFIG,
                "risk-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        gradeChanges.subscribe(List.of(Topics.RISK_GRADES));
    }

    @AfterAll
    void closeConsumer() {
        gradeChanges.close();
    }

    @Test
    void metricsComplaintsAndAlertsThroughKafkaChangeTheGradeAndEachChangeIsPublishedOnce() throws Exception {
        String branch = "RK-001";
        createBranch(admin, branch, "east");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        SseReader live = SseReader.open(
                http, URI.create("http://localhost:" + port + "/api/v1/live?branchId=" + branch), null, admin);
        await().atMost(DEADLINE).until(live::connected);

        // 1. 700 interactions offered this hour: 100 a day (volume level 2), nothing else → 1 × 2 = 2, grade IV
        send(Topics.METRIC_UPDATED, ACME + ":" + branch, metricUpdate(ACME, branch, hour, 1, 700));
        JsonNode first = awaitAssessment(admin, branch, "IV", "dailyVolume", 700);
        assertThat(factor(first, "dailyVolume").get("value").asDouble()).isEqualTo(100.0);
        assertThat(factor(first, "dailyVolume").get("level").asInt()).isEqualTo(2);
        assertThat(factor(first, "sqiDrop").get("enoughData").asBoolean()).isFalse();
        assertThat(first.get("response").get("ownerRole").asString()).isEqualTo("BRANCH_MANAGER");

        // 2. four CRITICAL complaints open (severe share 100 % of n 4, level 5) → 1 × 5 = 5, grade III
        List<Object> complaints = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            complaints.add(complaintOpened(ACME, branch, "rk-c" + i));
        }
        send(Topics.COMPLAINT_CHANGED, ACME + ":" + branch, complaints);
        JsonNode second = awaitAssessment(admin, branch, "III", "severeOpenShare", 4);
        assertThat(factor(second, "severeOpenShare").get("value").asDouble()).isEqualTo(100.0);
        assertThat(factor(second, "severeOpenShare").get("n").asLong()).isEqualTo(4);
        assertThat(List.of(
                        second.get("likelihood").asInt(), second.get("impact").asInt()))
                .containsExactly(1, 5);

        // 3. ten alerts raised about the branch (level 5) → 5 × 5 = 25, grade I, owned by ADMIN within 4 hours
        List<Object> alerts = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            alerts.add(alertRaised(ACME, branch, "rk-a" + i));
        }
        send(Topics.ALERTS, ACME + ":" + branch, alerts);
        JsonNode third = awaitAssessment(admin, branch, "I", "alertsRaised", 10);
        assertThat(third.get("score").asInt()).isEqualTo(25);
        assertThat(factor(third, "alertsRaised").get("value").asDouble()).isEqualTo(10.0);
        Instant since = Instant.parse(third.get("gradeSince").asString());
        assertThat(Instant.parse(third.at("/response/dueAt").asString())).isEqualTo(since.plus(Duration.ofHours(4)));
        assertThat(third.at("/response/ownerRole").asString()).isEqualTo("ADMIN");

        // 4. a newer revision with more volume changes the figures, not the grade: no further event
        send(Topics.METRIC_UPDATED, ACME + ":" + branch, metricUpdate(ACME, branch, hour, 2, 707));
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(factor(registerEntry(admin, branch), "dailyVolume")
                                .get("n")
                                .asLong())
                        .isEqualTo(707));

        JsonNode history = json(get("/api/v1/risk/branches/" + branch + "/history"), admin);
        assertThat(history.get("changes").findValuesAsString("grade")).containsExactly("I", "III", "IV");
        assertThat(history.get("changes").get(2).get("previousGrade").isNull()).isTrue();
        assertThat(history.get("changes").get(0).get("previousGrade").asString())
                .isEqualTo("III");
        assertThat(history.at("/current/grade").asString()).isEqualTo("I");

        JsonNode matrix = json(get("/api/v1/risk/matrix"), admin);
        JsonNode topRight = cell(matrix, 5, 5);
        assertThat(topRight.get("grade").asString()).isEqualTo("I");
        assertThat(topRight.get("branches").valueStream().map(JsonNode::asString))
                .contains(branch);
        assertThat(matrix.get("cells").size()).isEqualTo(25);
        assertThat(cell(matrix, 3, 3).get("grade").asString()).isEqualTo("III");

        List<RiskGradeChanged> changes = awaitPublished(branch, 3);
        assertThat(changes).extracting(RiskGradeChanged::grade).containsExactly("IV", "III", "I");
        assertThat(changes).extracting(RiskGradeChanged::previousGrade).containsExactly(null, "IV", "III");
        List<String> oldestFirst = new ArrayList<>(history.get("changes").findValuesAsString("eventId"));
        Collections.reverse(oldestFirst);
        assertThat(changes).extracting(change -> change.eventId().toString()).containsExactlyElementsOf(oldestFirst);
        RiskGradeChanged last = changes.get(2);
        assertThat(List.of(last.likelihood(), last.impact(), last.score())).containsExactly(5, 5, 25);
        assertThat(last.factors())
                .extracting(RiskGradeChanged.Factor::name)
                .containsExactly("sqiDrop", "alertsRaised", "slaBreachRate", "dailyVolume", "severeOpenShare");
        assertThat(last.response().ownerRole()).isEqualTo("ADMIN");
        // the figures changed after the last grade change, the grade did not: still exactly three
        assertThat(publishedFor(branch)).hasSize(3);

        // and each change reached the branch's live stream, once, in order
        List<JsonNode> streamed = new ArrayList<>();
        try (live) {
            await().atMost(DEADLINE).untilAsserted(() -> {
                for (SseReader.Event event : live.drain()) {
                    if (event.name().equals("risk-grade")) {
                        streamed.add(JSON.readTree(event.data()));
                    }
                }
                assertThat(streamed).extracting(e -> e.get("grade").asString()).containsExactly("IV", "III", "I");
            });
        }
        assertThat(streamed).extracting(e -> e.get("eventId").asString()).containsExactlyElementsOf(oldestFirst);
    }

    @Test
    void twoAssessorsRacingOnTheSameStateRecordAndPublishOneGradeChange() throws Exception {
        String branch = "RK-RACE";
        RiskModel model = models.of(ACME).model();
        Assessment low = model.assess(new RiskInputs(null, null, 0, 0, 0, 0, 0, 0, 0));
        Assessment high = model.assess(new RiskInputs(null, null, 0, 10, 0, 0, 7000, 0, 0));
        assertThat(List.of(low.grade(), high.grade())).containsExactly(RiskGrade.IV, RiskGrade.I);

        // first assessment: both insert
        assertThat(race(() -> register.record(ACME, branch, null, low, model, Instant.now())))
                .containsExactlyInAnyOrder(RiskRegister.Outcome.GRADE_CHANGED, RiskRegister.Outcome.CONFLICT);
        // a grade change computed by both from the same stored revision
        BranchRisk before = register.find(ACME, branch).orElseThrow();
        assertThat(race(() -> register.record(ACME, branch, before, high, model, Instant.now())))
                .containsExactlyInAnyOrder(RiskRegister.Outcome.GRADE_CHANGED, RiskRegister.Outcome.CONFLICT);

        assertThat(register.find(ACME, branch).orElseThrow().revision()).isEqualTo(2);
        List<RiskGradeChanged> changes = awaitPublished(branch, 2);
        assertThat(changes).extracting(RiskGradeChanged::grade).containsExactly("IV", "I");
        await().atMost(DEADLINE)
                .until(() -> register.find(ACME, branch).orElseThrow().outbox().isEmpty());
        assertThat(register.history(ACME, branch, 10)).hasSize(2);
        assertThat(publishedFor(branch)).hasSize(2);
    }

    @Test
    void aTenantsModelIsValidatedStoredAndAppliedToItsBranches() throws Exception {
        String quality = "Bearer " + TestCredentials.token(OTHER, List.of(), List.of(), Role.QUALITY_MANAGER);
        String manager = "Bearer " + TestCredentials.token(OTHER, List.of("OR-001"), List.of(), Role.BRANCH_MANAGER);
        createBranch(otherAdmin, "OR-001", "west");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        // 3,500 offered: 500 a day, impact level 4 → 1 × 4 = 4, grade IV under the default model
        send(Topics.METRIC_UPDATED, OTHER + ":OR-001", metricUpdate(OTHER, "OR-001", hour, 1, 3500));
        awaitGrade(otherAdmin, "OR-001", "IV");

        JsonNode model = json(get("/api/v1/risk/model"), quality);
        assertThat(model.get("source").asString()).isEqualTo("DEFAULT");
        assertThat(model.at("/likelihood/sqiDrop/thresholds").toString()).isEqualTo("[2.0,5.0,10.0,15.0]");
        assertThat(model.get("grades").findValuesAsString("grade")).containsExactly("I", "II", "III", "IV");

        ObjectNode wrong = (ObjectNode) JSON.readTree(RiskController.MODEL_BODY_EXAMPLE);
        ((ObjectNode) wrong.at("/likelihood/alertsRaised")).set("thresholds", JSON.readTree("[1, 3, 3, 10]"));
        ((ObjectNode) wrong.get("grades").get(2)).put("minScore", 12);
        MockHttpServletResponse refused = perform(
                put("/api/v1/risk/model")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(wrong.toString()),
                quality);
        assertThat(refused.getStatus()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.getContentAsString());
        assertThat(problem.get("type").asString()).endsWith("/validation-failed");
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactly("likelihood.alertsRaised.thresholds", "grades[2].minScore");
        assertThat(json(get("/api/v1/risk/model"), quality).get("source").asString())
                .as("nothing changed")
                .isEqualTo("DEFAULT");
        assertThat(perform(
                                put("/api/v1/risk/model")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(RiskController.MODEL_BODY_EXAMPLE),
                                manager)
                        .getStatus())
                .isEqualTo(403);
        // a quality manager bound to branches may not change what every branch of the tenant is assessed by
        String regionalQuality =
                "Bearer " + TestCredentials.token(OTHER, List.of("OR-001"), List.of(), Role.QUALITY_MANAGER);
        MockHttpServletResponse bound = perform(
                put("/api/v1/risk/model")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(RiskController.MODEL_BODY_EXAMPLE),
                regionalQuality);
        assertThat(bound.getStatus()).isEqualTo(403);
        assertThat(json(get("/api/v1/risk/model"), quality).get("source").asString())
                .as("nothing changed")
                .isEqualTo("DEFAULT");

        // grade III from score 4 on: the branch (score 4) moves to III within seconds
        ObjectNode stricter = (ObjectNode) JSON.readTree(RiskController.MODEL_BODY_EXAMPLE);
        ((ObjectNode) stricter.get("grades").get(2)).put("minScore", 4);
        JsonNode stored = json(
                put("/api/v1/risk/model")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(stricter.toString()),
                quality);
        assertThat(stored.get("source").asString()).isEqualTo("TENANT");
        assertThat(stored.at("/grades/2/minScore").asInt()).isEqualTo(4);
        JsonNode reassessed = awaitGrade(otherAdmin, "OR-001", "III");
        assertThat(reassessed.get("score").asInt()).isEqualTo(4);
        assertThat(cell(json(get("/api/v1/risk/matrix"), manager), 1, 4)
                        .get("grade")
                        .asString())
                .isEqualTo("III");
        assertThat(json(get("/api/v1/risk/model"), admin).get("source").asString())
                .as("another tenant keeps the default")
                .isEqualTo("DEFAULT");
    }

    @Test
    void aBranchManagerSeesOnlyHisBranches() throws Exception {
        createBranch(admin, "RK-010", "north");
        createBranch(admin, "RK-011", "north");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        send(Topics.METRIC_UPDATED, ACME + ":RK-010", metricUpdate(ACME, "RK-010", hour, 1, 70));
        send(Topics.METRIC_UPDATED, ACME + ":RK-011", metricUpdate(ACME, "RK-011", hour, 1, 70));
        awaitGrade(admin, "RK-010", "IV");
        awaitGrade(admin, "RK-011", "IV");
        String manager = "Bearer " + TestCredentials.token(ACME, List.of("RK-010"), List.of(), Role.BRANCH_MANAGER);

        assertThat(json(get("/api/v1/risk/register"), manager).get("branches").findValuesAsString("branchId"))
                .containsExactly("RK-010");
        assertThat(json(get("/api/v1/risk/register?regionId=north"), admin)
                        .get("branches")
                        .findValuesAsString("branchId"))
                .containsExactlyInAnyOrder("RK-010", "RK-011");
        JsonNode matrix = json(get("/api/v1/risk/matrix"), manager);
        assertThat(cell(matrix, 1, 1).get("branches").valueStream().map(JsonNode::asString))
                .containsExactly("RK-010");
        assertThat(matrix.toString()).doesNotContain("RK-011", "RK-001");
        assertThat(matrix.at("/byGrade/IV").asLong()).isEqualTo(1);
        assertThat(perform(get("/api/v1/risk/branches/RK-011/history"), manager).getStatus())
                .isEqualTo(404);
        assertThat(perform(get("/api/v1/risk/branches/RK-010/history?limit=0"), manager)
                        .getStatus())
                .isEqualTo(400);
        assertThat(json(get("/api/v1/risk/register"), otherAdmin).toString()).doesNotContain("RK-0");
    }

    // ---- plumbing ----

    private static List<RiskRegister.Outcome> race(Callable<RiskRegister.Outcome> assessor) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<RiskRegister.Outcome> waiting = () -> {
                start.await();
                return assessor.call();
            };
            Future<RiskRegister.Outcome> one = threads.submit(waiting);
            Future<RiskRegister.Outcome> two = threads.submit(waiting);
            start.countDown();
            return List.of(one.get(), two.get());
        } finally {
            threads.shutdownNow();
        }
    }

    private JsonNode awaitGrade(String authorization, String branch, String grade) throws Exception {
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode entry = registerEntry(authorization, branch);
            assertThat(entry).as("%s in the register", branch).isNotNull();
            assertThat(entry.path("grade").asString()).as(entry.toString()).isEqualTo(grade);
        });
        return registerEntry(authorization, branch);
    }

    /** Waits until the branch has the grade and the factor's n is {@code n} (all inputs sent have been applied). */
    private JsonNode awaitAssessment(String authorization, String branch, String grade, String factor, long n)
            throws Exception {
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode entry = registerEntry(authorization, branch);
            assertThat(entry).as("%s in the register", branch).isNotNull();
            assertThat(List.of(
                            entry.path("grade").asString(),
                            factor(entry, factor).get("n").asLong()))
                    .as(entry.toString())
                    .containsExactly(grade, n);
        });
        return registerEntry(authorization, branch);
    }

    private JsonNode registerEntry(String authorization, String branch) throws Exception {
        for (JsonNode entry : json(get("/api/v1/risk/register"), authorization).get("branches")) {
            if (entry.get("branchId").asString().equals(branch)) {
                return entry;
            }
        }
        return null;
    }

    private static JsonNode factor(JsonNode assessment, String name) {
        for (JsonNode factor : assessment.get("factors")) {
            if (factor.get("name").asString().equals(name)) {
                return factor;
            }
        }
        throw new AssertionError("no factor " + name + " in " + assessment);
    }

    private static JsonNode cell(JsonNode matrix, int likelihood, int impact) {
        for (JsonNode cell : matrix.get("cells")) {
            if (cell.get("likelihood").asInt() == likelihood
                    && cell.get("impact").asInt() == impact) {
                return cell;
            }
        }
        throw new AssertionError("no cell " + likelihood + "×" + impact);
    }

    /** The grade changes of the branch published so far, in topic order (one partition per branch key). */
    private List<RiskGradeChanged> awaitPublished(String branch, int count) {
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(publishedFor(branch)).hasSizeGreaterThanOrEqualTo(count));
        return publishedFor(branch);
    }

    private synchronized List<RiskGradeChanged> publishedFor(String branch) {
        for (ConsumerRecord<String, String> record : gradeChanges.poll(Duration.ofMillis(200))) {
            RiskGradeChanged event = JSON.readValue(record.value(), RiskGradeChanged.class);
            assertThat(record.key()).isEqualTo(event.tenantId() + ":" + event.branchId());
            published.add(event);
        }
        return published.stream()
                .filter(event -> event.branchId().equals(branch))
                .toList();
    }

    private static MetricUpdated metricUpdate(String tenant, String branch, Instant hour, long revision, long offered) {
        return new MetricUpdated(
                MetricUpdated.eventIdOf(tenant, branch, Granularity.HOUR, hour, revision),
                tenant,
                branch,
                hour.plusSeconds(60),
                MetricUpdated.SCHEMA_VERSION,
                Granularity.HOUR,
                hour,
                revision,
                new BucketStatistics(
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new InteractionStatistics(offered, offered, 0, offered, 0, 0, 0, 0, 0, null, null),
                        null));
    }

    private static ObjectNode complaintOpened(String tenant, String branch, String complaintId) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventSample.COMPLAINT_CHANGED.json());
        event.put("eventId", UUID.randomUUID().toString());
        event.put("tenantId", tenant);
        event.put("branchId", branch);
        event.put("complaintId", complaintId);
        event.put("number", complaintId);
        event.put("severity", "CRITICAL");
        event.put("occurredAt", Instant.now().toString());
        event.put("resolutionDueAt", Instant.now().plus(Duration.ofDays(3)).toString());
        return event;
    }

    private static ObjectNode alertRaised(String tenant, String branch, String alertId) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventSample.ALERT_RAISED.json());
        event.put("eventId", UUID.randomUUID().toString());
        event.put("tenantId", tenant);
        event.put("branchId", branch);
        event.put("alertId", alertId);
        event.put("occurredAt", Instant.now().toString());
        ((ObjectNode) event.get("scope")).put("id", branch);
        return event;
    }

    private void send(String topic, String key, Object event) throws Exception {
        send(topic, key, List.of(event));
    }

    /**
     * Sends the events together (one producer, one flush): a burst the monitor sees within its settle time and
     * assesses once, as a burst of real updates.
     */
    private void send(String topic, String key, List<Object> events) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.LINGER_MS_CONFIG,
                50,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            List<Future<?>> acks = new ArrayList<>();
            for (Object event : events) {
                acks.add(producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsString(event))));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    private void createBranch(String authorization, String branch, String region) throws Exception {
        MockHttpServletResponse response = perform(
                post("/api/v1/branches").contentType(MediaType.APPLICATION_JSON).content("""
                                {"branchId": "%s", "code": "%s", "name": "Branch %s", "regionId": "%s", "timeZone": "UTC"}""".formatted(
                                branch, branch, branch, region)),
                authorization);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String authorization)
            throws Exception {
        return mvc.perform(request.header("Authorization", authorization))
                .andReturn()
                .getResponse();
    }

    private JsonNode json(MockHttpServletRequestBuilder request, String authorization) throws Exception {
        MockHttpServletResponse response = perform(request, authorization);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }
}

package io.servicequality.reporting.alerthandling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.Severity;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.kafka.OutboxRelay;
import io.servicequality.reporting.SseReader;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.security.Role;
import io.servicequality.security.TenantGate;
import io.servicequality.security.test.SettableClock;
import io.servicequality.security.test.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
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
 * Alert handling end to end: alerts raised and cleared on Kafka open and clear handling records; staff acknowledge,
 * assign, link and resolve them over HTTP (with the 409s of invalid transitions, 412 on a stale {@code If-Match}, 400
 * on bad bodies, 403/404 outside their scope); every change reaches {@code sqp.alert-handling.v1} once and the live
 * stream; alerts nobody acknowledged escalate once per level even with two instances racing. The service's clock
 * stands still where a test puts it; the background escalation timer is kept out of the way (its interval is an hour),
 * the tests fire it themselves.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sqp.alert-handling.escalation-interval=1h", "sqp.alert-handling.relay-interval=500ms"})
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(AlertHandlingIT.StoppedClock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertHandlingIT {

    static final String ACME = TestCredentials.TENANT;
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final String PROBLEMS = "https://servicequality.io/problems/";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final EmbeddedStore STORE = EmbeddedStore.inMemory();

    static final String ADMIN = TestCredentials.bearer(ACME, Role.ADMIN);
    static final String LEAD = TestCredentials.bearer(ACME, Role.QUALITY_MANAGER);
    static final String MANAGER = TestCredentials.bearer(ACME, List.of("SH-001"), Role.BRANCH_MANAGER);
    static final String AGENT = TestCredentials.bearer(ACME, List.of("SH-001"), Role.AGENT);
    static final String VIEWER = TestCredentials.bearer(ACME, Role.VIEWER);

    @TestConfiguration(proxyBeanMethods = false)
    static class StoppedClock {

        @Bean
        @Primary
        SettableClock stoppedClock() {
            return new SettableClock(T0);
        }
    }

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
    SettableClock clock;

    @Autowired
    EscalationTimer timer;

    @Autowired
    AlertHandlings handlings;

    @Autowired
    AlertHandlingProperties properties;

    @Autowired
    Scopes scopes;

    @Autowired
    TenantGate tenants;

    @Autowired
    OutboxRelay outboxRelay;

    @Autowired
    MongoOperations mongo;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final AlertRaised sample = (AlertRaised) JSON.readValue(EventSample.ALERT_RAISED.json(), AlertEvent.class);
    KafkaProducer<String, String> producer;
    KafkaConsumer<String, String> published;
    final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    @BeforeAll
    void directory() throws Exception {
        for (String[] branch : new String[][] {{"SH-001", "north"}, {"SH-002", "north"}}) {
            MockHttpServletResponse created = perform(
                    post("/api/v1/branches")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"branchId": "%s", "code": "%s", "name": "Branch", "regionId": "%s",
                                     "timeZone": "UTC"}""".formatted(branch[0], branch[0], branch[1])),
                    ADMIN);
            assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        }
    }

    @BeforeEach
    void clients() {
        moveClockTo(T0);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        published = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        String.join(",", kafka.getBootstrapServers()),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = published.partitionsFor(Topics.ALERT_HANDLING).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        published.assign(partitions);
        published.seekToBeginning(partitions);
    }

    @AfterEach
    void closeClients() {
        producer.close();
        published.close();
    }

    @Test
    void aBranchManagerAcknowledgesAssignsLinksAndResolvesAnAlertAndEveryStepIsInItsHistoryAndOnKafkaOnce()
            throws Exception {
        String alertId = raise("SH-001", null, Severity.CRITICAL);
        String path = "/api/v1/alerts/" + alertId;

        MockHttpServletResponse read = perform(get(path + "/handling"), AGENT);
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getHeader("ETag")).isEqualTo("\"0\"");
        JsonNode opened = JSON.readTree(read.getContentAsString());
        assertThat(opened.get("status").asString()).isEqualTo("OPEN");
        assertThat(opened.get("active").asBoolean()).isTrue();
        assertThat(opened.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(opened.get("nextEscalationAt").asString())
                .isEqualTo(T0.plus(Duration.ofMinutes(15)).toString());
        assertThat(opened.get("history").findValuesAsString("what")).containsExactly("RAISED");

        problem(
                post(path + "/resolve").contentType(MediaType.APPLICATION_JSON).content(HandlingExamples.RESOLVE),
                MANAGER,
                409,
                "invalid-transition");
        assertThat(handling(alertId).get("revision").asLong())
                .as("a refused action changes nothing")
                .isZero();

        moveClockTo(T0.plus(Duration.ofMinutes(3)));
        MockHttpServletResponse acknowledged = perform(
                post(path + "/acknowledge")
                        .header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(HandlingExamples.ACKNOWLEDGE),
                MANAGER);
        assertThat(acknowledged.getStatus())
                .as(acknowledged.getContentAsString())
                .isEqualTo(200);
        assertThat(acknowledged.getHeader("ETag")).isEqualTo("\"1\"");
        JsonNode afterAcknowledge = JSON.readTree(acknowledged.getContentAsString());
        assertThat(afterAcknowledge.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(afterAcknowledge.get("acknowledgedBy").asString()).isEqualTo("test-branch_manager");
        assertThat(afterAcknowledge.get("nextEscalationAt").isNull()).isTrue();

        JsonNode twice = problem(post(path + "/acknowledge"), LEAD, 409, "invalid-transition");
        assertThat(twice.get("currentStatus").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(twice.get("action").asString()).isEqualTo("acknowledge");
        JsonNode stale = problem(
                post(path + "/assign")
                        .header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(HandlingExamples.ASSIGN),
                MANAGER,
                412,
                "precondition-failed");
        assertThat(stale.get("detail").asString()).contains("revision 0", "revision 1");
        problem(
                post(path + "/assign")
                        .header("If-Match", "yesterday")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(HandlingExamples.ASSIGN),
                MANAGER,
                400,
                "validation-failed");
        problem(
                post(path + "/assign").contentType(MediaType.APPLICATION_JSON).content("{\"assignee\": \" \"}"),
                MANAGER,
                400,
                "validation-failed");

        MockHttpServletResponse assigned = perform(
                post(path + "/assign")
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(HandlingExamples.ASSIGN),
                MANAGER);
        assertThat(assigned.getStatus()).as(assigned.getContentAsString()).isEqualTo(200);
        assertThat(JSON.readTree(assigned.getContentAsString()).get("assignee").asString())
                .isEqualTo("manager.sh001");

        JsonNode badId = problem(
                post(path + "/link")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"correctiveActionId\": \"CA-1\"}"),
                MANAGER,
                400,
                "validation-failed");
        assertThat(badId.get("errors").findValuesAsString("field")).containsExactly("correctiveActionId");
        assertThat(perform(
                                post(path + "/link")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(HandlingExamples.LINK),
                                MANAGER)
                        .getStatus())
                .isEqualTo(200);
        JsonNode linkedTwice = problem(
                post(path + "/link").contentType(MediaType.APPLICATION_JSON).content(HandlingExamples.LINK),
                MANAGER,
                409,
                "conflict");
        assertThat(linkedTwice.get("errors").findValuesAsString("field")).containsExactly("correctiveActionId");
        assertThat(linkedTwice.get("detail").asString())
                .isEqualTo(JSON.readTree(HandlingExamples.ALREADY_LINKED)
                        .get("detail")
                        .asString());

        problem(
                post(path + "/resolve").contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"\"}"),
                MANAGER,
                400,
                "validation-failed");
        problem(
                post(path + "/resolve")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\": \"" + "x".repeat(2001) + "\"}"),
                MANAGER,
                400,
                "validation-failed");
        problem(
                post(path + "/resolve").contentType(MediaType.APPLICATION_JSON).content(HandlingExamples.RESOLVE),
                AGENT,
                403,
                "forbidden");
        assertThat(handling(alertId).get("status").asString()).isEqualTo("ACKNOWLEDGED");

        moveClockTo(T0.plus(Duration.ofHours(1)));
        MockHttpServletResponse resolved = perform(
                post(path + "/resolve").contentType(MediaType.APPLICATION_JSON).content(HandlingExamples.RESOLVE),
                MANAGER);
        assertThat(resolved.getStatus()).as(resolved.getContentAsString()).isEqualTo(200);
        problem(
                post(path + "/assign").contentType(MediaType.APPLICATION_JSON).content(HandlingExamples.ASSIGN),
                LEAD,
                409,
                "invalid-transition");

        clear(alertId, "SH-001", null, T0.plus(Duration.ofHours(2)));
        await().atMost(DEADLINE).until(() -> !handling(alertId).get("active").asBoolean());

        JsonNode done = handling(alertId);
        assertThat(done.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(done.get("resolutionNote").asString())
                .isEqualTo("Two extra counter staff at peak hours; CSAT back above 85 % the next day");
        assertThat(done.get("resolvedBy").asString()).isEqualTo("test-branch_manager");
        assertThat(done.get("resolvedAt").asString())
                .isEqualTo(T0.plus(Duration.ofHours(1)).toString());
        assertThat(done.get("correctiveActionIds").toString()).isEqualTo("[\"6750a1c2e4b0f1a2b3c4d5e6\"]");
        assertThat(done.get("escalationLevel").asInt()).isZero();
        List<String> steps = new ArrayList<>();
        done.get("history")
                .forEach(entry -> steps.add(entry.get("what").asString() + " by "
                        + entry.get("actor").asString()));
        assertThat(steps)
                .containsExactly(
                        "RAISED by scoring-service",
                        "ACKNOWLEDGED by test-branch_manager",
                        "ASSIGNED by test-branch_manager",
                        "LINKED_TO_ACTION by test-branch_manager",
                        "RESOLVED by test-branch_manager",
                        "CLEARED by scoring-service");

        JsonNode resolvedList = JSON.readTree(
                perform(get("/api/v1/alerts/handling?status=RESOLVED&assignee=manager.sh001&branchId=SH-001"), VIEWER)
                        .getContentAsString());
        assertThat(resolvedList.get("items").findValuesAsString("alertId")).contains(alertId);
        assertThat(resolvedList.get("items").get(0).has("history"))
                .as("lists leave history out")
                .isFalse();
        JsonNode openList = JSON.readTree(
                perform(get("/api/v1/alerts/handling?status=OPEN"), LEAD).getContentAsString());
        assertThat(openList.get("items").findValuesAsString("alertId")).doesNotContain(alertId);

        List<JsonNode> events = publishedFor(alertId, 4);
        assertThat(events)
                .extracting(e -> e.get("type").asString())
                .containsExactly("ACKNOWLEDGED", "ASSIGNED", "LINKED_TO_ACTION", "RESOLVED");
        assertThat(events).extracting(e -> e.get("actor").asString()).containsOnly("test-branch_manager");
        assertThat(events.get(1).get("assignee").asString()).isEqualTo("manager.sh001");
        assertThat(events.get(2).get("correctiveActionId").asString()).isEqualTo("6750a1c2e4b0f1a2b3c4d5e6");
        assertThat(events.get(3).get("note").asString()).startsWith("Two extra counter staff");
        assertThat(events.get(3).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(events).extracting(e -> e.get("tenantId").asString()).containsOnly(ACME);
        assertThat(events).extracting(e -> e.get("escalationLevel").asInt()).containsOnly(0);
        assertThat(events.stream().map(e -> e.get("eventId").asString()).distinct())
                .hasSize(4);
        assertThat(seen.stream()
                        .filter(record -> record.value().contains(alertId))
                        .map(ConsumerRecord::key))
                .containsOnly(ACME + ":SH-001");
    }

    @Test
    void assigningAnOpenAlertAcknowledgesItAndBranchManagersHandleOnlyTheirOwnBranchesAlerts() throws Exception {
        String own = raise("SH-001", null, Severity.WARNING);
        String neighbours = raise("SH-002", null, Severity.WARNING);
        String region = raise(null, new AlertScope(AlertScope.Level.REGION, "north"), Severity.WARNING);

        MockHttpServletResponse assigned = perform(
                post("/api/v1/alerts/" + own + "/assign")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"assignee\": \"agent.n01\"}"),
                MANAGER);
        assertThat(assigned.getStatus()).as(assigned.getContentAsString()).isEqualTo(200);
        JsonNode ownAfter = JSON.readTree(assigned.getContentAsString());
        assertThat(ownAfter.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(ownAfter.get("history").findValuesAsString("what"))
                .containsExactly("RAISED", "ACKNOWLEDGED", "ASSIGNED");

        problem(get("/api/v1/alerts/" + neighbours + "/handling"), MANAGER, 404, "not-found");
        problem(post("/api/v1/alerts/" + neighbours + "/acknowledge"), MANAGER, 404, "not-found");
        assertThat(perform(get("/api/v1/alerts/" + region + "/handling"), MANAGER)
                        .getStatus())
                .as("a branch manager sees the alerts of his region")
                .isEqualTo(200);
        problem(post("/api/v1/alerts/" + region + "/acknowledge"), MANAGER, 403, "forbidden");
        assertThat(perform(post("/api/v1/alerts/" + region + "/acknowledge"), LEAD)
                        .getStatus())
                .isEqualTo(200);
        problem(
                get("/api/v1/alerts/" + own + "/handling"),
                TestCredentials.bearer("other-bank", Role.ADMIN),
                404,
                "not-found");
        problem(get("/api/v1/alerts/no-such-alert/handling"), ADMIN, 404, "not-found");

        JsonNode mine = JSON.readTree(perform(get("/api/v1/alerts/handling?assignee=agent.n01"), MANAGER)
                .getContentAsString());
        assertThat(mine.get("items").findValuesAsString("alertId")).containsExactly(own);
        JsonNode managersView =
                JSON.readTree(perform(get("/api/v1/alerts/handling"), MANAGER).getContentAsString());
        assertThat(managersView.get("items").findValuesAsString("alertId"))
                .contains(own, region)
                .doesNotContain(neighbours);
        JsonNode unassigned =
                JSON.readTree(perform(get("/api/v1/alerts/handling?unassigned=true&branchId=SH-002"), LEAD)
                        .getContentAsString());
        assertThat(unassigned.get("items").findValuesAsString("alertId"))
                .contains(neighbours)
                .doesNotContain(own);
        problem(get("/api/v1/alerts/handling?limit=0"), LEAD, 400, "validation-failed");
        problem(get("/api/v1/alerts/handling?status=LOST"), LEAD, 400, null);
    }

    @Test
    void twoInstancesEscalatingAtOnceRecordAndPublishEachLevelOfEachUnacknowledgedAlertExactlyOnce() throws Exception {
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            alerts.add(raise("SH-001", null, Severity.CRITICAL));
        }
        String acknowledgedInTime = alerts.remove(5);
        moveClockTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(perform(post("/api/v1/alerts/" + acknowledgedInTime + "/acknowledge"), LEAD)
                        .getStatus())
                .isEqualTo(200);

        moveClockTo(T0.plus(Duration.ofMinutes(14)));
        assertThat(timer.fire()).as("nothing due before 15 minutes").isZero();

        // a second instance: its own service, relay and timer over the same store and broker
        EscalationTimer otherInstance = new EscalationTimer(new AlertHandlingService(
                handlings,
                new HandlingEventRelay(new HandlingOutbox(mongo, tenants, properties, clock), outboxRelay),
                properties,
                scopes,
                tenants,
                clock));
        try (SseReader stream = SseReader.open(
                http, URI.create("http://localhost:" + port + "/api/v1/live?branchId=SH-001"), null, MANAGER)) {
            await().atMost(DEADLINE).until(stream::connected);
            for (Duration after : List.of(Duration.ofMinutes(15), Duration.ofMinutes(31), Duration.ofHours(5))) {
                moveClockTo(T0.plus(after));
                race(timer, otherInstance);
            }

            for (String alertId : alerts) {
                JsonNode handling = handling(alertId);
                assertThat(handling.get("history").findValuesAsString("what"))
                        .as(alertId)
                        .containsExactly("RAISED", "ESCALATED", "ESCALATED", "ESCALATED");
                assertThat(handling.get("escalationLevel").asInt()).isEqualTo(3);
                assertThat(handling.get("escalatedTo").asString()).isEqualTo("QUALITY_DIRECTOR");
                assertThat(handling.get("nextEscalationAt").isNull()).isTrue();
                assertThat(handling.get("history").findValuesAsString("at"))
                        .containsExactly(
                                T0.toString(),
                                T0.plus(Duration.ofMinutes(15)).toString(),
                                T0.plus(Duration.ofMinutes(30)).toString(),
                                T0.plus(Duration.ofMinutes(45)).toString());
            }
            assertThat(handling(acknowledgedInTime).get("escalationLevel").asInt())
                    .isZero();

            for (String alertId : alerts) {
                List<JsonNode> escalations = publishedFor(alertId, 3);
                assertThat(escalations)
                        .extracting(e -> e.get("type").asString())
                        .containsOnly("ESCALATED");
                assertThat(escalations)
                        .extracting(e -> e.get("escalationLevel").asInt())
                        .containsExactly(1, 2, 3);
                assertThat(escalations)
                        .extracting(e -> e.get("actor").asString())
                        .containsOnly("escalation-timer");
            }
            // both instances' relays swept meanwhile (every 500 ms): still one record per level
            // the absence of a duplicate holds for 1.5 s: both relays sweep three times meanwhile
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> {
                        for (String alertId : alerts) {
                            assertThat(publishedSoFar(alertId)).as(alertId).hasSize(3);
                        }
                    });
            assertThat(publishedSoFar(acknowledgedInTime))
                    .extracting(e -> e.get("type").asString())
                    .containsExactly("ACKNOWLEDGED");

            Set<String> streamed = new HashSet<>();
            await().atMost(DEADLINE).untilAsserted(() -> {
                stream.drain().stream()
                        .filter(event -> event.name().equals("alert-handling"))
                        .map(event -> JSON.readTree(event.data()))
                        .filter(data -> data.get("type").asString().equals("ESCALATED")
                                && alerts.contains(data.get("alertId").asString()))
                        .forEach(data -> streamed.add(data.get("alertId").asString() + "@"
                                + data.get("escalationLevel").asInt()));
                assertThat(streamed).hasSize(alerts.size() * 3);
            });
        }
    }

    @Test
    void anAlertThatClearsStopsEscalatingButStaysOpenForHandling() throws Exception {
        String alertId = raise("SH-001", null, Severity.WARNING);
        clear(alertId, "SH-001", null, T0.plus(Duration.ofMinutes(70)));
        await().atMost(DEADLINE).until(() -> !handling(alertId).get("active").asBoolean());

        moveClockTo(T0.plus(Duration.ofHours(6)));
        timer.fire();

        JsonNode handling = handling(alertId);
        assertThat(handling.get("history").findValuesAsString("what"))
                .as("the escalation due an hour after the raise fired before the clear, none after it")
                .containsExactly("RAISED", "ESCALATED", "CLEARED");
        assertThat(handling.get("status").asString()).isEqualTo("OPEN");
        assertThat(handling.get("escalationLevel").asInt()).isEqualTo(1);
        assertThat(handling.get("nextEscalationAt").isNull()).isTrue();
        assertThat(perform(post("/api/v1/alerts/" + alertId + "/acknowledge"), MANAGER)
                        .getStatus())
                .isEqualTo(200);
        assertThat(perform(
                                post("/api/v1/alerts/" + alertId + "/resolve")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content("{\"note\": \"a one-off rush; nothing to change\"}"),
                                MANAGER)
                        .getStatus())
                .isEqualTo(200);
        assertThat(publishedFor(alertId, 3))
                .extracting(e -> e.get("type").asString())
                .containsExactly("ESCALATED", "ACKNOWLEDGED", "RESOLVED");
    }

    // ---- plumbing ----

    /**
     * Moves the service's clock once the relays have sent what is pending: in real time minutes pass between these
     * steps, and moving the clock under a relay at work would expire its claim on the events in flight, so that
     * another relay would send them again (at least once, but not what these tests count).
     */
    private void moveClockTo(Instant instant) {
        await().atMost(DEADLINE)
                .until(() ->
                        mongo.count(new Query(Criteria.where("outbox.eventId").exists(true)), AlertHandling.COLLECTION)
                                == 0);
        clock.set(instant);
    }

    /** Runs both timers at once, as two instances ticking at the same moment would. */
    private static void race(EscalationTimer a, EscalationTimer b) throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> firedByA = instances.submit(() -> {
                start.await();
                return a.fire();
            });
            Future<Integer> firedByB = instances.submit(() -> {
                start.await();
                return b.fire();
            });
            start.countDown();
            firedByA.get();
            firedByB.get();
        } finally {
            instances.shutdownNow();
        }
    }

    /** Raises an alert (at {@link #T0}) on Kafka and waits for its handling record; returns its id. */
    private String raise(String branch, AlertScope scope, Severity severity) throws Exception {
        AlertScope alertScope = scope != null ? scope : new AlertScope(AlertScope.Level.BRANCH, branch);
        String alertId = "rule-it:" + alertScope.id() + ":" + UUID.randomUUID();
        AlertRaised raised = new AlertRaised(
                UUID.randomUUID(),
                ACME,
                branch,
                T0,
                AlertRaised.SCHEMA_VERSION,
                alertId,
                "rule-it",
                sample.ruleKind(),
                alertScope,
                sample.metric(),
                sample.observedValue(),
                sample.threshold(),
                sample.baseline(),
                sample.n(),
                severity,
                sample.window());
        producer.send(new ProducerRecord<>(Topics.ALERTS, raised.recordKey(), JSON.writeValueAsString(raised)))
                .get();
        await().atMost(DEADLINE)
                .until(() -> perform(get("/api/v1/alerts/" + alertId + "/handling"), ADMIN)
                                .getStatus()
                        == 200);
        return alertId;
    }

    private void clear(String alertId, String branch, AlertScope scope, Instant at) throws Exception {
        AlertScope alertScope = scope != null ? scope : new AlertScope(AlertScope.Level.BRANCH, branch);
        AlertCleared cleared = new AlertCleared(
                UUID.randomUUID(),
                ACME,
                branch,
                at,
                AlertCleared.SCHEMA_VERSION,
                alertId,
                "rule-it",
                sample.ruleKind(),
                alertScope,
                sample.metric(),
                90.0,
                sample.threshold(),
                sample.baseline(),
                sample.n(),
                sample.severity(),
                sample.window());
        producer.send(new ProducerRecord<>(Topics.ALERTS, cleared.recordKey(), JSON.writeValueAsString(cleared)))
                .get();
    }

    private JsonNode handling(String alertId) throws Exception {
        MockHttpServletResponse response = perform(get("/api/v1/alerts/" + alertId + "/handling"), ADMIN);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    /** Sends the request and checks the answer is the problem of {@code type} (any type when {@code null}). */
    private JsonNode problem(MockHttpServletRequestBuilder request, String authorization, int status, String type)
            throws Exception {
        MockHttpServletResponse response = perform(request, authorization);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        if (type != null) {
            assertThat(problem.get("type").asString()).isEqualTo(PROBLEMS + type);
        }
        return problem;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String authorization)
            throws Exception {
        return mvc.perform(request.header("Authorization", authorization))
                .andReturn()
                .getResponse();
    }

    /** Waits until {@code count} handling events of the alert are on the topic; returns them in topic order. */
    private List<JsonNode> publishedFor(String alertId, int count) {
        await().atMost(DEADLINE).until(() -> publishedSoFar(alertId).size() >= count);
        return publishedSoFar(alertId);
    }

    private List<JsonNode> publishedSoFar(String alertId) {
        published.poll(Duration.ofMillis(300)).forEach(seen::add);
        return seen.stream()
                .map(record -> JSON.readTree(record.value()))
                .filter(event -> event.get("alertId").asString().equals(alertId))
                .toList();
    }
}

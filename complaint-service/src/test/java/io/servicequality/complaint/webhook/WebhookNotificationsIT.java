package io.servicequality.complaint.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.standardwebhooks.Webhook;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.HttpHeaders;
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
 * Webhooks per tenant end to end: two tenants subscribe endpoints of a local receiver through the API; alert, alert
 * handling, risk-grade and complaint records arrive on their topics (and one complaint is escalated through the API);
 * each endpoint gets exactly the events of its tenant and types, once, signed so that the Standard Webhooks reference
 * library verifies them. Failing receivers are retried on the back-off until they answer or attempts run out, 410
 * disables a subscription, the delivery log tells all of it per tenant, and a re-send carries the same
 * {@code webhook-id}.
 */
@SpringBootTest(
        properties = {
            "sqp.complaints.webhook.start-from=earliest",
            "sqp.complaints.webhook.allow-http-localhost=true",
            "sqp.complaints.webhook.first-retry-after=200ms",
            "sqp.complaints.webhook.multiplier=2",
            "sqp.complaints.webhook.max-attempts=4",
            "sqp.complaints.webhook.poll-interval=100ms",
            "sqp.complaints.timers.interval=1h"
        })
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookNotificationsIT {

    static final String ACME = "acme-bank";
    static final String OTHER = "other-bank";
    static final String UNSUBSCRIBED = "demo";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final EmbeddedStore STORE = EmbeddedStore.inMemory();
    static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STORE::connectionString);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoOperations mongo;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    KafkaProducer<String, String> producer;
    final String acmeAdmin = TestCredentials.bearer(ACME, Role.ADMIN);
    final String otherAdmin = TestCredentials.bearer(OTHER, Role.ADMIN);
    final Map<String, String> secrets = new HashMap<>();
    final Map<String, String> subscriptionIds = new HashMap<>();

    @BeforeAll
    void producer() {
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    void close() {
        producer.close();
        RECEIVER.close();
        STORE.close();
    }

    @Test
    void eachTenantsEndpointsGetExactlyTheirSubscribedEventsSignedRetriedLoggedAndResendable() throws Exception {
        subscribe(
                acmeAdmin,
                "acme",
                List.of(
                        "alert.raised",
                        "alert.escalated",
                        "complaint.sla_breached",
                        "complaint.escalated",
                        "risk.grade_changed"));
        subscribe(acmeAdmin, "acme-flaky", List.of("alert.cleared"));
        subscribe(acmeAdmin, "acme-down", List.of("alert.cleared"));
        subscribe(otherAdmin, "other", List.of("alert.raised", "complaint.sla_warning"));
        RECEIVER.answer("acme-flaky", 500, 500);
        RECEIVER.alwaysAnswer("acme-down", 503);

        String acmeRaised = alert(ACME, "AlertRaised");
        publish(Topics.ALERTS, acmeRaised);
        publish(Topics.ALERTS, acmeRaised); // the same record again: no second delivery
        String otherRaised = alert(OTHER, "AlertRaised");
        publish(Topics.ALERTS, otherRaised);
        String acmeCleared = alert(ACME, "AlertCleared");
        publish(Topics.ALERTS, acmeCleared);
        publish(Topics.ALERTS, alert(UNSUBSCRIBED, "AlertRaised"));
        publish(Topics.ALERT_HANDLING, alertHandling(ACME, "ACKNOWLEDGED"));
        String acmeAlertEscalated = alertHandling(ACME, "ESCALATED");
        publish(Topics.ALERT_HANDLING, acmeAlertEscalated);
        String acmeGrade = riskGrade(ACME);
        publish(Topics.RISK_GRADES, acmeGrade);
        publish(Topics.RISK_GRADES, riskGrade(OTHER));
        publish(Topics.COMPLAINT_CHANGED, complaintEvent(ACME, "SLA_WARNING"));
        String otherWarning = complaintEvent(OTHER, "SLA_WARNING");
        publish(Topics.COMPLAINT_CHANGED, otherWarning);
        String acmeBreach = complaintEvent(ACME, "SLA_BREACHED");
        publish(Topics.COMPLAINT_CHANGED, acmeBreach);
        publish(Topics.COMPLAINT_CHANGED, complaintEvent(ACME, "OPENED"));
        // and one complaint escalated for real: the service's own event, through its outbox
        String complaintId = escalatedComplaint();

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(types("acme"))
                    .containsExactlyInAnyOrder(
                            "alert.raised",
                            "alert.escalated",
                            "risk.grade_changed",
                            "complaint.sla_breached",
                            "complaint.escalated");
            assertThat(types("other")).containsExactlyInAnyOrder("alert.raised", "complaint.sla_warning");
            assertThat(RECEIVER.at("acme-flaky"))
                    .extracting(WebhookReceiver.Received::answered)
                    .containsExactly(500, 500, 204);
            assertThat(RECEIVER.at("acme-down")).hasSize(4);
        });
        // nothing more arrives for 1.5 s: no duplicate, no other tenant's event, no fifth attempt
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(RECEIVER.at("acme")).hasSize(5);
            assertThat(RECEIVER.at("other")).hasSize(2);
            assertThat(RECEIVER.at("acme-flaky")).hasSize(3);
            assertThat(RECEIVER.at("acme-down")).hasSize(4);
        });

        // every request verifies with the reference implementation and the endpoint's own secret
        for (String endpoint : List.of("acme", "other", "acme-flaky", "acme-down")) {
            for (WebhookReceiver.Received received : RECEIVER.at(endpoint)) {
                new Webhook(secrets.get(endpoint)).verify(received.body(), received.headers());
                assertThat(received.header("webhook-id")).startsWith("msg_");
                assertThat(Long.parseLong(received.header("webhook-timestamp")))
                        .isBetween(
                                Instant.now().getEpochSecond() - 60,
                                Instant.now().getEpochSecond());
            }
        }
        // the payload: type, the event's time, the event as published
        JsonNode raised = payload("acme", "alert.raised");
        assertThat(raised.get("timestamp").asString())
                .isEqualTo(JSON.readTree(acmeRaised).get("occurredAt").asString());
        assertThat(raised.get("data")).isEqualTo(JSON.readTree(acmeRaised));
        assertThat(payload("acme", "alert.escalated").get("data")).isEqualTo(JSON.readTree(acmeAlertEscalated));
        assertThat(payload("acme", "risk.grade_changed").get("data")).isEqualTo(JSON.readTree(acmeGrade));
        assertThat(payload("acme", "complaint.sla_breached").get("data")).isEqualTo(JSON.readTree(acmeBreach));
        assertThat(payload("acme", "complaint.escalated")
                        .at("/data/complaintId")
                        .asString())
                .isEqualTo(complaintId);
        assertThat(payload("other", "alert.raised").get("data")).isEqualTo(JSON.readTree(otherRaised));
        assertThat(payload("other", "complaint.sla_warning").get("data")).isEqualTo(JSON.readTree(otherWarning));
        // retries of one message carry one webhook-id and one body
        assertThat(RECEIVER.at("acme-flaky").stream()
                        .map(r -> r.header("webhook-id"))
                        .distinct())
                .hasSize(1);
        assertThat(RECEIVER.at("acme-flaky").stream()
                        .map(WebhookReceiver.Received::body)
                        .distinct())
                .hasSize(1);

        // the delivery log, per tenant and filtered
        JsonNode acmeLog = json(get("/api/v1/webhook-deliveries"), acmeAdmin);
        assertThat(acmeLog).hasSize(5 + 1 + 1);
        acmeLog.forEach(delivery -> assertThat(List.of(
                        subscriptionIds.get("acme"),
                        subscriptionIds.get("acme-flaky"),
                        subscriptionIds.get("acme-down")))
                .contains(delivery.get("subscriptionId").asString()));
        JsonNode flaky = json(
                get("/api/v1/webhook-deliveries").param("subscriptionId", subscriptionIds.get("acme-flaky")),
                acmeAdmin);
        assertThat(flaky).hasSize(1);
        assertThat(flaky.at("/0/status").asString()).isEqualTo("DELIVERED");
        assertThat(flaky.at("/0/attemptCount").asInt()).isEqualTo(3);
        assertThat(flaky.at("/0/attempts")
                        .valueStream()
                        .map(a -> a.get("statusCode").asInt()))
                .containsExactly(500, 500, 204);
        assertThat(flaky.at("/0/attempts/0/error").asString()).isEqualTo("HTTP 500");
        assertThat(flaky.at("/0/webhookId").asString())
                .isEqualTo(RECEIVER.at("acme-flaky").get(0).header("webhook-id"));
        JsonNode failed = json(get("/api/v1/webhook-deliveries").param("status", "FAILED"), acmeAdmin);
        assertThat(failed).hasSize(1);
        assertThat(failed.at("/0/subscriptionId").asString()).isEqualTo(subscriptionIds.get("acme-down"));
        assertThat(failed.at("/0/attemptCount").asInt()).isEqualTo(4);
        assertThat(failed.at("/0/nextAttemptAt").isNull()).isTrue();
        assertThat(json(get("/api/v1/webhook-deliveries").param("eventType", "alert.raised"), acmeAdmin))
                .hasSize(1);
        assertThat(json(get("/api/v1/webhook-deliveries"), otherAdmin)).hasSize(2);
        assertThat(json(get("/api/v1/webhook-deliveries"), TestCredentials.bearer(UNSUBSCRIBED, Role.ADMIN)))
                .as("a tenant without subscriptions gets no deliveries")
                .isEmpty();
        assertThat(status(get("/api/v1/webhook-deliveries").param("eventType", "alert.silenced"), acmeAdmin))
                .isEqualTo(400);

        // re-send: a new attempt of the same message, same webhook-id and body, newly signed
        JsonNode raisedDelivery = json(get("/api/v1/webhook-deliveries").param("eventType", "alert.raised"), acmeAdmin)
                .get(0);
        String deliveryId = raisedDelivery.get("deliveryId").asString();
        assertThat(status(post("/api/v1/webhook-deliveries/{id}/redeliver", deliveryId), otherAdmin))
                .as("another tenant's delivery does not exist for it")
                .isEqualTo(404);
        JsonNode resent = json(post("/api/v1/webhook-deliveries/{id}/redeliver", deliveryId), acmeAdmin);
        assertThat(resent.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(resent.get("attemptCount").asInt()).isEqualTo(2);
        assertThat(resent.at("/attempts/1/resend").asBoolean()).isTrue();
        List<WebhookReceiver.Received> raisedRequests = RECEIVER.at("acme").stream()
                .filter(r -> r.body().contains("\"alert.raised\""))
                .toList();
        assertThat(raisedRequests).hasSize(2);
        assertThat(raisedRequests.get(1).header("webhook-id"))
                .isEqualTo(raisedRequests.get(0).header("webhook-id"));
        assertThat(raisedRequests.get(1).body()).isEqualTo(raisedRequests.get(0).body());
        new Webhook(secrets.get("acme"))
                .verify(raisedRequests.get(1).body(), raisedRequests.get(1).headers());
    }

    @Test
    void aReceiverAnsweringGoneDisablesItsSubscriptionAndGetsNothingMore() throws Exception {
        subscribe(acmeAdmin, "gone", List.of("risk.grade_changed"));
        RECEIVER.alwaysAnswer("gone", 410);
        publish(Topics.RISK_GRADES, riskGrade(ACME));
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode subscription = json(get("/api/v1/webhooks/{id}", subscriptionIds.get("gone")), acmeAdmin);
            assertThat(subscription.get("enabled").asBoolean()).isFalse();
            assertThat(subscription.get("disabledReason").asString()).contains("410");
        });
        JsonNode log =
                json(get("/api/v1/webhook-deliveries").param("subscriptionId", subscriptionIds.get("gone")), acmeAdmin);
        assertThat(log).hasSize(1);
        assertThat(log.at("/0/status").asString()).isEqualTo("FAILED");
        assertThat(log.at("/0/attemptCount").asInt()).isEqualTo(1);
        assertThat(log.at("/0/lastError").asString()).isEqualTo("HTTP 410");

        publish(Topics.RISK_GRADES, riskGrade(ACME));
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(RECEIVER.at("gone")).hasSize(1));

        // turned back on, it receives again
        String url = RECEIVER.url("gone");
        RECEIVER.alwaysAnswer("gone", 204);
        assertThat(json(
                                put("/api/v1/webhooks/{id}", subscriptionIds.get("gone"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content("{\"url\": \"%s\", \"eventTypes\": [\"risk.grade_changed\"]}"
                                                .formatted(url)),
                                acmeAdmin)
                        .get("disabledReason")
                        .isNull())
                .isTrue();
        publish(Topics.RISK_GRADES, riskGrade(ACME));
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(RECEIVER.at("gone")).hasSize(2));
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLetterTopicAsItArrivedAndTheNextOnesAreDelivered() throws Exception {
        subscribe(acmeAdmin, "after-garbage", List.of("alert.cleared"));
        String garbage = "this is not an alert";
        publish(Topics.ALERTS, "acme-bank:SH-001", garbage);
        String cleared = alert(ACME, "AlertCleared");
        publish(Topics.ALERTS, cleared);

        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(RECEIVER.at("after-garbage"))
                        .extracting(r -> JSON.readTree(r.body()).get("data"))
                        .contains(JSON.readTree(cleared)));
        try (KafkaConsumer<String, byte[]> deadLetters = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            deadLetters.subscribe(List.of(Topics.deadLetterTopicOf(Topics.ALERTS)));
            List<String> values = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                deadLetters
                        .poll(Duration.ofMillis(200))
                        .forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
                return values.contains(garbage);
            });
        }
    }

    @Test
    void anInvalidSubscriptionIsABadRequestProblemAndStoresNothing() throws Exception {
        long before = mongo.count(new org.springframework.data.mongodb.core.query.Query(), WebhookSubscription.class);
        for (String body : List.of(
                "{\"url\": \"http://hooks.example.com/sqp\", \"eventTypes\": [\"alert.raised\"]}",
                "{\"url\": \"https://hooks.example.com/sqp\", \"eventTypes\": [\"alert.silenced\"]}",
                "{\"url\": \"https://hooks.example.com/sqp\", \"eventTypes\": []}",
                "{\"url\": \"ftp://hooks.example.com/sqp\", \"eventTypes\": [\"alert.raised\"]}",
                "{\"url\": \"not a url\", \"eventTypes\": [\"alert.raised\"]}",
                "{\"eventTypes\": [\"alert.raised\"]}")) {
            MockHttpServletResponse response = perform(
                    post("/api/v1/webhooks")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body),
                    acmeAdmin);
            assertThat(response.getStatus()).as(body).isEqualTo(400);
            assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            JsonNode problem = JSON.readTree(response.getContentAsString());
            assertThat(problem.get("type").asString()).endsWith("/validation-failed");
        }
        JsonNode unknownType = JSON.readTree(perform(
                        post("/api/v1/webhooks")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"url\": \"https://hooks.example.com/sqp\", \"eventTypes\":"
                                        + " [\"alert.raised\", \"alert.silenced\"]}"),
                        acmeAdmin)
                .getContentAsString());
        assertThat(unknownType.at("/errors/0/field").asString()).isEqualTo("eventTypes");
        assertThat(unknownType.at("/errors/0/message").asString()).contains("alert.silenced");
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), WebhookSubscription.class))
                .isEqualTo(before);
    }

    @Test
    void theSecretIsShownOnceAndRotatedAndASubscriptionIsAnotherTenantsNever() throws Exception {
        String id = subscribe(acmeAdmin, "rotating", List.of("alert.raised"));
        JsonNode shown = json(get("/api/v1/webhooks/{id}", id), acmeAdmin);
        assertThat(shown.has("secret")).isFalse();
        assertThat(json(get("/api/v1/webhooks"), acmeAdmin).valueStream().noneMatch(s -> s.has("secret")))
                .isTrue();
        assertThat(status(get("/api/v1/webhooks/{id}", id), otherAdmin)).isEqualTo(404);
        assertThat(json(get("/api/v1/webhooks"), otherAdmin)
                        .valueStream()
                        .map(s -> s.get("subscriptionId").asString()))
                .doesNotContain(id);

        String rotated = json(post("/api/v1/webhooks/{id}/rotate-secret", id), acmeAdmin)
                .get("secret")
                .asString();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secrets.get("rotating"));
        JsonNode audit =
                json(get("/api/v1/audit").param("limit", "500"), acmeAdmin).get("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(entry -> {
            if (entry.get("target").asString().equals("webhook:" + id)) {
                actions.add(entry.get("action").asString());
                assertThat(String.valueOf(entry.get("after")) + entry.get("before"))
                        .doesNotContain(rotated)
                        .doesNotContain(secrets.get("rotating"));
            }
        });
        assertThat(actions).containsExactlyInAnyOrder("webhook.created", "webhook.secret-rotated");

        assertThat(status(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                                "/api/v1/webhooks/{id}", id),
                        otherAdmin))
                .isEqualTo(404);
        assertThat(status(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                                "/api/v1/webhooks/{id}", id),
                        acmeAdmin))
                .isEqualTo(204);
        assertThat(status(get("/api/v1/webhooks/{id}", id), acmeAdmin)).isEqualTo(404);
    }

    @Test
    void aDeliveryClaimedByAnotherInstanceIsLeftToItUntilTheClaimExpiresThenSentFromTheStore() throws Exception {
        String subscriptionId = subscribe(acmeAdmin, "claimed", List.of("risk.grade_changed"));
        // as another instance (or one that crashed) left it: due, claimed for a few more seconds
        UUID deliveryId = UUID.randomUUID();
        Instant claimedUntil = Instant.now().plusSeconds(4);
        mongo.insert(new WebhookDelivery(
                deliveryId,
                ACME,
                "SH-001",
                UUID.fromString(subscriptionId),
                "risk.grade_changed",
                "from-another-instance",
                "{\"type\":\"risk.grade_changed\",\"timestamp\":\"2026-12-04T11:00:00Z\",\"data\":{}}",
                WebhookDelivery.Status.PENDING,
                0,
                List.of(),
                Instant.now(),
                Instant.now(),
                null,
                claimedUntil,
                "another-instance",
                null));

        assertThat(status(post("/api/v1/webhook-deliveries/{id}/redeliver", deliveryId), acmeAdmin))
                .as("an attempt is under way elsewhere")
                .isEqualTo(409);
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(RECEIVER.at("claimed")).hasSize(1));
        assertThat(Instant.now()).as("not sent before the claim expired").isAfter(claimedUntil);
        WebhookReceiver.Received received = RECEIVER.at("claimed").get(0);
        assertThat(received.header("webhook-id"))
                .isEqualTo("msg_" + deliveryId.toString().replace("-", ""));
        new Webhook(secrets.get("claimed")).verify(received.body(), received.headers());
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(json(
                                        get("/api/v1/webhook-deliveries").param("subscriptionId", subscriptionId),
                                        acmeAdmin)
                                .at("/0/status")
                                .asString())
                        .isEqualTo("DELIVERED"));
    }

    @Test
    void theOpenApiDocumentDescribesTheWebhookOperationsWithExamples() throws Exception {
        JsonNode paths = JSON.readTree(mvc.perform(get("/v3/api-docs"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("paths");
        JsonNode create = paths.at("/~1api~1v1~1webhooks/post");
        assertThat(create.at("/requestBody/content/application~1json/examples/subscription/value")
                        .toString())
                .contains("complaint.sla_breached");
        assertThat(create.at("/responses/201/content/application~1json/examples/created/value")
                        .toString())
                .contains("whsec_");
        assertThat(create.at("/responses/400/content/application~1problem+json/examples/invalid/value")
                        .toString())
                .contains("validation-failed");
        for (String operation : List.of(
                "/~1api~1v1~1webhooks/get",
                "/~1api~1v1~1webhooks~1{subscriptionId}/get",
                "/~1api~1v1~1webhooks~1{subscriptionId}~1rotate-secret/post",
                "/~1api~1v1~1webhook-deliveries/get",
                "/~1api~1v1~1webhook-deliveries~1{deliveryId}~1redeliver/post")) {
            assertThat(paths.at(operation + "/responses/200/content/application~1json/examples")
                            .isEmpty())
                    .as(operation + " has a response example")
                    .isFalse();
        }
        assertThat(paths.at("/~1api~1v1~1webhooks~1{subscriptionId}/put/requestBody/content/application~1json/examples")
                        .isEmpty())
                .isFalse();
        assertThat(paths.at("/~1api~1v1~1webhooks~1{subscriptionId}/delete/summary")
                        .asString())
                .isNotBlank();
    }

    // --- fixtures --------------------------------------------------------------------------------------------

    private String subscribe(String admin, String endpoint, List<String> types) throws Exception {
        MockHttpServletResponse response = perform(
                post("/api/v1/webhooks")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(
                                Map.of("url", RECEIVER.url(endpoint), "eventTypes", types, "description", endpoint))),
                admin);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        JsonNode created = JSON.readTree(response.getContentAsString());
        assertThat(response.getHeader(HttpHeaders.LOCATION))
                .isEqualTo("/api/v1/webhooks/" + created.get("subscriptionId").asString());
        secrets.put(endpoint, created.get("secret").asString());
        subscriptionIds.put(endpoint, created.get("subscriptionId").asString());
        return created.get("subscriptionId").asString();
    }

    private String escalatedComplaint() throws Exception {
        JsonNode opened = json(
                post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"branchId\": \"HOOK-1\", \"category\": \"QUALITY\", \"severity\": \"HIGH\","
                                + " \"subject\": \"Charged twice\"}"),
                acmeAdmin);
        String id = opened.get("complaintId").asString();
        json(
                post("/api/v1/complaints/{id}/escalate", id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"VIP customer\"}"),
                acmeAdmin);
        return id;
    }

    private static String alert(String tenant, String type) {
        return """
                {"type": "%s", "eventId": "%s", "tenantId": "%s", "branchId": "SH-001",
                 "occurredAt": "2026-12-04T09:00:00Z", "schemaVersion": 1, "alertId": "%s", "ruleId": "csat-low",
                 "ruleKind": "THRESHOLD", "scope": {"level": "BRANCH", "id": "SH-001"}, "metric": "csat.percent",
                 "observedValue": 61.5, "threshold": 70.0, "baseline": null, "n": 42, "severity": "WARNING",
                 "window": {"from": "2026-12-03T09:00:00Z", "to": "2026-12-04T09:00:00Z"}}""".formatted(type, UUID.randomUUID(), tenant, UUID.randomUUID());
    }

    private static String alertHandling(String tenant, String type) {
        return """
                {"eventId": "%s", "tenantId": "%s", "branchId": "SH-001", "occurredAt": "2026-12-04T10:00:00Z",
                 "alertId": "%s", "type": "%s", "escalationLevel": 1}""".formatted(UUID.randomUUID(), tenant, UUID.randomUUID(), type);
    }

    private static String riskGrade(String tenant) {
        return """
                {"eventId": "%s", "tenantId": "%s", "branchId": "SH-001", "occurredAt": "2026-12-04T11:00:00Z",
                 "grade": "II", "previousGrade": "III"}""".formatted(UUID.randomUUID(), tenant);
    }

    private static String complaintEvent(String tenant, String type) {
        return """
                {"eventId": "%s", "tenantId": "%s", "branchId": "SH-001", "occurredAt": "2026-12-04T12:00:00Z",
                 "schemaVersion": 1, "complaintId": "%s", "number": "SH-001-202612-1", "type": "%s",
                 "status": "ACKNOWLEDGED", "severity": "HIGH", "escalationLevel": 1}""".formatted(UUID.randomUUID(), tenant, UUID.randomUUID(), type);
    }

    private void publish(String topic, String json) throws Exception {
        publish(topic, JSON.readTree(json).get("tenantId").asString() + ":SH-001", json);
    }

    private void publish(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private List<String> types(String endpoint) {
        return RECEIVER.at(endpoint).stream()
                .map(r -> JSON.readTree(r.body()).get("type").asString())
                .toList();
    }

    private JsonNode payload(String endpoint, String type) {
        return RECEIVER.at(endpoint).stream()
                .map(r -> JSON.readTree(r.body()))
                .filter(body -> body.get("type").asString().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode json(MockHttpServletRequestBuilder request, String credential) throws Exception {
        MockHttpServletResponse response = perform(request, credential);
        assertThat(response.getStatus()).as(response.getContentAsString()).isBetween(200, 299);
        return JSON.readTree(response.getContentAsString());
    }

    private int status(MockHttpServletRequestBuilder request, String credential) throws Exception {
        return perform(request, credential).getStatus();
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String credential) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, credential))
                .andReturn()
                .getResponse();
    }
}

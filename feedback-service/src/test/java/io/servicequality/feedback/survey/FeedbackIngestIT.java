package io.servicequality.feedback.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.InvalidEventException;
import io.servicequality.platform.test.PrometheusScrape;
import io.servicequality.security.test.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest path end to end against a real broker and store: a 202 means the event is on the topic, the projection
 * makes it readable, duplicates and bad records change nothing. Subclasses provide the infrastructure.
 */
@Import(TestCredentials.DefaultAdmin.class)
@SpringBootTest
@AutoConfigureMockMvc
abstract class FeedbackIngestIT {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where the audit store keeps feedback (one collection per ingested topic). */
    static final String FEEDBACK_AUDIT = "feedbackAudit";

    @Autowired
    MockMvc mvc;

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    KafkaOperations<Object, Object> kafkaTemplate;

    @Autowired
    MongoOperations mongo;

    @Test
    void acceptedFeedbackIsOnTheTopicKeyedByTenantAndBranch() throws Exception {
        UUID eventId = UUID.randomUUID();

        String receivedAt = JSON.readTree(submit(feedback(eventId, "SH-001", "Quick, but the form was confusing."))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("receivedAt")
                .asString();

        ConsumerRecord<String, byte[]> record = firstRecordOn(Topics.FEEDBACK_SUBMITTED, hasEventId(eventId));
        assertThat(record.key()).isEqualTo("acme-bank:SH-001");
        assertThat(record.headers().lastHeader("__TypeId__")).isNull();
        String value = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(value).doesNotContain("io.servicequality");
        JsonNode payload = JSON.readTree(value);
        assertThat(payload.get("tenantId").asString()).isEqualTo("acme-bank");
        assertThat(payload.get("branchId").asString()).isEqualTo("SH-001");
        assertThat(payload.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(payload.get("occurredAt").asString()).isEqualTo("2026-11-20T09:15:00Z");
        assertThat(Instant.parse(payload.get("receivedAt").asString())).isEqualTo(Instant.parse(receivedAt));
        assertThat(payload.get("channel").asString()).isEqualTo("COUNTER");
        assertThat(payload.at("/servqual/reliability/expectation").asDouble()).isEqualTo(7.0);
        assertThat(payload.at("/servqual/reliability/perception").asDouble()).isEqualTo(5.0);
        assertThat(payload.at("/importance/reliability").asInt()).isEqualTo(40);
        assertThat(payload.get("csat").asInt()).isEqualTo(4);
        assertThat(payload.get("nps").asInt()).isEqualTo(9);
        assertThat(payload.get("ces").asInt()).isEqualTo(6);
    }

    @Test
    void acceptedFeedbackBecomesReadableThroughItsLocation() throws Exception {
        UUID eventId = UUID.randomUUID();

        String location = submit(feedback(eventId, "SH-002", "Friendly staff."))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getHeader("Location");

        await().atMost(DEADLINE)
                .untilAsserted(() -> mvc.perform(get(location))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.eventId").value(eventId.toString()))
                        .andExpect(jsonPath("$.branchId").value("SH-002"))
                        .andExpect(jsonPath("$.occurredAt").value("2026-11-20T09:15:00Z"))
                        .andExpect(
                                jsonPath("$.servqual.reliability.expectation").value(7.0))
                        .andExpect(
                                jsonPath("$.servqual.responsiveness.perception").value(6.0))
                        .andExpect(jsonPath("$.importance.tangibles").value(10))
                        .andExpect(jsonPath("$.csat").value(4))
                        .andExpect(jsonPath("$.comment").value("Friendly staff.")));
    }

    @Test
    void postingTheSameEventIdTwiceIsAcceptedBothTimesAndStoredOnce() throws Exception {
        UUID eventId = UUID.randomUUID();

        submit(feedback(eventId, "SH-003", "first")).andExpect(status().isAccepted());
        submit(feedback(eventId, "SH-003", "second")).andExpect(status().isAccepted());
        awaitProjectionPassed("SH-003");

        assertThat(storedCopiesOf(eventId)).isEqualTo(1);
        mvc.perform(get("/api/v1/feedback/{id}", eventId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.comment").value("first"));
    }

    @Test
    void redeliveredEventChangesNothingInTheProjection() throws Exception {
        FeedbackSubmitted event = event(UUID.randomUUID(), "SH-004", "original");
        FeedbackSubmitted sameIdOtherContent = event(event.eventId(), "SH-004", "tampered");

        kafkaTemplate.send(Topics.FEEDBACK_SUBMITTED, event.recordKey(), event).get();
        kafkaTemplate.send(Topics.FEEDBACK_SUBMITTED, event.recordKey(), event).get();
        kafkaTemplate
                .send(Topics.FEEDBACK_SUBMITTED, sameIdOtherContent.recordKey(), sameIdOtherContent)
                .get();
        awaitProjectionPassed("SH-004");

        assertThat(storedCopiesOf(event.eventId())).isEqualTo(1);
        mvc.perform(get("/api/v1/feedback/{id}", event.eventId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.comment").value("original"));
    }

    @Test
    void projectsTheContractSample() throws Exception {
        sendRaw(Topics.FEEDBACK_SUBMITTED, "acme-bank:SH-001", EventSample.FEEDBACK_SUBMITTED.json());

        await().atMost(DEADLINE)
                .untilAsserted(() -> mvc.perform(get("/api/v1/feedback/0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.branchId").value("SH-001"))
                        .andExpect(jsonPath("$.receivedAt").value("2026-11-20T09:15:02.120Z"))
                        .andExpect(jsonPath("$.channel").value("COUNTER"))
                        .andExpect(jsonPath("$.servqual.empathy.expectation").value(6.5))
                        .andExpect(jsonPath("$.servqual.empathy.perception").value(4.5))
                        .andExpect(jsonPath("$.servqual.tangibles").doesNotExist())
                        .andExpect(jsonPath("$.importance.reliability").value(40))
                        .andExpect(jsonPath("$.nps").value(9))
                        .andExpect(jsonPath("$.customerRef").value("c-77f1"))
                        .andExpect(jsonPath("$.interactionId").value("i-20261120-0042")));
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing() throws Exception {
        String poison = "this is not JSON " + UUID.randomUUID();

        sendRaw(Topics.FEEDBACK_SUBMITTED, "acme-bank:SH-005", poison);
        UUID after = UUID.randomUUID();
        FeedbackSubmitted next = event(after, "SH-005", "after the poison");
        kafkaTemplate.send(Topics.FEEDBACK_SUBMITTED, next.recordKey(), next).get();

        ConsumerRecord<String, byte[]> deadLetter =
                firstRecordOn(Topics.deadLetterTopicOf(Topics.FEEDBACK_SUBMITTED), hasValue(poison));
        assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).contains(Topics.FEEDBACK_SUBMITTED);
        await().atMost(DEADLINE)
                .untilAsserted(
                        () -> mvc.perform(get("/api/v1/feedback/{id}", after)).andExpect(status().isOk()));
    }

    @Test
    void eventWithoutAnIdGoesToTheDeadLetterTopic() throws Exception {
        String invalid = """
                {"tenantId":"acme-bank","branchId":"SH-006","occurredAt":"2026-11-20T09:15:00Z","schemaVersion":1,\
                "comment":"%s","csat":5}""".formatted(UUID.randomUUID());

        sendRaw(Topics.FEEDBACK_SUBMITTED, "acme-bank:SH-006", invalid);

        ConsumerRecord<String, byte[]> deadLetter =
                firstRecordOn(Topics.deadLetterTopicOf(Topics.FEEDBACK_SUBMITTED), hasValueContaining(invalid));
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .contains(InvalidEventException.class.getName());
    }

    @Test
    void theProductMetersMoveWithTrafficAndAProblemNamesItsTrace() throws Exception {
        PrometheusScrape before = scrape();
        Map<String, String> accepted = Map.of("application", "feedback-service", "type", "feedback");
        Map<String, String> invalid = Map.of("type", "feedback", "reason", "validation");

        submit(feedback(UUID.randomUUID(), "SH-020", "counted")).andExpect(status().isAccepted());
        submit(feedback(UUID.randomUUID(), "SH-020", "too happy").replace("\"csat\": 4", "\"csat\": 9"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.traceId").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}")));
        mvc.perform(post("/api/v1/feedback/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("[" + feedback(UUID.randomUUID(), "SH-020", "in a batch") + ", {\"csat\": 4}]"))
                .andExpect(status().isOk());

        PrometheusScrape after = scrape();
        assertThat(after.sum("sqp_events_accepted_total", accepted) - before.sum("sqp_events_accepted_total", accepted))
                .as("one single post and one batch item accepted")
                .isEqualTo(2);
        assertThat(after.sum("sqp_events_refused_total", invalid) - before.sum("sqp_events_refused_total", invalid))
                .as("one single post and one batch item refused as invalid")
                .isEqualTo(2);
        assertThat(after.has("http_server_requests_seconds_count", Map.of("uri", "/api/v1/feedback")))
                .isTrue();
        // the audit store's group, measured from the broker
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(
                                scrape().has("sqp_kafka_consumer_lag", Map.of("group", "feedback-service.audit")))
                        .isTrue());
    }

    private PrometheusScrape scrape() throws Exception {
        return new PrometheusScrape(mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void publishesHealthAndOpenApi() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/feedback'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/feedback/{eventId}'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/interactions'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/interactions/{eventId}'].get")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/feedback'].post.requestBody.content['application/json'].examples")
                        .isNotEmpty())
                .andExpect(jsonPath(
                                "$.paths['/api/v1/feedback/batch'].post.requestBody.content['application/json'].examples")
                        .isNotEmpty())
                .andExpect(jsonPath(
                                "$.paths['/api/v1/feedback/batch'].post.requestBody.content['application/x-ndjson'].examples")
                        .isNotEmpty())
                .andExpect(jsonPath(
                                "$.paths['/api/v1/interactions'].post.requestBody.content['application/json'].examples")
                        .isNotEmpty())
                .andExpect(jsonPath(
                                "$.paths['/api/v1/interactions/batch'].post.requestBody.content['application/json'].examples")
                        .isNotEmpty())
                .andExpect(jsonPath(
                                "$.paths['/api/v1/interactions/batch'].post.requestBody.content['application/x-ndjson'].examples")
                        .isNotEmpty())
                // each kind's request is described by its own schema, for one post and for each batch item
                .andExpect(jsonPath(
                                "$.paths['/api/v1/feedback'].post.requestBody.content['application/json'].schema['$ref']")
                        .value("#/components/schemas/SubmitFeedbackRequest"))
                .andExpect(jsonPath(
                                "$.paths['/api/v1/interactions/batch'].post.requestBody.content['application/json'].schema.items['$ref']")
                        .value("#/components/schemas/SubmitInteractionRequest"))
                .andExpect(jsonPath("$.components.schemas.SubmitInteractionRequest.properties.waitSeconds")
                        .exists())
                .andExpect(
                        jsonPath("$.paths['/api/v1/feedback/{eventId}'].get.responses['200'].content.*.schema['$ref']")
                                .value(org.hamcrest.Matchers.hasItem("#/components/schemas/FeedbackDetails")));
    }

    @Test
    void acceptedInteractionIsOnItsTopicAndBecomesReadable() throws Exception {
        UUID eventId = UUID.randomUUID();

        String location = mvc.perform(post("/api/v1/interactions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(interaction(eventId, "SH-010", 14)))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getHeader("Location");

        ConsumerRecord<String, byte[]> record = firstRecordOn(Topics.INTERACTION_RECORDED, hasEventId(eventId));
        assertThat(record.key()).isEqualTo("acme-bank:SH-010");
        JsonNode payload = JSON.readTree(record.value());
        assertThat(payload.get("waitSeconds").asInt()).isEqualTo(14);
        assertThat(payload.get("late").asBoolean()).isTrue();
        await().atMost(DEADLINE)
                .untilAsserted(() -> mvc.perform(get(location))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.channel").value("PHONE"))
                        .andExpect(jsonPath("$.handleSeconds").value(170))
                        .andExpect(jsonPath("$.late").value(true)));
    }

    @Test
    void projectsTheInteractionContractSample() throws Exception {
        sendRaw(Topics.INTERACTION_RECORDED, "acme-bank:SH-001", EventSample.INTERACTION_RECORDED.json());

        await().atMost(DEADLINE)
                .untilAsserted(() -> mvc.perform(get("/api/v1/interactions/5e0c2a8f-1d4b-4f7a-9a63-0c7b2f9d1e55"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.agentId").value("a-12"))
                        .andExpect(jsonPath("$.offeredAt").value("2026-11-20T08:58:56Z"))
                        .andExpect(jsonPath("$.receivedAt").value("2026-11-20T09:02:01.350Z"))
                        .andExpect(jsonPath("$.resolvedFirstContact").value(true)));
    }

    @Test
    void redeliveredInteractionIsStoredOnceAndAPoisonOneIsDeadLettered() throws Exception {
        UUID eventId = UUID.randomUUID();
        String json = interactionEvent(eventId, 14);
        String poison = "not an interaction " + UUID.randomUUID();

        sendRaw(Topics.INTERACTION_RECORDED, "acme-bank:SH-017", json);
        sendRaw(Topics.INTERACTION_RECORDED, "acme-bank:SH-017", poison);
        sendRaw(Topics.INTERACTION_RECORDED, "acme-bank:SH-017", interactionEvent(eventId, 99));
        UUID marker = UUID.randomUUID();
        sendRaw(Topics.INTERACTION_RECORDED, "acme-bank:SH-017", interactionEvent(marker, 1));

        firstRecordOn(Topics.deadLetterTopicOf(Topics.INTERACTION_RECORDED), hasValue(poison));
        await().atMost(DEADLINE)
                .untilAsserted(() ->
                        mvc.perform(get("/api/v1/interactions/{id}", marker)).andExpect(status().isOk()));
        mvc.perform(get("/api/v1/interactions/{id}", eventId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.waitSeconds").value(14));
        assertThat(mongo.getCollection("interactionAudit")
                        .countDocuments(new org.bson.Document("eventId", eventId.toString())))
                .isEqualTo(1);
    }

    private static String interactionEvent(UUID eventId, int waitSeconds) {
        return EventSample.INTERACTION_RECORDED
                .json()
                .replace("5e0c2a8f-1d4b-4f7a-9a63-0c7b2f9d1e55", eventId.toString())
                .replace("\"SH-001\"", "\"SH-017\"")
                .replace("\"waitSeconds\": 14", "\"waitSeconds\": " + waitSeconds);
    }

    @Test
    void batchPutsTheValidItemsOfABranchOnTheTopicInBatchOrder() throws Exception {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        String batch = "[" + feedback(ids.get(0), "SH-011", "one") + ","
                + feedback(UUID.randomUUID(), "SH-011", "bad").replace("\"csat\": 4", "\"csat\": 9") + ","
                + feedback(ids.get(1), "SH-011", "two") + "," + feedback(ids.get(2), "SH-011", "three") + "]";

        mvc.perform(post("/api/v1/feedback/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(3))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.results[1].errors[0].field").value("csat"));

        List<ConsumerRecord<String, byte[]>> records = recordsOn(
                Topics.FEEDBACK_SUBMITTED,
                record -> ids.stream().anyMatch(id -> hasEventId(id).test(record)),
                3);
        assertThat(records)
                .extracting(ConsumerRecord::partition)
                .containsOnly(records.get(0).partition());
        assertThat(records)
                .extracting(
                        record -> JSON.readTree(record.value()).get("comment").asString())
                .containsExactly("one", "two", "three");
    }

    @Test
    void repeatingARequestWithItsIdempotencyKeyReplaysTheAnswerAndPublishesOnce() throws Exception {
        String key = "retry-" + UUID.randomUUID();
        String body = feedback(null, "SH-012", "once");

        String first = submitWithKey(body, key)
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String eventId = JSON.readTree(first).get("eventId").asString();
        submitWithKey(body, key)
                .andExpect(status().isAccepted())
                .andExpect(MockMvcResultMatchers.header().string("Idempotent-Replayed", "true"))
                .andExpect(MockMvcResultMatchers.header().string("Location", "/api/v1/feedback/" + eventId))
                .andExpect(result ->
                        assertThat(result.getResponse().getContentAsString()).isEqualTo(first));

        UUID marker = awaitProjectionPassed("SH-012");
        assertThat(recordsBefore(Topics.FEEDBACK_SUBMITTED, hasEventId(UUID.fromString(eventId)), marker))
                .hasSize(1);
        assertThat(storedCopiesOf(UUID.fromString(eventId))).isEqualTo(1);
    }

    @Test
    void reusingAnIdempotencyKeyForAnotherBodyIsRefusedWith422() throws Exception {
        String key = "reuse-" + UUID.randomUUID();
        submitWithKey(feedback(null, "SH-013", "first"), key).andExpect(status().isAccepted());

        submitWithKey(feedback(null, "SH-013", "different"), key)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/idempotency-key-reused"));
        mvc.perform(post("/api/v1/interactions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", key)
                        .content(interaction(null, "SH-013", 3)))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void aDuplicateWhileTheFirstRequestIsInFlightIsRefusedWith409() throws Exception {
        String key = "in-flight-" + UUID.randomUUID();
        String body = feedback(null, "SH-014", "racing");
        submitWithKey(body, key).andExpect(status().isAccepted());
        // answers are written behind; once written, this instance asks the store like every other instance
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mongo.getCollection("idempotency_keys")
                        .find(new org.bson.Document("_id", "acme-bank\n" + key))
                        .first()
                        .getString("state")
                        .equals("ANSWERED"));
        // the state a request is in while it runs (here: on another instance): claimed, not yet answered, its lease
        // not expired
        mongo.getCollection("idempotency_keys")
                .updateOne(
                        new org.bson.Document("_id", "acme-bank\n" + key),
                        new org.bson.Document(
                                "$set",
                                new org.bson.Document("state", "IN_FLIGHT")
                                        .append(
                                                "lockedUntil",
                                                java.util.Date.from(
                                                        Instant.now().plusSeconds(30)))));

        submitWithKey(body, key)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/request-in-progress"));
    }

    @Test
    void concurrentDuplicatesRunOnceTheOthersAreReplayedOrRefusedWith409() throws Exception {
        String key = "concurrent-" + UUID.randomUUID();
        String body = feedback(null, "SH-015", "concurrent");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(
                        () -> submitWithKey(body, key).andReturn().getResponse().getStatus()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(202, 409).contains(202);
        } finally {
            pool.shutdownNow();
        }
        awaitProjectionPassed("SH-015");
        assertThat(mongo.count(
                        query(where("branchId")
                                .is("SH-015")
                                .and("event.comment")
                                .is("concurrent")),
                        FEEDBACK_AUDIT))
                .isEqualTo(1);
    }

    @Test
    void idempotencyKeysAreScopedPerTenant() throws Exception {
        String key = "shared-" + UUID.randomUUID();
        mongo.getCollection("idempotency_keys")
                .insertOne(new org.bson.Document("_id", "other-tenant\n" + key)
                        .append("tenantId", "other-tenant")
                        .append("key", key)
                        .append("fingerprint", "not ours")
                        .append("state", "ANSWERED")
                        .append("lockedUntil", java.util.Date.from(Instant.now()))
                        .append("expiresAt", java.util.Date.from(Instant.now().plusSeconds(3600)))
                        .append("version", 0L)
                        .append("status", 202)
                        .append("body", "{}"));

        submitWithKey(feedback(null, "SH-016", "ours"), key)
                .andExpect(status().isAccepted())
                .andExpect(MockMvcResultMatchers.header().doesNotExist("Idempotent-Replayed"));
    }

    @Test
    void listsFeedbackByFilterInEventTimeOrderOnePageAtATime() throws Exception {
        String branch = "SH-L" + UUID.randomUUID().toString().substring(0, 8);
        for (int minute = 0; minute < 5; minute++) {
            String comment = minute % 2 == 0 ? "\"comment\": \"c" + minute + "\"," : "";
            mvc.perform(post("/api/v1/feedback")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    { "branchId": "%s", "occurredAt": "2026-11-20T10:0%d:00Z", "channel": "%s", %s
                                      "csat": 4 }
                                    """.formatted(branch, minute, minute == 4 ? "WEB" : "APP", comment)))
                    .andExpect(status().isAccepted());
        }
        awaitProjectionPassed(branch);

        String page1 = mvc.perform(get("/api/v1/feedback")
                        .param("branchId", branch)
                        .param("from", "2026-11-20T10:00:00Z")
                        .param("to", "2026-11-20T11:00:00Z")
                        .param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].occurredAt").value("2026-11-20T10:00:00Z"))
                .andExpect(jsonPath("$.items[1].occurredAt").value("2026-11-20T10:01:00Z"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String cursor = JSON.readTree(page1).get("nextCursor").asString();
        String page2 = mvc.perform(get("/api/v1/feedback")
                        .param("branchId", branch)
                        .param("from", "2026-11-20T10:00:00Z")
                        .param("to", "2026-11-20T11:00:00Z")
                        .param("limit", "2")
                        .param("cursor", cursor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].occurredAt").value("2026-11-20T10:02:00Z"))
                .andExpect(jsonPath("$.items[1].occurredAt").value("2026-11-20T10:03:00Z"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        mvc.perform(get("/api/v1/feedback")
                        .param("branchId", branch)
                        .param("limit", "2")
                        .param("cursor", JSON.readTree(page2).get("nextCursor").asString()))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
        // the marker sent by awaitProjectionPassed (09:15, with a comment) lies before the range
        mvc.perform(get("/api/v1/feedback")
                        .param("branchId", branch)
                        .param("from", "2026-11-20T10:00:00Z")
                        .param("hasComment", "true"))
                .andExpect(jsonPath("$.items[*].comment").value(org.hamcrest.Matchers.contains("c0", "c2", "c4")));
        mvc.perform(get("/api/v1/feedback").param("branchId", branch).param("hasComment", "false"))
                .andExpect(jsonPath("$.items.length()").value(2));
        mvc.perform(get("/api/v1/feedback").param("branchId", branch).param("channel", "WEB"))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].occurredAt").value("2026-11-20T10:04:00Z"));
        mvc.perform(get("/api/v1/feedback")
                        .param("branchId", branch)
                        .param("from", "2026-11-20T10:03:00Z")
                        .param("to", "2026-11-20T10:04:00Z"))
                .andExpect(jsonPath("$.items.length()").value(1));
        mvc.perform(get("/api/v1/interactions").param("branchId", branch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void refusesAListQueryItCannotServe() throws Exception {
        mvc.perform(get("/api/v1/feedback").param("cursor", "not-a-cursor"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        mvc.perform(get("/api/v1/interactions").param("limit", "501"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/api/v1/feedback")
                        .param("from", "2026-11-21T00:00:00Z")
                        .param("to", "2026-11-20T00:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
    }

    private ResultActions submitWithKey(String body, String key) throws Exception {
        return mvc.perform(post("/api/v1/feedback")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .content(body));
    }

    private static String interaction(UUID eventId, String branchId, int waitSeconds) {
        return """
                { %s "branchId": "%s", "occurredAt": "2026-09-20T09:02:00Z", "channel": "PHONE",
                  "agentId": "a-12", "answered": true, "abandoned": false, "waitSeconds": %d,
                  "handleSeconds": 170, "resolvedFirstContact": true }
                """.formatted(eventId == null ? "" : "\"eventId\": \"" + eventId + "\",", branchId, waitSeconds);
    }

    /**
     * Every record matching {@code match} that precedes the marker event of the same branch: all of them, because a
     * branch's records share a partition and are read in order.
     */
    private List<ConsumerRecord<String, byte[]>> recordsBefore(
            String topic, Predicate<ConsumerRecord<String, byte[]>> match, UUID marker) {
        var props = KafkaTestUtils.consumerProps(bootstrapServers(), "it-" + UUID.randomUUID());
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            boolean[] markerSeen = {false};
            await().atMost(DEADLINE).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (hasEventId(marker).test(record)) {
                        markerSeen[0] = true;
                    } else if (!markerSeen[0] && match.test(record)) {
                        seen.add(record);
                    }
                });
                return markerSeen[0];
            });
            return seen;
        }
    }

    /** Reads {@code topic} from the beginning until {@code count} records match. */
    private List<ConsumerRecord<String, byte[]>> recordsOn(
            String topic, Predicate<ConsumerRecord<String, byte[]>> match, int count) {
        var props = KafkaTestUtils.consumerProps(bootstrapServers(), "it-" + UUID.randomUUID());
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(DEADLINE).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (match.test(record)) {
                        seen.add(record);
                    }
                });
                return seen.size() >= count;
            });
            return seen;
        }
    }

    private ResultActions submit(String body) throws Exception {
        return mvc.perform(
                post("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static String feedback(UUID eventId, String branchId, String comment) {
        return """
                { %s "branchId": "%s", "occurredAt": "2026-11-20T09:15:00Z", "channel": "COUNTER",
                  "servqual": { "reliability":    { "expectation": 7, "perception": 5 },
                                "responsiveness": { "expectation": 6, "perception": 6 } },
                  "importance": { "reliability": 40, "responsiveness": 30, "tangibles": 10,
                                  "assurance": 10, "empathy": 10 },
                  "csat": 4, "nps": 9, "ces": 6, "comment": "%s", "customerRef": "c-77f1" }
                """.formatted(eventId == null ? "" : "\"eventId\": \"" + eventId + "\",", branchId, comment);
    }

    private static FeedbackSubmitted event(UUID eventId, String branchId, String comment) {
        return new FeedbackSubmitted(
                eventId,
                "acme-bank",
                branchId,
                Instant.parse("2026-11-20T09:15:00Z"),
                1,
                Instant.parse("2026-11-20T09:15:01Z"),
                null,
                null,
                null,
                5,
                null,
                null,
                comment,
                null,
                null,
                null);
    }

    /**
     * Records of one branch share a partition and are consumed in order: once a marker sent after them is readable,
     * everything sent before it has been projected.
     */
    private UUID awaitProjectionPassed(String branchId) throws Exception {
        FeedbackSubmitted marker = event(UUID.randomUUID(), branchId, "marker");
        kafkaTemplate
                .send(Topics.FEEDBACK_SUBMITTED, marker.recordKey(), marker)
                .get();
        await().atMost(DEADLINE)
                .untilAsserted(() -> mvc.perform(get("/api/v1/feedback/{id}", marker.eventId()))
                        .andExpect(status().isOk()));
        return marker.eventId();
    }

    private long storedCopiesOf(UUID eventId) {
        return mongo.count(query(where("eventId").is(eventId.toString())), FEEDBACK_AUDIT);
    }

    private void sendRaw(String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(
                KafkaTestUtils.producerProps(bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    /** Reads {@code topic} from the beginning with a fresh consumer group until a record matches. */
    private ConsumerRecord<String, byte[]> firstRecordOn(
            String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        var props = KafkaTestUtils.consumerProps(bootstrapServers(), "it-" + UUID.randomUUID());
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(DEADLINE).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(match);
            });
            return seen.stream().filter(match).findFirst().orElseThrow();
        }
    }

    private String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }

    private static Predicate<ConsumerRecord<String, byte[]>> hasEventId(UUID eventId) {
        return record -> record.value() != null
                && new String(record.value(), StandardCharsets.UTF_8).contains("\"eventId\":\"" + eventId + "\"");
    }

    private static Predicate<ConsumerRecord<String, byte[]>> hasValue(String value) {
        return record -> record.value() != null && new String(record.value(), StandardCharsets.UTF_8).equals(value);
    }

    private static Predicate<ConsumerRecord<String, byte[]>> hasValueContaining(String json) {
        String comment = JSON.readTree(json).get("comment").asString();
        return record -> record.value() != null && new String(record.value(), StandardCharsets.UTF_8).contains(comment);
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }
}

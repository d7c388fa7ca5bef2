package io.servicequality.feedback.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.eventlog.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest path end to end against a real broker and store: a 202 means the event is on the topic, the projection
 * makes it readable, duplicates and bad records change nothing. Subclasses provide the infrastructure.
 */
@SpringBootTest(properties = "sqp.tenant-id=acme-bank")
@AutoConfigureMockMvc
abstract class FeedbackIngestIT {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();

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
    void publishesHealthAndOpenApi() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/feedback']").exists());
    }

    private ResultActions submit(String body) throws Exception {
        return mvc.perform(
                post("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static String feedback(UUID eventId, String branchId, String comment) {
        return """
                { "eventId": "%s", "branchId": "%s", "occurredAt": "2026-11-20T09:15:00Z", "channel": "COUNTER",
                  "servqual": { "reliability":    { "expectation": 7, "perception": 5 },
                                "responsiveness": { "expectation": 6, "perception": 6 } },
                  "importance": { "reliability": 40, "responsiveness": 30, "tangibles": 10,
                                  "assurance": 10, "empathy": 10 },
                  "csat": 4, "nps": 9, "ces": 6, "comment": "%s", "customerRef": "c-77f1" }
                """.formatted(eventId, branchId, comment);
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
                null);
    }

    /**
     * Records of one branch share a partition and are consumed in order: once a marker sent after them is readable,
     * everything sent before it has been projected.
     */
    private void awaitProjectionPassed(String branchId) throws Exception {
        FeedbackSubmitted marker = event(UUID.randomUUID(), branchId, "marker");
        kafkaTemplate
                .send(Topics.FEEDBACK_SUBMITTED, marker.recordKey(), marker)
                .get();
        await().atMost(DEADLINE)
                .untilAsserted(() -> mvc.perform(get("/api/v1/feedback/{id}", marker.eventId()))
                        .andExpect(status().isOk()));
    }

    private long storedCopiesOf(UUID eventId) {
        return mongo.count(query(where("eventId").is(eventId.toString())), Feedback.class);
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

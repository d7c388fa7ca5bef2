package io.servicequality.operations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.micrometer.core.instrument.MeterRegistry;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15's test: a poison message goes to the dead-letter topic through the real failure policy, is listed and
 * inspected, replayed after the fix and counted exactly once; then the pending count is 0 and a purge removes the
 * records. Dead letters mix tenants: acme-bank operates the deployment, other-bank's ADMIN sees only its own.
 */
@SpringBootTest(
        classes = DeadLetterTestApplication.class,
        properties = {
            "sqp.kafka.partitions=1",
            "sqp.operations.operator-tenant=acme-bank",
            "sqp.operations.dead-letters.pending-refresh=100ms"
        })
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class DeadLetterReplayIT {

    static final String TOPIC = Topics.FEEDBACK_SUBMITTED;
    static final String DLT = Topics.deadLetterTopicOf(TOPIC);
    static final String PATH = "/api/v1/dead-letters";
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OPERATOR = TestCredentials.bearer("acme-bank", Role.ADMIN);
    static final String OTHER_ADMIN = TestCredentials.bearer("other-bank", Role.ADMIN);
    /** Not UTF-8, not JSON: undeserialisable, and attributable to no tenant. */
    static final byte[] GARBAGE = {(byte) 0xC3, (byte) 0x28, 0x00, (byte) 0xFF, 0x7B};

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
    EmbeddedKafkaBroker broker;

    @Autowired
    DeadLetterTestApplication.FeedbackCounter listener;

    @Autowired
    MeterRegistry meters;

    @Test
    void aPoisonMessageIsDeadLetteredListedReplayedAfterTheFixCountedOnceAndPurged() throws Exception {
        UUID good = UUID.randomUUID();
        UUID acmePoison = UUID.randomUUID();
        UUID otherPoison = UUID.randomUUID();
        try (Producer<byte[], byte[]> producer = producer()) {
            send(producer, "acme-bank:SH-001", feedback(good, "acme-bank", "fine"));
            send(producer, "acme-bank:SH-001", feedback(acmePoison, "acme-bank", "poison"));
            send(producer, "other-bank:SH-001", feedback(otherPoison, "other-bank", "poison"));
            producer.send(new ProducerRecord<>(TOPIC, null, GARBAGE)).get();
        }

        // dead-lettered by the real failure policy, and counted
        await().atMost(DEADLINE)
                .untilAsserted(() ->
                        assertThat(summary(OPERATOR).get("present").asLong()).isEqualTo(3));
        assertThat(listener.timesProcessed(good)).isEqualTo(1);
        assertThat(listener.timesProcessed(acmePoison)).isZero();
        assertThat(summary(OPERATOR).get("pending").asLong()).isEqualTo(3);
        assertThat(summary(OPERATOR).get("originalTopic").asString()).isEqualTo(TOPIC);
        assertThat(meters.get("sqp.dead-letters").tag("topic", TOPIC).counter().count())
                .isEqualTo(3.0);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(pendingGauge()).isEqualTo(3.0));

        // listed and inspected: the operator sees all three, in offset order
        JsonNode page = json(perform(get(PATH + "/{topic}", DLT), OPERATOR));
        assertThat(page.get("items")).hasSize(3);
        assertThat(page.get("nextCursor").isNull()).isTrue();
        JsonNode poison = page.get("items").get(0);
        assertThat(poison.at("/key/value").asString()).isEqualTo("acme-bank:SH-001");
        assertThat(poison.at("/payload/encoding").asString()).isEqualTo("utf-8");
        assertThat(poison.at("/payload/value").asString()).contains(acmePoison.toString());
        assertThat(poison.at("/original/topic").asString()).isEqualTo(TOPIC);
        assertThat(poison.at("/original/partition").asInt()).isZero();
        assertThat(poison.at("/original/offset").asLong()).isEqualTo(1);
        assertThat(poison.at("/original/consumerGroup").asString()).isEqualTo("ops-test.feedback");
        assertThat(poison.at("/failure/exceptionClass").asString()).endsWith("ListenerExecutionFailedException");
        assertThat(poison.at("/failure/message").asString()).contains("not fixed yet");
        assertThat(poison.at("/failure/stackTrace").asString()).contains("IllegalStateException");
        assertThat(poison.get("pending").asBoolean()).isTrue();
        long acmeOffset = poison.get("offset").asLong();
        JsonNode garbage = json(perform(get(PATH + "/{topic}/0/{offset}", DLT, acmeOffset + 2), OPERATOR));
        assertThat(garbage.at("/payload/encoding").asString()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(garbage.at("/payload/value").asString()))
                .isEqualTo(GARBAGE);
        assertThat(garbage.at("/failure/exceptionClass").asString()).endsWith("DeserializationException");

        // paged one by one through the cursor
        List<Long> offsets = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode onePage = json(perform(get(PATH + "/{topic}?limit=1&cursor={c}", DLT, cursor), OPERATOR));
            onePage.get("items").forEach(item -> offsets.add(item.get("offset").asLong()));
            cursor = onePage.get("nextCursor").isNull()
                    ? null
                    : onePage.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(offsets).containsExactly(acmeOffset, acmeOffset + 1, acmeOffset + 2);

        // another tenant's ADMIN sees only its own record
        JsonNode otherPage = json(perform(get(PATH + "/{topic}", DLT), OTHER_ADMIN));
        assertThat(otherPage.get("items")).hasSize(1);
        assertThat(otherPage.at("/items/0/payload/value").asString()).contains(otherPoison.toString());
        assertThat(perform(get(PATH + "/{topic}/0/{offset}", DLT, acmeOffset), OTHER_ADMIN)
                        .getStatus())
                .isEqualTo(404);
        assertThat(perform(post(PATH + "/{topic}/0/{offset}/replay", DLT, acmeOffset), OTHER_ADMIN)
                        .getStatus())
                .isEqualTo(404);

        // the fix, then the replay: processed exactly once
        listener.fixed.set(true);
        MockHttpServletResponse replayed =
                perform(post(PATH + "/{topic}/0/{offset}/replay", DLT, acmeOffset), OPERATOR);
        assertThat(replayed.getStatus()).isEqualTo(200);
        assertThat(json(replayed).at("/records/0/replayedTo").asString()).isEqualTo(TOPIC);
        await().atMost(DEADLINE).until(() -> listener.timesProcessed(acmePoison) == 1);
        MockHttpServletResponse again = perform(post(PATH + "/{topic}/0/{offset}/replay", DLT, acmeOffset), OPERATOR);
        assertThat(again.getStatus()).as("handled already").isEqualTo(409);
        assertThat(json(again).get("type").asString()).isEqualTo("https://servicequality.io/problems/conflict");
        assertThat(json(perform(get(PATH + "/{topic}/0/{offset}", DLT, acmeOffset), OPERATOR))
                        .get("pending")
                        .asBoolean())
                .isFalse();

        // the other tenant replays all of its own: only its record
        JsonNode otherReplay = json(perform(post(PATH + "/{topic}/replay", DLT), OTHER_ADMIN));
        assertThat(otherReplay.get("count").asInt()).isEqualTo(1);
        assertThat(otherReplay.at("/records/0/offset").asLong()).isEqualTo(acmeOffset + 1);
        await().atMost(DEADLINE).until(() -> listener.timesProcessed(otherPoison) == 1);
        assertThat(json(perform(post(PATH + "/{topic}/replay", DLT), OTHER_ADMIN))
                        .get("count")
                        .asInt())
                .as("nothing of other-bank left to replay")
                .isZero();
        assertThat(summary(OPERATOR).get("pending").asLong()).isEqualTo(1);

        // the garbage cannot be fixed: the operator purges it (other tenants may not)
        assertThat(perform(delete(PATH + "/{topic}", DLT), OTHER_ADMIN).getStatus())
                .isEqualTo(403);
        JsonNode purged = json(perform(delete(PATH + "/{topic}", DLT), OPERATOR));
        assertThat(purged.get("removed").asLong()).isEqualTo(3);
        JsonNode afterPurge = summary(OPERATOR);
        assertThat(afterPurge.get("present").asLong()).isZero();
        assertThat(afterPurge.get("pending").asLong()).isZero();
        assertThat(json(perform(get(PATH + "/{topic}", DLT), OPERATOR)).get("items"))
                .isEmpty();
        assertThat(perform(get(PATH + "/{topic}/0/{offset}", DLT, acmeOffset + 2), OPERATOR)
                        .getStatus())
                .as("really removed")
                .isEqualTo(404);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(pendingGauge()).isZero());

        // every record was counted exactly once, and nothing was dead-lettered again
        assertThat(listener.processed).containsOnlyKeys(good, acmePoison, otherPoison);
        assertThat(listener.processed.values())
                .allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(meters.get("sqp.dead-letters").tag("topic", TOPIC).counter().count())
                .isEqualTo(3.0);

        // audited, each in the tenant of the ADMIN who acted
        assertThat(auditActions(OPERATOR)).contains("dead-letter.replayed", "dead-letters.purged");
        assertThat(auditActions(OTHER_ADMIN)).containsExactly("dead-letters.replayed");
    }

    @Test
    void wrongRequestsAreProblemsAndOnlyAdminsMayCall() throws Exception {
        assertProblem(perform(get(PATH + "/sqp.nothing.v1.dlt"), OPERATOR), 404, "not-found");
        assertProblem(perform(get(PATH + "/{topic}/7/0", DLT), OPERATOR), 404, "not-found");
        assertProblem(perform(get(PATH + "/{topic}/0/999999", DLT), OPERATOR), 404, "not-found");
        assertProblem(perform(post(PATH + "/{topic}/0/999999/replay", DLT), OPERATOR), 404, "not-found");
        assertProblem(perform(get(PATH + "/{topic}?limit=0", DLT), OPERATOR), 400, "validation-failed");
        assertProblem(perform(get(PATH + "/{topic}?limit=101", DLT), OPERATOR), 400, "validation-failed");
        assertProblem(perform(get(PATH + "/{topic}?cursor=nonsense", DLT), OPERATOR), 400, "validation-failed");
        assertProblem(perform(get(PATH + "/{topic}?fromOffset=3", DLT), OPERATOR), 400, "validation-failed");
        assertProblem(perform(delete(PATH + "/{topic}?upTo=0-3", DLT), OPERATOR), 400, "validation-failed");
        assertProblem(perform(delete(PATH + "/{topic}?upTo=0:999999", DLT), OPERATOR), 400, "validation-failed");
        assertProblem(perform(delete(PATH + "/{topic}?upTo=4:0", DLT), OPERATOR), 404, "not-found");
        assertProblem(perform(get(PATH), TestCredentials.bearer("acme-bank", Role.QUALITY_MANAGER)), 403, "forbidden");
        assertProblem(
                perform(post(PATH + "/{topic}/replay", DLT), TestCredentials.bearer("acme-bank", Role.VIEWER)),
                403,
                "forbidden");
        assertProblem(perform(get(PATH), null), 401, "unauthenticated");
        // by the name of the topic it holds the dead letters of, too
        assertThat(json(perform(get(PATH + "/{topic}", TOPIC), OPERATOR))
                        .get("topic")
                        .asString())
                .isEqualTo(DLT);
        assertThat(json(perform(get(PATH), OPERATOR)).at("/items/0/topic").asString())
                .isEqualTo(DLT);
    }

    private JsonNode summary(String credential) throws Exception {
        JsonNode items = json(perform(get(PATH), credential)).get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private double pendingGauge() {
        return meters.get("sqp.dead-letters.pending")
                .tag("topic", TOPIC)
                .gauge()
                .value();
    }

    private List<String> auditActions(String credential) throws Exception {
        List<String> actions = new ArrayList<>();
        json(perform(get("/api/v1/audit"), credential))
                .get("items")
                .forEach(entry -> actions.add(entry.get("action").asString()));
        return actions;
    }

    private static void assertProblem(MockHttpServletResponse response, int status, String type) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo("https://servicequality.io/problems/" + type);
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String credential) throws Exception {
        if (credential != null) {
            request.header("Authorization", credential);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isLessThan(500);
        return JSON.readTree(response.getContentAsString());
    }

    private Producer<byte[], byte[]> producer() {
        Map<String, Object> configs = KafkaTestUtils.producerProps(broker);
        return new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(Producer<byte[], byte[]> producer, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(
                        TOPIC, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static String feedback(UUID eventId, String tenant, String comment) {
        return """
                {"eventId": "%s", "tenantId": "%s", "branchId": "SH-001", "occurredAt": "2026-11-20T09:15:00Z",
                 "schemaVersion": 1, "receivedAt": "2026-11-20T09:15:02Z", "channel": "COUNTER", "csat": 4,
                 "comment": "%s"}""".formatted(eventId, tenant, comment);
    }
}

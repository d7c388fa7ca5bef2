package io.servicequality.feedback.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.test.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a write the broker did not confirm is true, and a client that acts on it ends exact. The broker keeps
 * receiving and appending, but its answers are held (a broker frozen after the append, or a network that lost the way
 * back): posts without an eventId are answered 503 with the eventId the server made up and {@code outcome} UNKNOWN —
 * and some of those events are indeed on the log before anyone retries, which the old answer ("nothing was accepted")
 * denied. No event answered NOT_WRITTEN is. The client then resends every 503 with the eventId it was given until it
 * is accepted: each event is stored exactly once by the service's own consumer.
 */
@Import(TestCredentials.DefaultAdmin.class)
@SpringBootTest(
        properties = {
            "spring.kafka.producer.properties.max.block.ms=1500",
            "spring.kafka.producer.properties.request.timeout.ms=1000",
            "spring.kafka.producer.properties.delivery.timeout.ms=2000",
            "spring.kafka.producer.properties.reconnect.backoff.max.ms=200",
            "sqp.kafka.ack-timeout=3s",
            "sqp.kafka.retry-after=1s"
        })
@AutoConfigureMockMvc
class UnconfirmedWritesIT {

    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final String BRANCH = "SH-777";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TcpProxy PROXY = new TcpProxy(TcpProxy.freePort());
    static final EmbeddedKafkaKraftBroker BROKER = PROXY.startBrokerBehind();
    static final EmbeddedStore STORE = EmbeddedStore.inMemory();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + PROXY.port());
        registry.add("spring.mongodb.uri", STORE::connectionString);
    }

    @AfterAll
    static void stop() {
        PROXY.close();
        BROKER.destroy();
        STORE.close();
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aClientThatResendsEvery503WithItsEventIdEndsWithEachEventStoredOnce() throws Exception {
        // the producer is connected and the topic known before the answers stop
        List<UUID> confirmed = new ArrayList<>();
        confirmed.add(eventIdOf(postSingle(feedback(null)), 202));

        Map<UUID, String> unconfirmed = new LinkedHashMap<>();
        PROXY.holdAnswers();
        try {
            for (int post = 0; post < 3; post++) {
                JsonNode problem = JSON.readTree(expectStatus(postSingle(feedback(null)), 503));
                assertThat(problem.get("type").asString()).endsWith("/dependency-unavailable");
                unconfirmed.put(
                        UUID.fromString(problem.get("eventId").asString()),
                        problem.get("outcome").asString());
            }
            MockHttpServletResponse batch = postBatch("[" + feedback(null) + "," + feedback(null) + "]");
            assertThat(batch.getStatus()).isEqualTo(503);
            for (JsonNode item : JSON.readTree(batch.getContentAsString()).get("results")) {
                assertThat(item.get("status").asString()).isEqualTo("UNAVAILABLE");
                unconfirmed.put(
                        UUID.fromString(item.get("eventId").asString()),
                        item.get("outcome").asString());
            }
        } finally {
            PROXY.releaseAnswers();
        }
        assertThat(unconfirmed).hasSize(5);
        assertThat(unconfirmed.values())
                .allMatch(outcome -> outcome.equals("UNKNOWN") || outcome.equals("NOT_WRITTEN"));

        // before any retry: what the broker appended although nobody heard it confirmed
        UUID marker = UUID.randomUUID();
        awaitAccepted(feedback(marker));
        confirmed.add(marker);
        Map<UUID, Integer> onTheLog = recordsUpTo(marker);
        Set<UUID> writtenUnheard = new HashSet<>(unconfirmed.keySet());
        writtenUnheard.retainAll(onTheLog.keySet());
        assertThat(writtenUnheard)
                .as("events answered 503 that were written all the same")
                .isNotEmpty()
                .allMatch(id -> unconfirmed.get(id).equals("UNKNOWN"));

        // the client resends each 503 with the eventId it was given, until it is accepted
        for (UUID eventId : unconfirmed.keySet()) {
            awaitAccepted(feedback(eventId));
        }
        Set<UUID> every = new HashSet<>(confirmed);
        every.addAll(unconfirmed.keySet());

        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(stored()).containsExactlyInAnyOrderElementsOf(every));
        UUID last = UUID.randomUUID();
        awaitAccepted(feedback(last));
        Map<UUID, Integer> finalLog = recordsUpTo(last);
        assertThat(finalLog.keySet()).containsAll(every);
        assertThat(finalLog.values().stream().mapToInt(Integer::intValue).sum())
                .as("records on the log: the resent ones may be there twice, which consumers count once")
                .isGreaterThanOrEqualTo(every.size());
    }

    /** The eventIds the service's audit projection holds for the branch (one document per tenant and eventId). */
    private List<UUID> stored() throws Exception {
        String page = mvc.perform(
                        get("/api/v1/feedback").param("branchId", BRANCH).param("limit", "100"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<UUID> ids = new ArrayList<>();
        for (JsonNode item : JSON.readTree(page).get("items")) {
            ids.add(UUID.fromString(item.get("eventId").asString()));
        }
        return ids;
    }

    /** How often each eventId is on the feedback topic, up to the marker (one branch: one partition, in order). */
    private Map<UUID, Integer> recordsUpTo(UUID marker) {
        var props = KafkaTestUtils.consumerProps(BROKER.getBrokersAsString(), "it-" + UUID.randomUUID());
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FEEDBACK_SUBMITTED));
            Map<UUID, Integer> counts = new HashMap<>();
            await().atMost(DEADLINE).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
                    counts.merge(UUID.fromString(event.get("eventId").asString()), 1, Integer::sum);
                }
                return counts.containsKey(marker);
            });
            return counts;
        }
    }

    /** Posts until accepted; the body names its eventId, so the repeats are one event. */
    private void awaitAccepted(String body) {
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> postSingle(body).getStatus() == 202);
    }

    private static UUID eventIdOf(MockHttpServletResponse response, int status) throws Exception {
        return UUID.fromString(
                JSON.readTree(expectStatus(response, status)).get("eventId").asString());
    }

    private static String expectStatus(MockHttpServletResponse response, int status) throws Exception {
        String body = response.getContentAsString();
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        return body;
    }

    private MockHttpServletResponse postSingle(String body) throws Exception {
        return mvc.perform(post("/api/v1/feedback")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse postBatch(String body) throws Exception {
        return mvc.perform(post("/api/v1/feedback/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
    }

    private static String feedback(UUID eventId) {
        String id = eventId == null ? "" : "\"eventId\": \"" + eventId + "\", ";
        return """
                { %s"branchId": "%s", "occurredAt": "2026-11-20T09:15:00Z", "csat": 4 }
                """.formatted(id, BRANCH);
    }
}

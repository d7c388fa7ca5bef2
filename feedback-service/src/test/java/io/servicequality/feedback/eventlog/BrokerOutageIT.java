package io.servicequality.feedback.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.test.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Log-first under a broker outage: while the broker cannot be reached nothing is accepted (503 with Retry-After, for
 * single and batch posts); once it is back the client's retries are accepted, and every event is on the topic exactly
 * once. Readiness goes DOWN while the broker is away and UP once it is back; liveness stays UP. The broker advertises a
 * proxy's port, so cutting the proxy makes the broker unreachable for the service.
 */
@Import(TestCredentials.DefaultAdmin.class)
@SpringBootTest(
        properties = {
            "spring.kafka.listener.auto-startup=false",
            "spring.kafka.producer.properties.max.block.ms=1500",
            "spring.kafka.producer.properties.request.timeout.ms=1000",
            "spring.kafka.producer.properties.delivery.timeout.ms=2000",
            "spring.kafka.producer.properties.reconnect.backoff.max.ms=200",
            "sqp.kafka.ack-timeout=3s",
            "sqp.kafka.retry-after=2s"
        })
@AutoConfigureMockMvc
class BrokerOutageIT {

    static final Duration DEADLINE = Duration.ofSeconds(60);
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
    void acceptsNothingWhileTheBrokerIsUnreachableAndEverythingOnceWhenItIsBack() throws Exception {
        UUID before = UUID.randomUUID();
        UUID during = UUID.randomUUID();
        UUID batched = UUID.randomUUID();
        submit(feedback(before)).andExpect(status().isAccepted());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());

        PROXY.cut();
        try {
            // not ready while the broker is away (nothing could be accepted), yet alive: no restart would help
            await().atMost(DEADLINE)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> mvc.perform(get("/actuator/health/readiness"))
                            .andExpect(status().isServiceUnavailable())
                            .andExpect(jsonPath("$.status").value("DOWN")));
            mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
            submit(feedback(during))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "2"))
                    .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/dependency-unavailable"));
            submitBatch("[" + feedback(batched) + "]").andExpect(status().isServiceUnavailable());
        } finally {
            PROXY.start();
        }

        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> mvc.perform(get("/actuator/health/readiness"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value("UP")));

        // the client retries with the same eventIds until the broker acknowledges
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> submit(feedback(during)).andExpect(status().isAccepted()));
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> submitBatch("[" + feedback(batched) + "]")
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.accepted").value(1)));
        UUID marker = UUID.randomUUID();
        submit(feedback(marker)).andExpect(status().isAccepted());

        List<String> values = valuesUpTo(marker);
        assertThat(values.stream().filter(v -> v.contains(before.toString()))).hasSize(1);
        assertThat(values.stream().filter(v -> v.contains(during.toString()))).hasSize(1);
        assertThat(values.stream().filter(v -> v.contains(batched.toString()))).hasSize(1);
    }

    /** Everything on the feedback topic up to the marker (same branch, so same partition, read in order). */
    private List<String> valuesUpTo(UUID marker) {
        var props = KafkaTestUtils.consumerProps(BROKER.getBrokersAsString(), "it-" + UUID.randomUUID());
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FEEDBACK_SUBMITTED));
            List<String> values = new ArrayList<>();
            await().atMost(DEADLINE).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
                return values.stream().anyMatch(v -> v.contains(marker.toString()));
            });
            return values;
        }
    }

    private ResultActions submit(String body) throws Exception {
        return mvc.perform(
                post("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions submitBatch(String body) throws Exception {
        return mvc.perform(post("/api/v1/feedback/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static String feedback(UUID eventId) {
        return """
                { "eventId": "%s", "branchId": "SH-900", "occurredAt": "2026-11-20T09:15:00Z", "csat": 4 }
                """.formatted(eventId);
    }
}

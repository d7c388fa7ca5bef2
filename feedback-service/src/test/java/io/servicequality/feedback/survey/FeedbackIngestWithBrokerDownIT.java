package io.servicequality.feedback.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.test.TestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Nothing listens on port 1: the broker is unreachable, so nothing can be made durable. The producer settings are
 * the application's own, so this also proves they turn a dead broker into an answer within seconds (Kafka's default
 * would block for a minute).
 */
@Import(TestCredentials.DefaultAdmin.class)
@SpringBootTest(
        properties = {
            "spring.kafka.bootstrap-servers=localhost:1",
            "spring.kafka.listener.auto-startup=false",
            "spring.kafka.admin.auto-create=false",
            "sqp.kafka.retry-after=7s"
        })
@AutoConfigureMockMvc
class FeedbackIngestWithBrokerDownIT {

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

    @Test
    void answersServiceUnavailableWithinSecondsAndAcceptsNothing() throws Exception {
        UUID eventId = UUID.randomUUID();
        Instant start = Instant.now();

        mvc.perform(post("/api/v1/feedback")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                { "eventId": "%s", "branchId": "SH-001", "occurredAt": "2026-11-20T09:15:00Z",
                                  "csat": 4 }
                                """.formatted(eventId)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/dependency-unavailable"))
                .andExpect(jsonPath("$.status").value(503));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        mvc.perform(get("/api/v1/feedback/{id}", eventId)).andExpect(status().isNotFound());
    }
}

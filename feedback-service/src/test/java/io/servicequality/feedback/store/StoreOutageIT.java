package io.servicequality.feedback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.security.test.TestCredentials;
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
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The store goes away: requests that need it (an Idempotency-Key claim, reads) get 503 with Retry-After, nothing is
 * published, and after a few failures the circuit breaker opens so that later requests are refused without waiting
 * for the driver.
 */
@Import(TestCredentials.DefaultAdmin.class)
@SpringBootTest(
        properties = {
            "spring.kafka.bootstrap-servers=localhost:1",
            "spring.kafka.listener.auto-startup=false",
            "spring.kafka.admin.auto-create=false",
            "sqp.store.server-selection-timeout=300ms",
            "resilience4j.circuitbreaker.instances.store.minimum-number-of-calls=3",
            "resilience4j.circuitbreaker.instances.store.wait-duration-in-open-state=7s"
        })
@AutoConfigureMockMvc
class StoreOutageIT {

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
    CircuitBreakerRegistry breakers;

    @MockitoBean
    EventLog eventLog;

    @Test
    void answers503WithRetryAfterWhileTheStoreIsDownAndPublishesNothing() throws Exception {
        STORE.close();

        for (int i = 0; i < 3; i++) {
            submitWithKey("key-" + i)
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/dependency-unavailable"));
        }
        assertThat(breakers.circuitBreaker("store").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        submitWithKey("key-after-open")
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"));
        mvc.perform(get("/api/v1/feedback/{id}", UUID.randomUUID()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"));
        verifyNoInteractions(eventLog);
    }

    private ResultActions submitWithKey(String key) throws Exception {
        return mvc.perform(post("/api/v1/feedback")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .content("""
                        { "branchId": "SH-001", "occurredAt": "2026-11-20T09:15:00Z", "csat": 4 }
                        """));
    }
}

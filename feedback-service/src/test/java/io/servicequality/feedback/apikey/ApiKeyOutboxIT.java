package io.servicequality.feedback.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.ApiKeySecrets;
import io.servicequality.security.test.TestCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The outbox of API key changes: a change a crashed run stored but did not publish is published by the next round of
 * the relay (rounds are an hour apart here, so the test runs the round itself).
 */
@SpringBootTest(properties = "sqp.api-keys.outbox-interval=1h")
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ApiKeyOutboxIT {

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
    private MockMvc mvc;

    @Autowired
    private MongoOperations mongo;

    @Autowired
    private Clock clock;

    @Autowired
    private ApiKeys apiKeys;

    @Test
    void aKeyIssuedJustBeforeACrashWorksOnceTheRestartedServicePublishesIt() throws Exception {
        ApiKeySecrets.NewKey secret = ApiKeySecrets.generate();
        // stored with its change in the outbox, but the process died before publishing it
        mongo.insert(ApiKey.issue(
                secret.keyId(),
                TestCredentials.TENANT,
                "kiosk stored before a crash",
                secret.secretHash(),
                List.of(),
                List.of("feedback:write"),
                clock.instant(),
                "test-admin"));
        assertThat(postFeedbackWith(secret.key()))
                .as("not published, so unknown")
                .isEqualTo(401);

        apiKeys.publishPending();

        await().atMost(Duration.ofSeconds(30)).until(() -> postFeedbackWith(secret.key()) == 202);
        assertThat(mongo.findById(secret.keyId(), ApiKey.class).pendingEventId())
                .as("published, so out of the outbox")
                .isNull();
    }

    private int postFeedbackWith(String key) throws Exception {
        return mvc.perform(post("/api/v1/feedback")
                        .header("Authorization", "ApiKey " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"branchId\": \"SH-001\", \"occurredAt\": \"%s\", \"csat\": 4}"
                                .formatted(clock.instant())))
                .andReturn()
                .getResponse()
                .getStatus();
    }
}

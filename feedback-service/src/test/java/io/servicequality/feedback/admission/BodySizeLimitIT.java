package io.servicequality.feedback.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.feedback.eventlog.WriteOutcome;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over real HTTP (the limit must hold for chunked bodies too, which carry no Content-Length). The log is mocked:
 * what matters is that nothing reaches it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=localhost:1",
            "spring.kafka.listener.auto-startup=false",
            "spring.kafka.admin.auto-create=false",
            "sqp.security.limits.max-body-size=2KB",
            "sqp.security.limits.max-batch-body-size=16KB"
        })
class BodySizeLimitIT {

    static final EmbeddedStore STORE = EmbeddedStore.inMemory();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STORE::connectionString);
    }

    @AfterAll
    static void stopStore() {
        STORE.close();
    }

    @LocalServerPort
    int port;

    @MockitoBean
    EventLog eventLog;

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        HttpResponse<String> response = post("/api/v1/feedback", feedback("x".repeat(3000)), false);

        assertTooLarge(response);
        verifyNoInteractions(eventLog);
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWith413() throws Exception {
        HttpResponse<String> response = post("/api/v1/feedback", feedback("x".repeat(3000)), true);

        assertTooLarge(response);
        verifyNoInteractions(eventLog);
    }

    @Test
    void acceptsABodyUnderTheLimit() throws Exception {
        HttpResponse<String> response = post("/api/v1/feedback", feedback("x".repeat(1000)), true);

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void batchesHaveTheirOwnLargerLimit() throws Exception {
        given(eventLog.appendAll(any(), anyList()))
                .willAnswer(
                        call -> Collections.nCopies(call.<List<?>>getArgument(1).size(), WriteOutcome.WRITTEN));
        String item = feedback("x".repeat(1000));

        assertThat(post("/api/v1/feedback/batch", "[" + item + "," + item + "]", false)
                        .statusCode())
                .isEqualTo(200);
        assertTooLarge(
                post("/api/v1/interactions/batch", "[" + String.join(",", Collections.nCopies(20, item)) + "]", true));
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://servicequality.io/problems/payload-too-large");
        assertThat(problem.get("status").asInt()).isEqualTo(413);
    }

    private HttpResponse<String> post(String path, String body, boolean chunked) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", TestCredentials.bearer(TestCredentials.TENANT, Role.ADMIN))
                        .POST(publisher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String feedback(String comment) {
        return """
                { "branchId": "SH-001", "occurredAt": "2026-11-20T09:15:00Z", "csat": 4, "comment": "%s" }
                """.formatted(comment);
    }
}

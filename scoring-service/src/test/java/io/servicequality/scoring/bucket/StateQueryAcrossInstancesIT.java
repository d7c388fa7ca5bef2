package io.servicequality.scoring.bucket;

import static io.servicequality.scoring.bucket.TestEvents.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.scoring.ScoringServiceApplication;
import io.servicequality.scoring.statequery.StateOwners;
import io.servicequality.security.test.TestCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.support.JacksonMapperUtils;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of scoring-service share the partitions of a real (embedded KRaft) broker; each holds the state of
 * its own branches. Either instance answers the bucket API for every branch and target attainment for the tenant,
 * forwarding to the instance that holds the state, with the same answer as that instance gives itself.
 */
@EmbeddedKafka(partitions = 3)
class StateQueryAcrossInstancesIT {

    private static final JsonMapper JSON = JacksonMapperUtils.enhancedJsonMapper();
    private static final int BRANCHES = 12;
    private static final int EVENTS_PER_BRANCH = 5;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedStore store;

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (store != null) {
            store.close();
        }
    }

    @Test
    void eitherInstanceAnswersForEveryBranchFromTheStateOfTheInstanceHoldingIt(EmbeddedKafkaBroker broker)
            throws Exception {
        store = EmbeddedStore.inMemory();
        int first = freePort();
        int second = freePort();
        instances.add(start(broker, first));
        instances.add(start(broker, second));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        Map<String, Integer> expected = new HashMap<>();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int branch = 0; branch < BRANCHES; branch++) {
                String branchId = "QB-" + branch;
                for (int i = 0; i < EVENTS_PER_BRANCH + branch; i++) {
                    FeedbackSubmitted event = feedback(branchId, hour.plusSeconds(60L * i), 4, 9, 2);
                    producer.send(new ProducerRecord<>(
                            Topics.FEEDBACK_SUBMITTED, event.recordKey(), JSON.writeValueAsString(event)));
                }
                expected.put(branchId, EVENTS_PER_BRANCH + branch);
            }
        }
        String target =
                post(first, "/api/v1/targets", "{\"metric\":\"csat.percent\",\"bound\":\"AT_LEAST\",\"value\":80}");

        await().atMost(120, TimeUnit.SECONDS)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (var branch : expected.entrySet()) {
                        String query = "?branchId=" + branch.getKey() + "&from=" + hour + "&to="
                                + hour.plus(Duration.ofHours(1));
                        JsonNode fromFirst = get(first, "/api/v1/buckets" + query);
                        JsonNode fromSecond = get(second, "/api/v1/buckets" + query);
                        assertThat(fromFirst).isEqualTo(fromSecond);
                        // empty while the owning instance is still restoring or has not counted yet: wait, don't throw
                        assertThat(fromFirst.size())
                                .as(branch.getKey() + " buckets")
                                .isEqualTo(1);
                        assertThat(fromFirst
                                        .get(0)
                                        .path("statistics")
                                        .path("feedbackCount")
                                        .asInt())
                                .as(branch.getKey())
                                .isEqualTo(branch.getValue());
                        JsonNode attainmentFromFirst = get(first, "/api/v1/targets/attainment" + query);
                        assertThat(attainmentFromFirst).isEqualTo(get(second, "/api/v1/targets/attainment" + query));
                        assertThat(attainmentFromFirst.size())
                                .as(branch.getKey() + " attainment")
                                .isEqualTo(1);
                        assertThat(attainmentFromFirst
                                        .get(0)
                                        .path("target")
                                        .path("id")
                                        .asString())
                                .isEqualTo(JSON.readTree(target).path("id").asString());
                        assertThat(attainmentFromFirst.get(0).path("n").asInt()).isEqualTo(branch.getValue());
                    }
                });

        // the answers above were forwarded: each instance holds only some of the branches
        StateOwners owners = instances.get(0).getBean(StateOwners.class);
        long heldElsewhere = expected.keySet().stream()
                .filter(branch -> owners.remoteOwnerOf(
                                CountingTopology.HOUR_BUCKETS, Topics.recordKey(TestEvents.TENANT, branch))
                        .isPresent())
                .count();
        assertThat(heldElsewhere).isBetween(1L, (long) BRANCHES - 1);
    }

    private ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, int port) throws IOException {
        return new SpringApplicationBuilder(ScoringServiceApplication.class)
                // as arguments: these take precedence over the service's application.yml
                .run(
                        "--server.port=" + port,
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--spring.mongodb.uri=" + store.connectionString(),
                        "--spring.kafka.streams.state-dir=" + Files.createTempDirectory("scoring-" + port),
                        "--sqp.kafka.partitions=3",
                        "--logging.level.org.apache.kafka=warn",
                        "--logging.level.kafka=warn",
                        "--logging.level.state.change.logger=warn");
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", TestCredentials.admin())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String post(int port, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", TestCredentials.admin())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

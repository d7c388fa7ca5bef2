package io.servicequality.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.test.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of reporting-service on one broker and one store: the partitions of the metric topic are split between
 * their read models, yet a live-stream client of either instance receives every branch's updates, in order, and resumes
 * from its Last-Event-ID; every view of either instance counts every branch. Minute buckets of the last hour are kept
 * in memory by every instance, and a new instance reads them back from the topic.
 */
class LiveFanOutIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String TENANT = TestCredentials.TENANT;
    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    private static final int BRANCHES = 12;

    private static final EmbeddedKafkaBroker KAFKA =
            new EmbeddedKafkaKraftBroker(1, 3).brokerProperty("group.initial.rebalance.delay.ms", "0");
    private static final EmbeddedStore STORE = EmbeddedStore.inMemory();
    private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startTwoInstances() {
        KAFKA.afterPropertiesSet();
        for (int i = 0; i < 2; i++) {
            // arguments, not default properties: they must win over application.yml
            INSTANCES.add(new SpringApplicationBuilder(ReportingServiceApplication.class)
                    .run(
                            "--server.port=0",
                            "--spring.kafka.bootstrap-servers=" + KAFKA.getBrokersAsString(),
                            "--spring.mongodb.uri=" + STORE.connectionString(),
                            "--sqp.live.heartbeat=1s",
                            // one read-model consumer each, so that the three partitions are split between them
                            "--sqp.read-model.consumers=1"));
        }
    }

    @AfterAll
    static void stop() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
        KAFKA.destroy();
        STORE.close();
    }

    @Test
    void aClientOfEitherInstanceSeesEveryBranchInOrderAndResumesAndEveryViewCountsEveryBranch() throws Exception {
        try (SseReader first = SseReader.open(http, uri(0, "/api/v1/live"), null);
                SseReader second = SseReader.open(http, uri(1, "/api/v1/live"), null);
                var producer = producer()) {
            await().atMost(DEADLINE).until(() -> first.connected() && second.connected());
            // both instances' read models own some of the partitions
            await().atMost(DEADLINE)
                    .until(() -> INSTANCES.stream()
                            .allMatch(instance ->
                                    !assignedMetricPartitions(instance).isEmpty()));

            for (long revision = 1; revision <= 3; revision++) {
                for (int b = 0; b < BRANCHES; b++) {
                    MetricUpdated update = update(branch(b), revision, revision * 100 + b);
                    producer.send(new ProducerRecord<>(
                                    Topics.METRIC_UPDATED, update.recordKey(), json.writeValueAsString(update)))
                            .get();
                }
            }

            List<SseReader.Event> seenByFirst = take(first, 3 * BRANCHES);
            List<SseReader.Event> seenBySecond = take(second, 3 * BRANCHES);
            for (List<SseReader.Event> seen : List.of(seenByFirst, seenBySecond)) {
                Map<String, List<Long>> revisionsByBranch = new LinkedHashMap<>();
                for (SseReader.Event event : seen) {
                    JsonNode data = json.readTree(event.data());
                    revisionsByBranch
                            .computeIfAbsent(data.get("branchId").asString(), b -> new ArrayList<>())
                            .add(data.get("revision").asLong());
                }
                assertThat(revisionsByBranch).hasSize(BRANCHES);
                revisionsByBranch
                        .values()
                        .forEach(revisions -> assertThat(revisions).containsExactly(1L, 2L, 3L));
            }

            // a client of the second instance that lost its connection after the twelfth event resumes after it
            try (SseReader resumed = SseReader.open(
                    http, uri(1, "/api/v1/live"), seenBySecond.get(11).id())) {
                List<SseReader.Event> replayed = take(resumed, 3 * BRANCHES - 12);
                assertThat(replayed.stream().map(SseReader.Event::id))
                        .containsExactlyElementsOf(seenBySecond.subList(12, 3 * BRANCHES).stream()
                                .map(SseReader.Event::id)
                                .toList());
            }
        }

        // whichever instance wrote a branch, both answer with every branch's newest revision
        long expected = IntStream.range(0, BRANCHES).mapToLong(b -> 300 + b).sum();
        for (int instance = 0; instance < 2; instance++) {
            int i = instance;
            await().atMost(DEADLINE)
                    .until(() -> scorecard(i).path("complaints").path("opened").asLong(), opened -> opened == expected);
        }
    }

    @Test
    void everyInstanceKeepsTheLastHoursMinutesAndANewInstanceReadsThemBackFromTheTopic() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant first = now.minus(Duration.ofMinutes(5));
        Instant second = now.minus(Duration.ofMinutes(4));
        try (var producer = producer()) {
            for (int b = 0; b < 4; b++) {
                String branch = "MINUTE-" + b;
                // revision 2 of each minute wins over revision 1, whichever is read last
                send(producer, update(branch, Granularity.MINUTE, first, 2, 20 + b));
                send(producer, update(branch, Granularity.MINUTE, first, 1, 10 + b));
                send(producer, update(branch, Granularity.MINUTE, second, 1, 30 + b));
                // neither a minute of two hours ago nor an hour bucket is a minute of the last hour
                send(producer, update(branch, Granularity.MINUTE, now.minus(Duration.ofHours(2)), 1, 1000));
                send(producer, update(branch, Granularity.HOUR, now.truncatedTo(ChronoUnit.HOURS), 1, 1000));
            }
        }
        String minutes = "/api/v1/reports/trends?granularity=minute&from=" + now.minus(Duration.ofMinutes(30)) + "&to="
                + now.plus(Duration.ofMinutes(1));
        Map<Instant, Long> expected = Map.of(first, 20L + 21 + 22 + 23, second, 30L + 31 + 32 + 33);
        for (int instance = 0; instance < 2; instance++) {
            int i = instance;
            await().atMost(DEADLINE).until(() -> openedPerMinute(get(i, minutes)), expected::equals);
            assertThat(openedPerMinute(get(i, minutes + "&branchId=MINUTE-1")))
                    .isEqualTo(Map.of(first, 21L, second, 31L));
        }
        JsonNode tooOld = json.readTree(send(
                        0,
                        "/api/v1/reports/trends?granularity=minute&from=" + now.minus(Duration.ofHours(2)) + "&to="
                                + now)
                .body());
        assertThat(tooOld.path("status").asInt()).isEqualTo(400);
        assertThat(tooOld.path("errors").toString()).contains("last 60 minutes");

        try (var third = new SpringApplicationBuilder(ReportingServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + KAFKA.getBrokersAsString(),
                        "--spring.mongodb.uri=" + STORE.connectionString())) {
            String port = third.getEnvironment().getProperty("local.server.port");
            URI uri = URI.create("http://localhost:" + port + minutes);
            await().atMost(DEADLINE).until(() -> get(uri).path("complete").asBoolean());
            assertThat(openedPerMinute(get(uri))).isEqualTo(expected);
        }
    }

    private Map<Instant, Long> openedPerMinute(JsonNode trend) {
        assertThat(trend.path("granularity").asString()).isEqualTo("MINUTE");
        Map<Instant, Long> opened = new LinkedHashMap<>();
        trend.path("points")
                .forEach(point -> opened.put(
                        Instant.parse(point.path("start").asString()),
                        point.path("complaintsOpened").asLong()));
        return opened;
    }

    private JsonNode get(int instance, String path) throws Exception {
        return get(uri(instance, path));
    }

    private JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", TestCredentials.admin())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(int instance, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(instance, path))
                        .header("Authorization", TestCredentials.admin())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void send(KafkaProducer<String, String> producer, MetricUpdated update) throws Exception {
        producer.send(new ProducerRecord<>(Topics.METRIC_UPDATED, update.recordKey(), json.writeValueAsString(update)))
                .get();
    }

    private static List<SseReader.Event> take(SseReader stream, int count) throws InterruptedException {
        List<SseReader.Event> events = new ArrayList<>();
        while (events.size() < count) {
            SseReader.Event event = stream.next(DEADLINE);
            if (event.name().equals("metric")) {
                events.add(event);
            }
        }
        return events;
    }

    private JsonNode scorecard(int instance) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(
                                instance,
                                "/api/v1/reports/scorecard?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z"))
                        .header("Authorization", TestCredentials.admin())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<?> assignedMetricPartitions(ConfigurableApplicationContext instance) {
        var registry = instance.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class);
        var assigned = registry.getListenerContainer("reporting-metric-buckets").getAssignedPartitions();
        return assigned == null ? List.of() : List.copyOf(assigned);
    }

    private static URI uri(int instance, String path) {
        String port = INSTANCES.get(instance).getEnvironment().getProperty("local.server.port");
        return URI.create("http://localhost:" + port + path);
    }

    private static String branch(int b) {
        return "FAN-" + b;
    }

    private static MetricUpdated update(String branch, long revision, long opened) {
        return update(branch, Granularity.HOUR, NINE, revision, opened);
    }

    private static MetricUpdated update(
            String branch, Granularity granularity, Instant start, long revision, long opened) {
        return new MetricUpdated(
                MetricUpdated.eventIdOf(TENANT, branch, granularity, start, revision),
                TENANT,
                branch,
                start.plusSeconds(revision),
                MetricUpdated.SCHEMA_VERSION,
                granularity,
                start,
                revision,
                new BucketStatistics(0, null, null, null, null, new ComplaintStatistics(opened), null, null));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }
}

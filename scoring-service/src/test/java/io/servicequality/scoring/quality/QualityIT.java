package io.servicequality.scoring.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Targets and alert rules end to end: feedback events produced to Kafka become hour statistics, published, read back
 * by the alerting feature, judged against the rules, and raised and cleared once per episode on the alerts topic.
 */
@SpringBootTest(
        properties = {
            "sqp.tenant-id=" + QualityIT.TENANT,
            "logging.level.org.apache.kafka=warn",
            "logging.level.kafka=warn",
            "logging.level.state.change.logger=warn"
        })
@AutoConfigureMockMvc
abstract class QualityIT {

    static final String TENANT = "acme-bank";

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    MockMvcTester mvc;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void openProducer() {
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void raisesAThresholdAlertOnceAndClearsItOnceWithoutFlappingInsideTheHysteresisBand() {
        String branch = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        String rule = created(post("/api/v1/alert-rules", """
                {"branchId": "%s", "metric": "csat.percent", "kind": "THRESHOLD", "direction": "BELOW",
                 "threshold": 80, "minN": 5, "hysteresis": 5, "severity": "CRITICAL"}
                """.formatted(branch)));
        String target = created(post("/api/v1/targets", """
                {"branchId": "%s", "metric": "csat.percent", "bound": "AT_LEAST", "value": 80}
                """.formatted(branch)));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);

        // 10 unhappy answers: CSAT 0 %, below 80 with n = 10 ≥ 5
        produceFeedback(branch, hour, 10, 2);
        eventually().untilAsserted(() -> assertThat(alertsOf(branch)).hasSize(1));

        // 41 happy ones: 41 / 51 = 80.4 %, above the threshold but inside the 5-point band: stays raised
        produceFeedback(branch, hour, 41, 5);
        eventually().untilAsserted(() -> assertThat(observedCsat(branch, hour)).isEqualTo(100.0 * 41 / 51));
        assertThat(attained(branch, hour, target)).isTrue();
        // 2 unhappy: 41 / 53 = 77.4 %, below again while raised: no second raise
        produceFeedback(branch, hour, 2, 1);
        eventually().untilAsserted(() -> assertThat(observedCsat(branch, hour)).isEqualTo(100.0 * 41 / 53));
        // 40 happy: 81 / 93 = 87.1 % ≥ 85: cleared
        produceFeedback(branch, hour, 40, 4);

        eventually().untilAsserted(() -> assertThat(alertsOf(branch)).hasSize(2));
        List<AlertEvent> alerts = alertsOf(branch);
        assertThat(alerts.get(0)).isInstanceOfSatisfying(AlertRaised.class, raised -> {
            assertThat(raised.ruleId()).isEqualTo(rule);
            assertThat(raised.metric()).isEqualTo("csat.percent");
            assertThat(raised.observedValue()).isEqualTo(0.0);
            assertThat(raised.threshold()).isEqualTo(80.0);
            assertThat(raised.n()).isEqualTo(10);
            assertThat(raised.severity()).isEqualTo(AlertEvent.Severity.CRITICAL);
            assertThat(raised.window()).isEqualTo(new AlertEvent.AlertWindow(hour, hour.plus(Duration.ofHours(1))));
        });
        assertThat(alerts.get(1)).isInstanceOfSatisfying(AlertCleared.class, cleared -> {
            assertThat(cleared.alertId()).isEqualTo(alerts.get(0).alertId());
            assertThat(cleared.observedValue()).isEqualTo(100.0 * 81 / 93);
            assertThat(cleared.n()).isEqualTo(93);
        });
    }

    @Test
    void managesRulesAndTargetsAndRejectsIncompleteOnes() {
        MvcTestResult incomplete = post("/api/v1/alert-rules", """
                {"metric": "interactions.answerRate", "kind": "THRESHOLD", "direction": "BELOW"}
                """);
        assertThat(incomplete).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(incomplete)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("https://servicequality.io/problems/validation-failed");

        String rule = created(post("/api/v1/alert-rules", """
                {"metric": "interactions.answerRate", "kind": "RELATIVE", "direction": "BELOW",
                 "relativePercent": 10, "window": "PT2H"}
                """));
        assertThat(mvc.get().uri("/api/v1/alert-rules/" + rule))
                .hasStatusOk()
                .bodyJson()
                .isLenientlyEqualTo("""
                        {"metric": "interactions.answerRate", "kind": "RELATIVE", "window": "PT2H", "minN": 30,
                         "baselineWindow": "PT168H", "relativePercent": 10.0, "hysteresis": 1.0,
                         "severity": "WARNING"}
                        """);
        assertThat(mvc.put()
                        .uri("/api/v1/alert-rules/" + rule)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"metric": "interactions.answerRate", "kind": "ANOMALY", "direction": "BELOW", "k": 2.5}
                                """))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.k")
                .isEqualTo(2.5);
        assertThat(mvc.delete().uri("/api/v1/alert-rules/" + rule)).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(mvc.get().uri("/api/v1/alert-rules/" + rule)).hasStatus(HttpStatus.NOT_FOUND);

        String target = created(post("/api/v1/targets", """
                {"metric": "interactions.answerRate", "bound": "AT_LEAST", "value": 95}
                """));
        assertThat(mvc.get().uri("/api/v1/targets"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[*].id")
                .asArray()
                .contains(target);
        assertThat(mvc.delete().uri("/api/v1/targets/" + target)).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(mvc.delete().uri("/api/v1/targets/" + target)).hasStatus(HttpStatus.NOT_FOUND);
    }

    private Double observedCsat(String branch, Instant hour) {
        return attainmentOf(branch, hour).get(0).path("observed").asDouble();
    }

    private Boolean attained(String branch, Instant hour, String target) {
        for (JsonNode attainment : attainmentOf(branch, hour)) {
            if (target.equals(attainment.path("target").path("id").asString())) {
                return attainment.path("attained").asBoolean();
            }
        }
        return null;
    }

    private List<JsonNode> attainmentOf(String branch, Instant hour) {
        MvcTestResult result = mvc.get()
                .uri("/api/v1/targets/attainment?branchId=" + branch + "&from=" + hour + "&to="
                        + hour.plus(Duration.ofHours(1)))
                .exchange();
        assertThat(result).hasStatusOk();
        List<JsonNode> attainments = new ArrayList<>();
        json.readTree(result.getResponse().getContentAsByteArray()).forEach(attainments::add);
        return attainments;
    }

    private List<AlertEvent> alertsOf(String branch) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS).stream()
                    .map(info -> new TopicPartition(Topics.ALERTS, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<AlertEvent> alerts = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if ((TENANT + ":" + branch).equals(record.key())) {
                        alerts.add(json.readValue(record.value(), AlertEvent.class));
                    }
                });
            }
            return alerts;
        }
    }

    private void produceFeedback(String branch, Instant hour, int count, int csat) {
        for (int i = 0; i < count; i++) {
            var event = new FeedbackSubmitted(
                    UUID.randomUUID(),
                    TENANT,
                    branch,
                    hour.plusSeconds(i),
                    FeedbackSubmitted.SCHEMA_VERSION,
                    hour.plusSeconds(i),
                    Channel.APP,
                    null,
                    null,
                    csat,
                    null,
                    null,
                    null,
                    null,
                    null);
            producer.send(
                    new ProducerRecord<>(Topics.FEEDBACK_SUBMITTED, event.recordKey(), json.writeValueAsString(event)));
        }
        producer.flush();
    }

    private MvcTestResult post(String uri, String body) {
        return mvc.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    private String created(MvcTestResult result) {
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return json.readTree(result.getResponse().getContentAsByteArray())
                .path("id")
                .asString();
    }

    private static ConditionFactory eventually() {
        return await().atMost(30, TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .pollInSameThread();
    }

    private String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }
}

package io.servicequality.scoring.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.contracts.AlertRuleChanged;
import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.QualityTargetChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.security.test.TestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Targets and alert rules end to end: rules created through the API reach the stream processing through their
 * compacted topic; feedback events produced to Kafka become hour statistics, are judged against the rules within the
 * same topology, and are raised and cleared once per episode on the alerts topic.
 */
@SpringBootTest(
        properties = {
            "logging.level.org.apache.kafka=warn",
            "logging.level.kafka=warn",
            "logging.level.state.change.logger=warn"
        })
@AutoConfigureMockMvc
@Import(TestCredentials.DefaultAdmin.class)
abstract class QualityIT {

    static final String TENANT = "acme-bank";

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    MockMvcTester mvc;

    /** The outbox relay's template: a spy, so a test can make the broker refuse sends for a while. */
    @MockitoSpyBean(name = "kafkaTemplate")
    KafkaTemplate<?, ?> kafkaTemplate;

    @Autowired
    ConfigurationPublisher publisher;

    /** The running topology, to wait until a rule or directory entry has reached its global tables. */
    @Autowired
    StreamsBuilderFactoryBean streams;

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
        awaitInTopology(AlertingTopology.RULES, AlertRuleChanged.keyPrefixOf(TENANT) + rule);
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
            // raised by the first published update with n ≥ minN (updates are published every 200 ms at most, so
            // it may come before all ten answers are counted)
            assertThat(raised.n()).isBetween(5L, 10L);
            assertThat(raised.severity()).isEqualTo(AlertEvent.Severity.CRITICAL);
            assertThat(raised.window()).isEqualTo(new AlertEvent.AlertWindow(hour, hour.plus(Duration.ofHours(1))));
        });
        assertThat(alerts.get(1)).isInstanceOfSatisfying(AlertCleared.class, cleared -> {
            assertThat(cleared.alertId()).isEqualTo(alerts.get(0).alertId());
            // cleared by the first published update at or above 85 %: 12 unhappy answers among n, all others happy
            assertThat(cleared.n()).isBetween(80L, 93L);
            assertThat(cleared.observedValue()).isEqualTo(100.0 * (cleared.n() - 12) / cleared.n());
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
        // the evaluation learns of the change through the compacted topic: the rule as replaced (a change the relay
        // has not sent yet is superseded by the next one), then its removal
        eventually()
                .untilAsserted(() -> assertThat(ruleRecordsOf(rule)).last().satisfies(replaced -> {
                    assertThat(replaced.kind()).isEqualTo(AlertEvent.RuleKind.ANOMALY);
                    assertThat(replaced.removed()).isFalse();
                }));
        assertThat(mvc.delete().uri("/api/v1/alert-rules/" + rule)).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(mvc.get().uri("/api/v1/alert-rules/" + rule)).hasStatus(HttpStatus.NOT_FOUND);
        eventually()
                .untilAsserted(() -> assertThat(ruleRecordsOf(rule)).last().satisfies(removal -> {
                    assertThat(removal.removed()).isTrue();
                    assertThat(removal.k()).isEqualTo(2.5);
                    assertThat(removal.recordKey()).isEqualTo(TENANT + ":alert-rule:" + rule);
                }));

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

    @Test
    void publishesEveryTargetChangeOnTheCompactedTopicAndLosesNoneWhileTheBrokerRefuses() {
        // the broker refuses the first three sends: the changes stay in the targets' outbox and go out later
        AtomicInteger refusals = new AtomicInteger(3);
        doAnswer(invocation -> refusals.getAndDecrement() > 0
                        ? CompletableFuture.failedFuture(new KafkaException("broker unavailable"))
                        : invocation.callRealMethod())
                .when(anyValues(kafkaTemplate))
                .send(eq(Topics.QUALITY_TARGETS), any(String.class), any(QualityTargetChanged.class));
        String branch = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        String kept = created(post("/api/v1/targets", """
                {"branchId": "%s", "metric": "nps.score", "bound": "AT_LEAST", "value": 30}
                """.formatted(branch)));
        String removed = created(post("/api/v1/targets", """
                {"branchId": "%s", "metric": "interactions.abandonRate", "bound": "AT_MOST", "value": 5}
                """.formatted(branch)));
        assertThat(mvc.put()
                        .uri("/api/v1/targets/" + kept)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"branchId": "%s", "metric": "nps.score", "bound": "AT_LEAST", "value": 40}
                                """.formatted(branch)))
                .hasStatusOk();
        assertThat(mvc.delete().uri("/api/v1/targets/" + removed)).hasStatus(HttpStatus.NO_CONTENT);

        eventually().untilAsserted(() -> {
            Map<String, QualityTargetChanged> latest = latestTargetsOf(branch);
            assertThat(latest.get(TENANT + ":target:" + kept)).isNotNull().satisfies(target -> {
                assertThat(target.metric()).isEqualTo("nps.score");
                assertThat(target.bound()).isEqualTo("AT_LEAST");
                assertThat(target.value()).isEqualTo(40.0);
                assertThat(target.removed()).isFalse();
                assertThat(target.branchId()).isEqualTo(branch);
            });
            assertThat(latest.get(TENANT + ":target:" + removed)).isNotNull().satisfies(target -> {
                assertThat(target.removed()).isTrue();
                assertThat(target.metric()).isEqualTo("interactions.abandonRate");
            });
        });
        assertThat(refusals.get()).isNegative();
        assertThat(mvc.get().uri("/api/v1/targets"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[*].id")
                .asArray()
                .contains(kept)
                .doesNotContain(removed);

        // a restart republishes every current target (same content again on the compacted topic), not removed ones
        long keptBefore = recordsOfTarget(branch, kept).size();
        long removedBefore = recordsOfTarget(branch, removed).size();
        publisher.republishAllAtStartUp();
        eventually().untilAsserted(() -> {
            List<QualityTargetChanged> keptRecords = recordsOfTarget(branch, kept);
            assertThat(keptRecords).hasSizeGreaterThan((int) keptBefore);
            assertThat(keptRecords.get(keptRecords.size() - 1)).satisfies(target -> {
                assertThat(target.value()).isEqualTo(40.0);
                assertThat(target.removed()).isFalse();
            });
        });
        assertThat(recordsOfTarget(branch, removed)).hasSize((int) removedBefore);
    }

    @Test
    void raisesARegionAlertOnTheMergedStatisticsOfItsBranchesOnceAndClearsItOnce() {
        String region = "R-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        String elsewhere = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        produceBranch(first, region);
        produceBranch(second, region);
        produceBranch(elsewhere, "other-" + region);
        for (String branch : List.of(first, second, elsewhere)) {
            awaitInTopology(AlertingTopology.BRANCH_DIRECTORY, TENANT + ":" + branch);
        }
        String rule = created(post("/api/v1/alert-rules", """
                {"scope": "REGION", "regionId": "%s", "metric": "csat.percent", "kind": "THRESHOLD",
                 "direction": "BELOW", "threshold": 80, "minN": 5, "hysteresis": 5}
                """.formatted(region)));
        assertThat(mvc.get().uri("/api/v1/alert-rules/" + rule))
                .hasStatusOk()
                .bodyJson()
                .isLenientlyEqualTo("""
                        {"scope": "REGION", "regionId": "%s"}
                        """.formatted(region));
        awaitInTopology(AlertingTopology.RULES, AlertRuleChanged.keyPrefixOf(TENANT) + rule);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String key = TENANT + ":REGION:" + region;

        // 3 unhappy answers per branch: n = 3 each, but 6 for the region, CSAT 0 %; a branch elsewhere does not count
        produceFeedback(first, hour, 3, 1);
        produceFeedback(elsewhere, hour, 50, 5);
        produceFeedback(second, hour, 3, 2);
        eventually().untilAsserted(() -> assertThat(alertsWithKey(key)).hasSize(1));
        // 25 happy in the first branch: 25 / 31 = 80.6 %, inside the band: stays raised
        produceFeedback(first, hour, 25, 5);
        // 20 happy in the second: 45 / 51 = 88.2 % ≥ 85: cleared
        produceFeedback(second, hour, 20, 4);

        eventually().untilAsserted(() -> assertThat(alertsWithKey(key)).hasSize(2));
        List<AlertEvent> alerts = alertsWithKey(key);
        assertThat(alerts.get(0)).isInstanceOfSatisfying(AlertRaised.class, raised -> {
            assertThat(raised.scope()).isEqualTo(new AlertEvent.AlertScope(AlertEvent.AlertScope.Level.REGION, region));
            assertThat(raised.branchId()).isNull();
            assertThat(raised.ruleId()).isEqualTo(rule);
            // the branch elsewhere (50 satisfied) is not merged in; each region branch alone has n = 3 < minN
            assertThat(raised.observedValue()).isEqualTo(0.0);
            assertThat(raised.n()).isBetween(5L, 6L);
        });
        assertThat(alerts.get(1)).isInstanceOfSatisfying(AlertCleared.class, cleared -> {
            assertThat(cleared.alertId()).isEqualTo(alerts.get(0).alertId());
            assertThat(cleared.scope().level()).isEqualTo(AlertEvent.AlertScope.Level.REGION);
            assertThat(cleared.branchId()).isNull();
            // cleared only past the band (threshold 80 + hysteresis 5), not at 80.6 % inside it
            assertThat(cleared.observedValue()).isGreaterThanOrEqualTo(85.0);
            assertThat(cleared.n()).isGreaterThan(31);
        });
    }

    @Test
    void rejectsARegionRuleWithoutRegionAndARegionRuleForOneBranch() {
        assertThat(post("/api/v1/alert-rules", """
                        {"scope": "REGION", "metric": "csat.percent", "kind": "THRESHOLD", "direction": "BELOW",
                         "threshold": 80}
                        """)).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(post("/api/v1/alert-rules", """
                        {"scope": "TENANT", "branchId": "B1", "metric": "csat.percent", "kind": "THRESHOLD",
                         "direction": "BELOW", "threshold": 80}
                        """)).hasStatus(HttpStatus.BAD_REQUEST);
    }

    /** Waits until the key is in the global table (its store) of the running topology. */
    private void awaitInTopology(String store, String key) {
        eventually()
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(streams.getKafkaStreams()
                                .store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()))
                                .get(key))
                        .isNotNull());
    }

    private void produceBranch(String branch, String region) {
        var entry = new BranchChanged(
                UUID.randomUUID(), TENANT, branch, Instant.now(), 1, branch, "Branch " + branch, region, "UTC", false);
        producer.send(new ProducerRecord<>(Topics.BRANCH_DIRECTORY, entry.recordKey(), json.writeValueAsString(entry)));
        producer.flush();
    }

    private List<AlertEvent> alertsWithKey(String key) {
        List<AlertEvent> alerts = new ArrayList<>();
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
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        alerts.add(json.readValue(record.value(), AlertEvent.class));
                    }
                });
            }
        }
        return alerts;
    }

    /** One rule's records in log order (one key, one partition). */
    private List<AlertRuleChanged> ruleRecordsOf(String ruleId) {
        return recordsOf(Topics.ALERT_RULES).stream()
                .map(value -> json.readValue(value, AlertRuleChanged.class))
                .filter(rule -> rule.ruleId().equals(ruleId))
                .toList();
    }

    /** One target's records in log order (one key, one partition). */
    private List<QualityTargetChanged> recordsOfTarget(String branch, String targetId) {
        return targetRecordsOf(branch).stream()
                .filter(target -> target.targetId().equals(targetId))
                .toList();
    }

    private Map<String, QualityTargetChanged> latestTargetsOf(String branch) {
        Map<String, QualityTargetChanged> latest = new LinkedHashMap<>();
        targetRecordsOf(branch).forEach(target -> latest.put(target.recordKey(), target));
        return latest;
    }

    private List<QualityTargetChanged> targetRecordsOf(String branch) {
        List<QualityTargetChanged> targets = new ArrayList<>();
        for (String value : recordsOf(Topics.QUALITY_TARGETS)) {
            QualityTargetChanged target = json.readValue(value, QualityTargetChanged.class);
            if (branch.equals(target.branchId())) {
                targets.add(target);
            }
        }
        return targets;
    }

    /** Every record value of the topic, partition by partition (one target's records share a partition). */
    private List<String> recordsOf(String topic) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
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

    @SuppressWarnings("unchecked") // Boot declares its template with wildcards; it sends any key and value
    private static KafkaTemplate<Object, Object> anyValues(KafkaTemplate<?, ?> template) {
        return (KafkaTemplate<Object, Object>) template;
    }
}

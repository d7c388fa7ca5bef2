package io.servicequality.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.reporting.bucket.InvalidMetricUpdateException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Metric updates published to Kafka, read back through the scorecard endpoint. The subclasses choose the
 * infrastructure (embedded broker and store, or containers). The tenant is the contract sample's, so the sample can
 * be fed as it is; every test uses its own branch.
 */
@SpringBootTest(properties = "sqp.tenant-id=" + ReportingServiceIT.TENANT)
@AutoConfigureMockMvc
abstract class ReportingServiceIT {

    static final String TENANT = "acme-bank";

    private static final Offset<Double> EXACT = within(1e-9);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant TEN = NINE.plus(Duration.ofHours(1));
    private static final Instant ELEVEN = TEN.plus(Duration.ofHours(1));

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    KafkaConnectionDetails kafka;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void openProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void scorecardSumsTheHourBucketsStartingInTheRangeExactly() {
        String branch = newBranch();
        // outside [09:00, 11:00): the hour before, and the hour starting at `to`
        publish(update(branch, NINE.minus(Duration.ofHours(1)), 1, onlyComplaints(100)));
        publish(update(branch, ELEVEN, 1, onlyComplaints(1000)));
        publish(update(branch, NINE, 1, nineOClock()));
        publish(update(branch, TEN, 1, tenOClock()));
        publish(update(newBranch(), NINE, 1, nineOClock()));

        JsonNode scorecard = awaitScorecard(
                branch, NINE, ELEVEN, card -> card.at("/feedback/n").asLong() == 4);

        // reliability: n 3, E 19/3, P 17/3, gap −2/3, importance 80/2 = 40; tangibles: n 2, E 5, P 5.5, gap 0.5
        JsonNode servqual = scorecard.at("/feedback/servqual");
        assertThat(servqual.get("dimensions").propertyNames()).containsExactly("tangibles", "reliability");
        JsonNode reliability = servqual.at("/dimensions/reliability");
        assertThat(reliability.get("n").asLong()).isEqualTo(3);
        assertThat(reliability.get("expectation").asDouble()).isCloseTo(19.0 / 3, EXACT);
        assertThat(reliability.get("perception").asDouble()).isCloseTo(17.0 / 3, EXACT);
        assertThat(reliability.get("gap").asDouble()).isCloseTo(-2.0 / 3, EXACT);
        assertThat(reliability.get("importance").asDouble()).isEqualTo(40.0);
        assertThat(servqual.at("/dimensions/tangibles/importance").isNull()).isTrue();
        // unweighted (−2/3 + 1/2) / 2 = −1/12; weighted 0.4 and default 0.2 → 2/3 · −2/3 + 1/3 · 1/2 = −5/18
        assertThat(servqual.get("unweighted").asDouble()).isCloseTo(-1.0 / 12, EXACT);
        assertThat(servqual.get("weighted").asDouble()).isCloseTo(-5.0 / 18, EXACT);
        // CSAT 3 of 4 = 75 %; Wilson: centre (0.75 + 0.4802) / 1.9604 = 0.6274740, half 0.3268890
        JsonNode csat = scorecard.at("/feedback/csat");
        assertThat(csat.get("n").asLong()).isEqualTo(4);
        assertThat(csat.get("percent").asDouble()).isCloseTo(75.0, EXACT);
        assertThat(csat.at("/ci95/0").asDouble()).isCloseTo(30.06360524426366, EXACT);
        assertThat(csat.at("/ci95/1").asDouble()).isCloseTo(95.44139373553637, EXACT);
        // NPS: 2 promoters, 1 passive, 1 detractor of 4 = 25; p̃ 2.75/7, d̃ 1.75/7, NPS̃ 14.2857 ± 58.4466
        JsonNode nps = scorecard.at("/feedback/nps");
        assertThat(nps.get("score").asDouble()).isCloseTo(25.0, EXACT);
        assertThat(List.of(
                        nps.get("promoters").asLong(),
                        nps.get("passives").asLong(),
                        nps.get("detractors").asLong()))
                .containsExactly(2L, 1L, 1L);
        assertThat(nps.at("/ci95/0").asDouble()).isCloseTo(-44.160842499095544, EXACT);
        assertThat(nps.at("/ci95/1").asDouble()).isCloseTo(72.73227107052412, EXACT);
        assertThat(scorecard.at("/feedback/ces/n").asLong()).isEqualTo(2);
        assertThat(scorecard.at("/feedback/ces/mean").asDouble()).isCloseTo(6.0, EXACT);
        assertThat(scorecard.at("/complaints/opened").asLong()).isEqualTo(3);
        // SQI (0.3 · 75 + 0.2 · 62.5 + 0.2 · (−5/18 + 6) / 12 · 100) / 0.7
        assertThat(scorecard.get("sqi").asDouble()).isCloseTo((22.5 + 12.5 + 0.2 * (103.0 / 216 * 100)) / 0.7, EXACT);
    }

    @Test
    void theSameRevisionTwiceOrAnOlderOneLateChangesNothing() throws Exception {
        String branch = newBranch();
        publish(update(branch, NINE, 2, onlyComplaints(2)));
        publish(update(branch, NINE, 2, onlyComplaints(2)));
        publish(update(branch, NINE, 1, onlyComplaints(1)));
        // Same key, same partition: once this marker is visible, every record before it has been handled.
        publish(update(branch, TEN, 1, onlyComplaints(7)));
        awaitScorecard(
                branch, TEN, ELEVEN, card -> card.at("/complaints/opened").asLong() == 7);

        assertThat(scorecard(branch, NINE, TEN).at("/complaints/opened").asLong())
                .isEqualTo(2);

        publish(update(branch, NINE, 3, onlyComplaints(3)));
        awaitScorecard(branch, NINE, TEN, card -> card.at("/complaints/opened").asLong() == 3);
    }

    @Test
    void poisonAndInvalidRecordsLandOnTheDeadLetterTopicAndLaterRecordsAreStillApplied() {
        String branch = newBranch();
        String key = Topics.recordKey(TENANT, branch);
        ObjectNode withoutBucketStart = json.valueToTree(update(branch, NINE, 1, onlyComplaints(9)));
        withoutBucketStart.remove("bucketStart");
        try (KafkaConsumer<String, String> deadLetters = deadLetterConsumer()) {
            producer.send(new ProducerRecord<>(Topics.METRIC_UPDATED, key, "{ not json"));
            producer.send(
                    new ProducerRecord<>(Topics.METRIC_UPDATED, key, json.writeValueAsString(withoutBucketStart)));
            publish(update(branch, NINE, 1, onlyComplaints(5)));

            awaitScorecard(
                    branch, NINE, TEN, card -> card.at("/complaints/opened").asLong() == 5);
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(DEADLINE).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        dead.add(record);
                    }
                });
                assertThat(dead).hasSize(2);
            });
            assertThat(dead.get(0).value()).isEqualTo("{ not json");
            assertThat(causeOf(dead.get(0))).isEqualTo(DeserializationException.class.getName());
            JsonNode invalid = json.readTree(dead.get(1).value());
            assertThat(invalid.get("branchId").asString()).isEqualTo(branch);
            assertThat(invalid.get("bucketStart").isNull()).isTrue();
            assertThat(causeOf(dead.get(1))).isEqualTo(InvalidMetricUpdateException.class.getName());
        }
    }

    @Test
    void theContractSampleIsAppliedAsPublished() {
        MetricUpdated sample = json.readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);
        producer.send(new ProducerRecord<>(
                EventSample.METRIC_UPDATED.topic(), sample.recordKey(), EventSample.METRIC_UPDATED.json()));

        JsonNode scorecard = awaitScorecard(
                sample.branchId(), NINE, TEN, card -> card.at("/feedback/n").asLong() == 3);

        assertThat(scorecard.at("/feedback/servqual/dimensions").propertyNames())
                .containsExactly("reliability", "responsiveness", "empathy");
        assertThat(scorecard.at("/feedback/servqual/weighted").asDouble()).isCloseTo(-1.0, EXACT);
        assertThat(scorecard.at("/feedback/csat/percent").asDouble()).isCloseTo(200.0 / 3, EXACT);
        assertThat(scorecard.at("/complaints/opened").asLong()).isEqualTo(1);
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        String branch = newBranch();
        ObjectNode newer = json.valueToTree(update(branch, NINE, 1, onlyComplaints(6)));
        newer.put("addedLater", "by a newer producer");
        newer.withObject("statistics").withObject("complaints").put("escalated", 2);

        producer.send(new ProducerRecord<>(
                Topics.METRIC_UPDATED, Topics.recordKey(TENANT, branch), json.writeValueAsString(newer)));

        awaitScorecard(branch, NINE, TEN, card -> card.at("/complaints/opened").asLong() == 6);
    }

    @Test
    void reportsHealthAndPublishesTheScorecardInItsOpenApiDocument() throws Exception {
        JsonNode health = json.readTree(
                mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString());
        JsonNode openApi = json.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(openApi.at("/paths").has("/api/v1/reports/scorecard")).isTrue();
    }

    /** Two feedbacks: reliability rated twice (E 6 + 6, P 5 + 5, importance 40 + 40), CSAT 1 of 2, NPS 1 + 1 −. */
    private static BucketStatistics nineOClock() {
        return new BucketStatistics(
                2,
                new ServqualStatistics(null, new DimensionStatistics(2, 12, 10, 72, 50, 2, 80), null, null, null),
                new CsatStatistics(2, 1, 7, 25),
                new NpsStatistics(2, 1, 0, 1),
                new MeanStatistics(1, 5, 25),
                new ComplaintStatistics(1));
    }

    /** Two feedbacks: reliability once (7, 7), tangibles twice (E 10, P 11, no importance), CSAT 2 of 2. */
    private static BucketStatistics tenOClock() {
        return new BucketStatistics(
                2,
                new ServqualStatistics(
                        new DimensionStatistics(2, 10, 11, 50, 61, 0, 0),
                        new DimensionStatistics(1, 7, 7, 49, 49, 0, 0),
                        null,
                        null,
                        null),
                new CsatStatistics(2, 2, 9, 41),
                new NpsStatistics(2, 1, 1, 0),
                new MeanStatistics(1, 7, 49),
                new ComplaintStatistics(2));
    }

    private static BucketStatistics onlyComplaints(long opened) {
        return new BucketStatistics(0, null, null, null, null, new ComplaintStatistics(opened));
    }

    private static MetricUpdated update(
            String branch, Instant bucketStart, long revision, BucketStatistics statistics) {
        return new MetricUpdated(
                MetricUpdated.eventIdOf(TENANT, branch, Granularity.HOUR, bucketStart, revision),
                TENANT,
                branch,
                bucketStart.plusSeconds(90),
                MetricUpdated.SCHEMA_VERSION,
                Granularity.HOUR,
                bucketStart,
                revision,
                statistics);
    }

    private void publish(MetricUpdated update) {
        try {
            producer.send(new ProducerRecord<>(
                            Topics.METRIC_UPDATED, update.recordKey(), json.writeValueAsString(update)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + update, e);
        }
    }

    private JsonNode awaitScorecard(String branch, Instant from, Instant to, Predicate<JsonNode> condition) {
        return await().atMost(DEADLINE).until(() -> scorecard(branch, from, to), condition);
    }

    private JsonNode scorecard(String branch, Instant from, Instant to) throws Exception {
        String body = mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", branch)
                        .param("from", from.toString())
                        .param("to", to.toString()))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(body);
    }

    private KafkaConsumer<String, String> deadLetterConsumer() {
        var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dead-letter-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(List.of(Topics.deadLetterTopicOf(Topics.METRIC_UPDATED)));
        return consumer;
    }

    private static String causeOf(ConsumerRecord<String, String> deadLetter) {
        return new String(
                deadLetter
                        .headers()
                        .lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)
                        .value(),
                StandardCharsets.UTF_8);
    }

    private static String newBranch() {
        return "IT-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

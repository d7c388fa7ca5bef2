package io.servicequality.scoring.bucket;

import static io.servicequality.scoring.bucket.TestEvents.TENANT;
import static io.servicequality.scoring.bucket.TestEvents.complaint;
import static io.servicequality.scoring.bucket.TestEvents.feedback;
import static io.servicequality.scoring.bucket.TestEvents.uniqueBranch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionDistributions;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.ServqualRatings;
import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.platform.test.PrometheusScrape;
import io.servicequality.security.TenantGate;
import io.servicequality.security.test.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service against a real Kafka broker and store: events produced as JSON to the topics end up, exactly once, in
 * the bucket statistics (read through the bucket API and the topology's stores) and in absolute {@link MetricUpdated}
 * events, also when processing fails mid-transaction. Subclasses provide the infrastructure.
 */
@SpringBootTest(
        properties = {
            "logging.level.org.apache.kafka=warn",
            "logging.level.kafka=warn",
            "logging.level.state.change.logger=warn",
            "sqp.observability.lag-interval=2s"
        })
@AutoConfigureMockMvc
@Import({BucketScoringIT.CrashInjection.class, TestCredentials.DefaultAdmin.class})
abstract class BucketScoringIT {

    /** Not among sqp.security.known-tenants of the tests. */
    private static final String UNKNOWN_TENANT = "unknown-bank";

    private static final Instant HOUR = Instant.parse("2026-11-20T09:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    BucketStates buckets;

    /** The real tenant gate, with a switch that makes processing fail mid-transaction. */
    @Autowired
    FailingTenantGate failures;

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    MeterRegistry meters;

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
    void countsTheContractSamplesFedToTheListeners() {
        produce(Topics.FEEDBACK_SUBMITTED, "acme-bank:SH-001", EventSample.FEEDBACK_SUBMITTED.json());
        produce(Topics.COMPLAINT_CHANGED, "acme-bank:SH-001", EventSample.COMPLAINT_CHANGED.json());
        produce(Topics.INTERACTION_RECORDED, "acme-bank:SH-001", EventSample.INTERACTION_RECORDED.json());

        eventually()
                .untilAsserted(() -> assertThat(
                                mvc.get()
                                        .uri(
                                                "/api/v1/buckets?branchId=SH-001&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z"))
                        .hasStatusOk()
                        .bodyJson()
                        .isLenientlyEqualTo("""
                        [{"bucketStart": "2026-11-20T09:00:00Z", "granularity": "HOUR", "revision": 2,
                          "statistics": {"feedbackCount": 1,
                             "servqual": {"reliability": {"n": 1, "expectationSum": 7.0, "perceptionSum": 5.0},
                                          "empathy": {"n": 1, "expectationSumOfSquares": 42.25},
                                          "tangibles": {"n": 0, "importanceN": 1, "importanceSum": 10.0}},
                             "csat": {"n": 1, "satisfied": 1, "sum": 4, "sumOfSquares": 16},
                             "nps": {"n": 1, "promoters": 1}, "ces": {"n": 1, "sum": 6.0},
                             "interactions": {"offered": 1, "answered": 1, "answeredWithinServiceLevel": 1,
                                              "handleSecondsSum": 170.0, "waitSeconds": {"counts": {"14": 1}}}}},
                         {"bucketStart": "2026-11-20T10:00:00Z", "revision": 1,
                          "statistics": {"feedbackCount": 0,
                             "complaints": {"opened": 1, "openedByCategory": {"QUALITY": 1},
                                            "openedByDepartment": {"accounts": 1}}}}]
                        """));
    }

    @Test
    void publishesTheAbsoluteStatisticsOfABucketWithIncreasingRevisions() {
        String branch = uniqueBranch();
        var ratings = new ServqualRatings(null, new DimensionRating(6, 4), null, null, null);
        var importance = new ImportancePoints(20, 50, 10, 10, 10);
        produce(feedback(branch, HOUR.plusSeconds(60), ratings, importance, 5, 10, 2));
        produce(feedback(branch, HOUR.plusSeconds(120), 3, 6, null));
        produce(feedback(branch, HOUR.plusSeconds(3599), null, 8, 7));

        var expected = new BucketStatistics(
                        3,
                        new ServqualStatistics(
                                new DimensionStatistics(0, 0, 0, 0, 0, 1, 20),
                                new DimensionStatistics(1, 6, 4, 36, 16, 1, 50),
                                new DimensionStatistics(0, 0, 0, 0, 0, 1, 10),
                                new DimensionStatistics(0, 0, 0, 0, 0, 1, 10),
                                new DimensionStatistics(0, 0, 0, 0, 0, 1, 10)),
                        new CsatStatistics(2, 1, 8, 34),
                        new NpsStatistics(3, 1, 1, 1),
                        new MeanStatistics(2, 9, 53),
                        ComplaintStatistics.EMPTY,
                        null,
                        null,
                        new RatingDistributions(
                                Map.of(5, 1L, 3, 1L),
                                Map.of(10, 1L, 6, 1L, 8, 1L),
                                Map.of(2, 1L, 7, 1L),
                                new ServqualDistributions(
                                        null,
                                        new DimensionDistributions(Map.of(6, 1L), Map.of(4, 1L)),
                                        null,
                                        null,
                                        null)),
                        null)
                // all three came in at the counter
                .inChannel(Channel.COUNTER);
        try (var metricUpdates = new TopicTail(bootstrapServers(), Topics.METRIC_UPDATED)) {
            eventually()
                    .untilAsserted(() -> assertThat(latestMetricUpdate(metricUpdates, branch))
                            .hasValueSatisfying(update -> {
                                assertThat(update.revision()).isEqualTo(3);
                                assertThat(update.statistics()).isEqualTo(expected);
                            }));

            List<ConsumerRecord<String, String>> records = metricUpdates.recordsWithKey(TENANT + ":" + branch).stream()
                    .filter(record -> metricUpdated(record).granularity() == Granularity.HOUR)
                    .toList();
            List<MetricUpdated> updates =
                    records.stream().map(this::metricUpdated).toList();
            assertThat(updates).extracting(MetricUpdated::revision).isSorted();
            assertThat(updates).allSatisfy(update -> {
                assertThat(update.granularity()).isEqualTo(Granularity.HOUR);
                assertThat(update.bucketStart()).isEqualTo(HOUR);
                assertThat(update.eventId())
                        .isEqualTo(MetricUpdated.eventIdOf(TENANT, branch, Granularity.HOUR, HOUR, update.revision()));
            });
            assertThat(records).allSatisfy(record -> {
                assertThat(record.headers().lastHeader("__TypeId__"))
                        .as("no Java class names on the wire")
                        .isNull();
                assertThat(record.value()).contains("\"bucketStart\":\"2026-11-20T09:00:00Z\"");
            });
        }
        assertThat(bucket(branch))
                .hasValueSatisfying(bucket -> assertThat(bucket.statistics()).isEqualTo(expected));
    }

    @Test
    void anUpdateCarriesWhenItsEarliestEventWasAcceptedAndThatEventsTraceAndTheLagIsMeasured() throws Exception {
        String branch = uniqueBranch();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        FeedbackSubmitted event = feedback(branch, HOUR.plusSeconds(5), 4, null, null);
        long acceptedAt;
        try (var metricUpdates = new TopicTail(bootstrapServers(), Topics.METRIC_UPDATED)) {
            var record =
                    new ProducerRecord<>(Topics.FEEDBACK_SUBMITTED, event.recordKey(), json.writeValueAsString(event));
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            acceptedAt = producer.send(record).get(10, TimeUnit.SECONDS).timestamp();

            eventually()
                    .untilAsserted(() -> assertThat(metricUpdates.recordsWithKey(TENANT + ":" + branch))
                            .isNotEmpty()
                            .allSatisfy(update -> {
                                assertThat(new String(
                                                update.headers()
                                                        .lastHeader("sqp-accepted-at")
                                                        .value(),
                                                StandardCharsets.UTF_8))
                                        .isEqualTo(Long.toString(acceptedAt));
                                assertThat(new String(
                                                update.headers()
                                                        .lastHeader("traceparent")
                                                        .value(),
                                                StandardCharsets.UTF_8))
                                        .isEqualTo(traceparent);
                            }));
        }
        eventually().untilAsserted(() -> {
            PrometheusScrape scrape = new PrometheusScrape(mvc.get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .getResponse()
                    .getContentAsString());
            assertThat(scrape.has(
                            "sqp_kafka_consumer_lag",
                            Map.of("group", "scoring-service.counting.g0", "topic", Topics.FEEDBACK_SUBMITTED)))
                    .isTrue();
        });
    }

    @Test
    void republishesABucketAfterANewEvent() {
        String branch = uniqueBranch();
        try (var metricUpdates = new TopicTail(bootstrapServers(), Topics.METRIC_UPDATED)) {
            produce(feedback(branch, HOUR, 4, null, null));
            awaitRevision(metricUpdates, branch, 1);

            produce(feedback(branch, HOUR.plusSeconds(30), 2, null, null));

            eventually()
                    .untilAsserted(() -> assertThat(latestMetricUpdate(metricUpdates, branch))
                            .hasValueSatisfying(update -> {
                                assertThat(update.revision()).isEqualTo(2);
                                assertThat(update.statistics().csat()).isEqualTo(new CsatStatistics(2, 1, 6, 20));
                            }));
        }
    }

    /**
     * Idle, the topology commits nothing: a punctuation makes Kafka Streams commit its task, and under exactly_once_v2
     * every commit is a transaction, so punctuations that ran whether or not anything had changed kept an idle stack
     * committing five transactions a second. Within seconds of the last change being published a whole second passes
     * without one.
     */
    @Test
    void commitsNoTransactionOnceEverythingIsPublished() throws InterruptedException {
        String branch = uniqueBranch();
        try (var metricUpdates = new TopicTail(bootstrapServers(), Topics.METRIC_UPDATED)) {
            produce(feedback(branch, HOUR, 4, null, null));
            awaitRevision(metricUpdates, branch, 1);
        }
        assertThat(commits()).as("the stream thread's commits").isPositive();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean quietSecond = false;
        while (!quietSecond && System.nanoTime() < deadline) {
            double before = commits();
            // the window observed, not a wait for something to happen: no commit may fall within it
            Thread.sleep(1_000);
            quietSecond = commits() == before;
        }
        assertThat(quietSecond)
                .as("a second without a commit within 30 s of the last change being published")
                .isTrue();
    }

    /** Commits of the stream threads so far ({@code commit-total} of {@code stream-thread-metrics}). */
    private double commits() {
        return streams.getKafkaStreams().metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("commit-total")
                        && metric.getKey().group().equals("stream-thread-metrics"))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
                .sum();
    }

    /**
     * On a broker: a feedback naming an interaction that is not counted yet waits for it, and the agent's day is
     * published on its own topic with the interaction and the linked feedback, once each.
     */
    @Test
    void publishesTheAgentsDayWithTheFeedbackLinkedToTheirInteraction() {
        String branch = uniqueBranch();
        InteractionRecorded interaction =
                TestEvents.interaction(branch, HOUR.plusSeconds(60), true, false, 12, 240, true, true);
        var feedback = new FeedbackSubmitted(
                UUID.randomUUID(),
                TestEvents.TENANT,
                branch,
                HOUR.plusSeconds(600),
                FeedbackSubmitted.SCHEMA_VERSION,
                null,
                Channel.PHONE,
                null,
                null,
                5,
                9,
                null,
                null,
                "c-1",
                interaction.eventId().toString(),
                null);
        try (var staffUpdates = new TopicTail(bootstrapServers(), Topics.STAFF_METRIC_UPDATED)) {
            produce(feedback);
            produce(feedback);
            produce(interaction);

            eventually().untilAsserted(() -> {
                List<ConsumerRecord<String, String>> updates =
                        staffUpdates.recordsWithKey(Topics.recordKey(TestEvents.TENANT, branch));
                assertThat(updates).isNotEmpty();
                StaffMetricUpdated latest =
                        json.readValue(updates.get(updates.size() - 1).value(), StaffMetricUpdated.class);
                assertThat(latest.staffId()).isEqualTo("a-1");
                assertThat(latest.statistics().interactions().offered()).isEqualTo(1);
                assertThat(latest.statistics().interactions().handledWithinStandard())
                        .as("240 s, complex: within 300 s")
                        .isEqualTo(1);
                assertThat(latest.statistics().linkedFeedback()).isEqualTo(1);
                assertThat(latest.statistics().csat()).isEqualTo(new CsatStatistics(1, 1, 5, 25));
                assertThat(latest.revision()).isEqualTo(2);
            });
        }
    }

    @Test
    void countsAnEventProducedTwiceOnce() {
        String branch = uniqueBranch();
        FeedbackSubmitted postedTwice = feedback(branch, HOUR, 5, 10, null);
        produce(postedTwice);
        produce(postedTwice);
        // same key, so same partition: once this one is counted, both copies above have been processed
        produce(feedback(branch, HOUR, 1, 0, null));

        eventually()
                .untilAsserted(() -> assertThat(bucket(branch))
                        .hasValueSatisfying(
                                bucket -> assertThat(bucket.statistics().nps().detractors())
                                        .isEqualTo(1)));
        BucketResponse bucket = bucket(branch).orElseThrow();
        assertThat(bucket.statistics().feedbackCount()).isEqualTo(2);
        assertThat(bucket.statistics().csat()).isEqualTo(new CsatStatistics(2, 1, 6, 26));
        assertThat(bucket.revision()).isEqualTo(2);
    }

    @Test
    void dropsAndCountsEventsOfAnUnknownTenantWithoutChangingAnythingAndKeepsCounting() {
        String branch = uniqueBranch();
        String key = TENANT + ":" + branch;
        FeedbackSubmitted foreign = feedback(branch, HOUR, 1, 0, 1);
        ComplaintChanged foreignComplaint = TestEvents.complaint(branch, HOUR, ComplaintEventType.OPENED);
        double rejectedBefore = rejected("FeedbackSubmitted") + rejected("ComplaintChanged");
        // on the same partitions as the known tenant's events after them: once those are counted, these were processed
        produce(Topics.FEEDBACK_SUBMITTED, key, ofTenant(UNKNOWN_TENANT, json.valueToTree(foreign)));
        produce(Topics.COMPLAINT_CHANGED, key, ofTenant(UNKNOWN_TENANT, json.valueToTree(foreignComplaint)));
        produce(feedback(branch, HOUR, 4, null, null));
        produce(TestEvents.complaint(branch, HOUR, ComplaintEventType.OPENED));

        eventually()
                .untilAsserted(() -> assertThat(bucket(branch)).hasValueSatisfying(bucket -> {
                    assertThat(bucket.statistics().feedbackCount()).isEqualTo(1);
                    assertThat(bucket.statistics().complaints().opened()).isEqualTo(1);
                }));
        assertThat(bucket(branch).orElseThrow().statistics().csat())
                .as("only the known tenant's feedback counted")
                .isEqualTo(new CsatStatistics(1, 1, 4, 16));
        assertThat(find(UNKNOWN_TENANT, branch, Granularity.DAY, Instant.EPOCH, Instant.now()))
                .as("no bucket of the unknown tenant")
                .isEmpty();
        assertThat(rejected("FeedbackSubmitted") + rejected("ComplaintChanged") - rejectedBefore)
                .as("each dropped event counted")
                .isEqualTo(2.0);
        try (var deadLetters = new TopicTail(bootstrapServers(), Topics.deadLetterTopicOf(Topics.FEEDBACK_SUBMITTED))) {
            assertThat(deadLetters.recordsWithKey(key))
                    .as("a dropped event is not dead-lettered")
                    .noneSatisfy(record -> assertThat(record.value())
                            .contains(foreign.eventId().toString()));
        }
    }

    @Test
    void sendsPoisonFeedbackToTheDeadLetterTopicAndKeepsCounting() {
        String branch = uniqueBranch();
        String key = TENANT + ":" + branch;
        double counted = deadLettersCounted(Topics.FEEDBACK_SUBMITTED);
        FeedbackSubmitted outOfScale = feedback(branch, HOUR, 9, null, null);
        produce(Topics.FEEDBACK_SUBMITTED, key, "{not json");
        produce(outOfScale);
        produce(Topics.FEEDBACK_SUBMITTED, key, withFieldAddedByANewerProducer(feedback(branch, HOUR, 4, null, null)));

        eventually()
                .untilAsserted(() -> assertThat(bucket(branch))
                        .hasValueSatisfying(bucket ->
                                assertThat(bucket.statistics().csat()).isEqualTo(new CsatStatistics(1, 1, 4, 16))));
        try (var deadLetters = new TopicTail(bootstrapServers(), Topics.deadLetterTopicOf(Topics.FEEDBACK_SUBMITTED))) {
            eventually()
                    .untilAsserted(() -> assertThat(deadLetters.recordsWithKey(key))
                            .satisfiesExactly(
                                    poison -> {
                                        assertThat(poison.value()).isEqualTo("{not json");
                                        assertThat(new String(
                                                        poison.headers()
                                                                .lastHeader("kafka_dlt-original-topic")
                                                                .value(),
                                                        StandardCharsets.UTF_8))
                                                .isEqualTo(Topics.FEEDBACK_SUBMITTED);
                                    },
                                    invalid -> assertThat(invalid.value())
                                            .contains(outOfScale.eventId().toString())));
        }
        // counted like every listener's dead letters (at least once: a reprocessed record may count again)
        assertThat(deadLettersCounted(Topics.FEEDBACK_SUBMITTED) - counted).isGreaterThanOrEqualTo(2);
    }

    private double deadLettersCounted(String topic) {
        var counter = meters.find("sqp.dead-letters").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void sendsPoisonComplaintsToTheDeadLetterTopicAndKeepsCounting() {
        String branch = uniqueBranch();
        String key = TENANT + ":" + branch;
        produce(Topics.COMPLAINT_CHANGED, key, "[\"not a complaint\"");
        produce(complaint(branch, HOUR, ComplaintEventType.OPENED));

        eventually()
                .untilAsserted(() -> assertThat(bucket(branch))
                        .hasValueSatisfying(bucket -> assertThat(
                                        bucket.statistics().complaints().opened())
                                .isEqualTo(1)));
        try (var deadLetters = new TopicTail(bootstrapServers(), Topics.deadLetterTopicOf(Topics.COMPLAINT_CHANGED))) {
            eventually()
                    .untilAsserted(() -> assertThat(deadLetters.recordsWithKey(key))
                            .extracting(ConsumerRecord::value)
                            .containsExactly("[\"not a complaint\""));
        }
    }

    @Test
    void countsEachComplaintStepAsItsOwnStatisticAndIgnoresStepsWithoutOne() {
        String branch = uniqueBranch();
        produce(complaint(branch, HOUR, ComplaintEventType.ASSIGNED));
        produce(complaint(branch, HOUR, ComplaintEventType.ACKNOWLEDGED));
        produce(complaint(branch, HOUR, ComplaintEventType.RESOLVED));
        produce(complaint(branch, HOUR, ComplaintEventType.OPENED));

        eventually()
                .untilAsserted(() -> assertThat(bucket(branch))
                        .hasValueSatisfying(bucket -> assertThat(
                                        bucket.statistics().complaints().opened())
                                .isEqualTo(1)));
        BucketResponse bucket = bucket(branch).orElseThrow();
        assertThat(bucket.statistics().complaints().acknowledged()).isEqualTo(1);
        assertThat(bucket.statistics().complaints().resolved()).isEqualTo(1);
        assertThat(bucket.revision()).isEqualTo(3);
    }

    @Test
    void countsInteractionsIntoTheirMinuteHourAndTheBranchesLocalDay() {
        String branch = uniqueBranch();
        produce(
                Topics.BRANCH_DIRECTORY,
                TENANT + ":" + branch,
                json.writeValueAsString(new BranchChanged(
                        UUID.randomUUID(),
                        TENANT,
                        branch,
                        HOUR,
                        BranchChanged.SCHEMA_VERSION,
                        branch,
                        "Lujiazui",
                        "east",
                        "Asia/Shanghai",
                        false)));
        eventually()
                .until(() -> streams.getKafkaStreams()
                                .store(StoreQueryParameters.fromNameAndType(
                                        CountingTopology.BRANCH_DIRECTORY, QueryableStoreTypes.keyValueStore()))
                                .get(TENANT + ":" + branch)
                        != null);
        // 23:30 UTC yesterday is 07:30 today in Shanghai, whose day began at 16:00 UTC yesterday
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant at = today.minus(Duration.ofMinutes(30));
        produce(TestEvents.interaction(branch, at, true, false, 14, 170, true, false));
        produce(TestEvents.interaction(branch, at.plusSeconds(20), false, true, 95, null, false, false));

        eventually()
                .untilAsserted(() -> assertThat(find(
                                TENANT,
                                branch,
                                Granularity.DAY,
                                at.minus(Duration.ofDays(1)),
                                at.plus(Duration.ofDays(1))))
                        .singleElement()
                        .satisfies(day -> {
                            assertThat(day.bucketStart()).isEqualTo(today.minus(Duration.ofHours(8)));
                            assertThat(day.statistics().interactions().offered())
                                    .isEqualTo(2);
                        }));
        var minute = find(TENANT, branch, Granularity.MINUTE, at, at.plusSeconds(60));
        assertThat(minute).singleElement().satisfies(bucket -> {
            assertThat(bucket.statistics().interactions().answered()).isEqualTo(1);
            assertThat(bucket.statistics().interactions().abandoned()).isEqualTo(1);
            assertThat(bucket.statistics().interactions().waitSeconds().percentile(50))
                    .isEqualTo(14.0);
            assertThat(bucket.statistics().interactions().waitSeconds().percentile(100))
                    .isBetween(95 / 1.05, 95.0);
        });
        assertThat(mvc.get()
                        .uri("/api/v1/buckets?branchId=" + branch + "&granularity=HOUR&from="
                                + today.minus(Duration.ofDays(1)) + "&to=" + today))
                .hasStatusOk()
                .bodyJson()
                .isLenientlyEqualTo("""
                        [{"bucketStart": "%s", "granularity": "HOUR", "revision": 2,
                          "statistics": {"interactions": {"offered": 2, "answered": 1, "abandoned": 1,
                                         "answeredWithinServiceLevel": 1, "resolvedFirstContact": 1}}}]
                        """.formatted(today.minus(Duration.ofHours(1))));
    }

    @Test
    void countsAnEventPastTheAllowedLatenessAsLateInItsHourAndDayButNotInTheLiveMinute() {
        String branch = uniqueBranch();
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        produce(feedback(branch, threeDaysAgo.plusSeconds(90), 5, null, null));

        eventually()
                .untilAsserted(() -> assertThat(
                                find(TENANT, branch, Granularity.HOUR, threeDaysAgo, threeDaysAgo.plusSeconds(3600)))
                        .singleElement()
                        .satisfies(hour -> {
                            assertThat(hour.statistics().csat().n()).isEqualTo(1);
                            assertThat(hour.lateEvents()).isEqualTo(1);
                        }));
        assertThat(find(TENANT, branch, Granularity.MINUTE, threeDaysAgo, threeDaysAgo.plusSeconds(3600)))
                .isEmpty();
        assertThat(find(TENANT, branch, Granularity.DAY, threeDaysAgo.minus(Duration.ofDays(1)), Instant.now()))
                .singleElement()
                .satisfies(day -> assertThat(day.lateEvents()).isEqualTo(1));
    }

    @Test
    void matchesThePlainComputationAfterFailuresMidTransactionAndARestart() throws Exception {
        String branch = uniqueBranch();
        Random random = new Random(7);
        List<FeedbackSubmitted> distinct = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            distinct.add(feedback(
                    branch,
                    HOUR.plusSeconds(random.nextInt(3 * 3600)),
                    1 + random.nextInt(5),
                    random.nextInt(11),
                    random.nextBoolean() ? null : 1 + random.nextInt(7)));
        }
        // processing fails three times in the middle of a transaction (after some records of it changed the stores):
        // each failure aborts the transaction, and the stream thread is replaced and resumes from the last commit
        AtomicInteger crashes = new AtomicInteger(3);
        failures.failAfter(150, crashes);
        try {
            for (int i = 0; i < distinct.size(); i++) {
                producer.send(record(distinct.get(i)));
                if (i % 10 == 0) {
                    producer.send(record(distinct.get(random.nextInt(i + 1)))); // posted again
                }
                if (i == 200) {
                    producer.flush();
                    // the topology is stopped and started again: it resumes from its last commit
                    streams.stop();
                    streams.start();
                }
            }
            producer.flush();

            Map<String, BucketStatistics> expected = new HashMap<>();
            for (FeedbackSubmitted event : distinct) {
                Contribution contribution = Contribution.of(event);
                boolean late =
                        Duration.between(event.occurredAt(), Instant.now()).compareTo(Duration.ofHours(48)) > 0;
                for (BucketId id : contribution.buckets(ZoneOffset.UTC, !late)) {
                    expected.merge(id.value(), contribution.statisticsFor(id.granularity()), BucketStatistics::plus);
                }
            }
            // the injected failures are thrown on the stream threads (which are replaced) and may still be happening
            // while this waits: they are the test's doing, not a failure of it; the stores are unavailable meanwhile,
            // possibly for longer than one read's own wait (find), so only this deadline decides
            await().atMost(90, TimeUnit.SECONDS)
                    .pollInterval(Duration.ofMillis(250))
                    .dontCatchUncaughtExceptions()
                    .ignoreException(InvalidStateStoreException.class)
                    .ignoreException(ConditionTimeoutException.class)
                    .untilAsserted(() -> assertThat(statisticsOf(branch)).isEqualTo(expected));
            assertThat(crashes.get()).as("all injected failures happened").isNotPositive();
        } finally {
            failures.failAfter(0, null);
        }
    }

    /** Every bucket of the branch, by id. */
    private Map<String, BucketStatistics> statisticsOf(String branch) {
        Map<String, BucketStatistics> statistics = new HashMap<>();
        for (Granularity granularity : Granularity.values()) {
            find(TENANT, branch, granularity, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))
                    .forEach(bucket -> statistics.put(
                            new BucketId(TENANT, branch, granularity, bucket.bucketStart()).value(),
                            bucket.statistics()));
        }
        return statistics;
    }

    private static ProducerRecord<String, String> record(FeedbackSubmitted event) {
        return new ProducerRecord<>(
                Topics.FEEDBACK_SUBMITTED,
                event.recordKey(),
                JsonMapper.builder().build().writeValueAsString(event));
    }

    @Test
    void answersHealthAndPublishesItsApi() {
        assertThat(mvc.get().uri("/actuator/health"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("UP");
        assertThat(mvc.get().uri("/v3/api-docs"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.paths['/api/v1/buckets'].get.parameters[*].name")
                .asArray()
                .containsExactlyInAnyOrder("branchId", "from", "to", "granularity");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ConditionFactory eventually() {
        return await().atMost(30, TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(100))
                .pollInSameThread()
                .ignoreException(InvalidStateStoreException.class);
    }

    /** The buckets from the topology's stores, once they are queryable (not while a stream thread is (re)starting). */
    private List<BucketResponse> find(String tenant, String branch, Granularity granularity, Instant from, Instant to) {
        return eventually().until(() -> buckets.find(tenant, branch, granularity, from, to), found -> true);
    }

    private String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }

    private void produce(FeedbackSubmitted event) {
        produce(Topics.FEEDBACK_SUBMITTED, event.recordKey(), json.writeValueAsString(event));
    }

    private void produce(InteractionRecorded event) {
        produce(Topics.INTERACTION_RECORDED, event.recordKey(), json.writeValueAsString(event));
    }

    private void produce(io.servicequality.contracts.ComplaintChanged event) {
        produce(Topics.COMPLAINT_CHANGED, event.recordKey(), json.writeValueAsString(event));
    }

    private void produce(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    private String ofTenant(String tenant, ObjectNode event) {
        event.put("tenantId", tenant);
        return json.writeValueAsString(event);
    }

    private double rejected(String eventType) {
        var counter = meters.find(TenantGate.REJECTED)
                .tags("reason", "unknown-tenant", "event", eventType)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private String withFieldAddedByANewerProducer(FeedbackSubmitted event) {
        ObjectNode node = json.valueToTree(event);
        node.put("addedLater", 42);
        return json.writeValueAsString(node);
    }

    private Optional<BucketResponse> bucket(String branch) {
        return find(TENANT, branch, Granularity.HOUR, HOUR, HOUR.plusSeconds(3600)).stream()
                .findFirst();
    }

    /** The latest update of the branch's hour bucket. */
    private void awaitRevision(TopicTail metricUpdates, String branch, long revision) {
        eventually()
                .untilAsserted(() -> assertThat(latestMetricUpdate(metricUpdates, branch))
                        .hasValueSatisfying(
                                update -> assertThat(update.revision()).isEqualTo(revision)));
    }

    private Optional<MetricUpdated> latestMetricUpdate(TopicTail metricUpdates, String branch) {
        List<MetricUpdated> updates = metricUpdates.recordsWithKey(TENANT + ":" + branch).stream()
                .map(this::metricUpdated)
                .filter(update -> update.granularity() == Granularity.HOUR)
                .toList();
        return updates.isEmpty() ? Optional.empty() : Optional.of(updates.get(updates.size() - 1));
    }

    private MetricUpdated metricUpdated(ConsumerRecord<String, String> record) {
        return json.readValue(record.value(), MetricUpdated.class);
    }

    /**
     * The tenant gate (asked for every counted record) that, while armed, lets {@code every} records pass and then
     * throws, as often as {@code failures} allows: an unexpected error in the middle of a transaction.
     */
    static class FailingTenantGate extends TenantGate {

        private volatile AtomicInteger failures;
        private volatile int every;
        private final AtomicInteger passed = new AtomicInteger();

        FailingTenantGate(Set<String> knownTenants, MeterRegistry meters) {
            super(knownTenants, meters);
        }

        void failAfter(int every, AtomicInteger failures) {
            this.every = every;
            this.failures = failures;
        }

        @Override
        public boolean admits(io.servicequality.contracts.PlatformEvent event) {
            AtomicInteger armed = failures;
            if (armed != null && passed.incrementAndGet() % every == 0 && armed.getAndDecrement() > 0) {
                throw new IllegalStateException("simulated failure mid-transaction");
            }
            return super.admits(event);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CrashInjection {

        @Bean
        @Primary
        FailingTenantGate failingTenantGate(
                @org.springframework.beans.factory.annotation.Value("${sqp.security.known-tenants}") Set<String> known,
                MeterRegistry meters) {
            return new FailingTenantGate(known, meters);
        }
    }
}

package io.servicequality.scoring.bucket;

import static io.servicequality.scoring.bucket.TestEvents.TENANT;
import static io.servicequality.scoring.bucket.TestEvents.feedback;
import static io.servicequality.scoring.bucket.TestEvents.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.JacksonMapperUtils;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the counting topology, each its own process, share the partitions of a real (embedded KRaft)
 * broker; one is killed with SIGKILL in the middle of the load (its open transaction never commits). The other takes
 * its partitions over, restores their state from the changelogs and goes on: the last update published for every
 * bucket equals the plain computation over the distinct events — nothing lost, nothing counted twice, re-posted event
 * ids included.
 */
@EmbeddedKafka(
        partitions = 3,
        topics = {
            Topics.FEEDBACK_SUBMITTED,
            Topics.INTERACTION_RECORDED,
            Topics.COMPLAINT_CHANGED,
            Topics.METRIC_UPDATED,
            Topics.BRANCH_DIRECTORY,
            Topics.FEEDBACK_SUBMITTED + Topics.DEAD_LETTER_SUFFIX,
            Topics.INTERACTION_RECORDED + Topics.DEAD_LETTER_SUFFIX,
            Topics.COMPLAINT_CHANGED + Topics.DEAD_LETTER_SUFFIX
        })
class TwoInstancesIT {

    private static final JsonMapper JSON = JacksonMapperUtils.enhancedJsonMapper();
    private static final Pattern ACTIVE = Pattern.compile("ACTIVE (\\d+)");
    private static final int EVENTS = 3000;
    private static final int BRANCHES = 30;

    private final List<Process> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(Process::destroyForcibly);
    }

    @Test
    void theSurvivorTakesOverAKilledInstancesPartitionsAndEveryEventCountsOnce(EmbeddedKafkaBroker broker)
            throws Exception {
        String bootstrap = broker.getBrokersAsString();
        Path first = Files.createTempFile("counting-a", ".log");
        Path second = Files.createTempFile("counting-b", ".log");
        Process killed = start(bootstrap, first);
        Process survivor = start(bootstrap, second);
        // both running, the three tasks (one per partition of the counted topics) spread over the two
        await().atMost(90, TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    int a = lastActive(first);
                    int b = lastActive(second);
                    return a > 0 && b > 0 && a + b == 3;
                });

        Random random = new Random(11);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        List<PlatformEvent> distinct = new ArrayList<>();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                String branch = "BR-" + random.nextInt(BRANCHES);
                Instant at = hour.plusSeconds(random.nextInt(2 * 3600));
                PlatformEvent event = random.nextBoolean()
                        ? feedback(branch, at, 1 + random.nextInt(5), random.nextInt(11), 1 + random.nextInt(7))
                        : interaction(
                                branch,
                                at,
                                true,
                                false,
                                random.nextInt(60),
                                60 + random.nextInt(300),
                                random.nextBoolean(),
                                random.nextInt(4) == 0);
                distinct.add(event);
                producer.send(record(event));
                if (i % 10 == 5) {
                    producer.send(record(distinct.get(random.nextInt(distinct.size())))); // posted again
                }
                if (i == EVENTS / 2) {
                    producer.flush();
                    // both instances have committed counts of this load: the one killed now is in the middle of it
                    await().atMost(60, TimeUnit.SECONDS)
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> !lastPublished(bootstrap).isEmpty());
                    killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no close, no commit
                }
            }
            producer.flush();
        }

        Map<String, BucketStatistics> expected = new HashMap<>();
        for (PlatformEvent event : distinct) {
            Contribution contribution = event instanceof FeedbackSubmitted feedback
                    ? Contribution.of(feedback)
                    : Contribution.of((InteractionRecorded) event, 20);
            for (BucketId id : contribution.buckets(ZoneOffset.UTC, true)) {
                expected.merge(id.value(), contribution.statisticsFor(id.granularity()), BucketStatistics::plus);
            }
        }
        await().atMost(150, TimeUnit.SECONDS)
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(lastPublished(bootstrap)).isEqualTo(expected));
        assertThat(survivor.isAlive()).isTrue();
        assertThat(lastActive(second)).as("the survivor runs every task").isEqualTo(3);
    }

    private Process start(String bootstrap, Path output) throws IOException {
        Path state = Files.createTempDirectory("counting-state");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CountingInstance.class.getName(),
                        bootstrap,
                        state.toString(),
                        "two-instances-test")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        instances.add(process);
        return process;
    }

    /** The active task count the instance printed last, 0 before it ran. */
    private static int lastActive(Path output) throws IOException {
        int active = 0;
        Matcher matcher = ACTIVE.matcher(Files.readString(output));
        while (matcher.find()) {
            active = Integer.parseInt(matcher.group(1));
        }
        return active;
    }

    private static ProducerRecord<String, String> record(PlatformEvent event) {
        String topic = event instanceof FeedbackSubmitted ? Topics.FEEDBACK_SUBMITTED : Topics.INTERACTION_RECORDED;
        return new ProducerRecord<>(topic, event.recordKey(), JSON.writeValueAsString(event));
    }

    /** The committed metric updates, the highest revision per bucket. */
    private static Map<String, BucketStatistics> lastPublished(String bootstrap) {
        Map<String, MetricUpdated> latest = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.METRIC_UPDATED).stream()
                    .map(info -> new TopicPartition(Topics.METRIC_UPDATED, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    MetricUpdated update = JSON.readValue(record.value(), MetricUpdated.class);
                    String id =
                            new BucketId(TENANT, update.branchId(), update.granularity(), update.bucketStart()).value();
                    latest.merge(id, update, (a, b) -> a.revision() >= b.revision() ? a : b);
                });
            }
        }
        Map<String, BucketStatistics> statistics = new HashMap<>();
        latest.forEach((id, update) -> statistics.put(id, update.statistics()));
        return statistics;
    }
}

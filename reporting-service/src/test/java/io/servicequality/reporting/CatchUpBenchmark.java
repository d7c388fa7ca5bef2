package io.servicequality.reporting;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How fast reporting-service applies metric updates while catching up from a backlog: a real KRaft broker (in
 * process), the H2-file embedded store of the local run (a fresh file), and the service as it runs. Not a test: run it
 * by hand (see the module README); it prints the figures.
 *
 * <p>Before the service starts, {@code updates} metric updates (default 100,000) are published: 200 branches × 24
 * hours of one day × as many revisions as it takes, each carrying the contract sample's full statistics (≈ 2 KB). With
 * the second argument {@code hour} (the default) every update is of an hour bucket; with {@code scoring} they come as
 * scoring publishes them, each hour update beside one of a minute and one of the local day (which the read model does
 * not store), so a third are hour updates. The
 * clock runs from the service's start (context ready) to the moment its consumer group has committed every offset,
 * which it does only after the flush that wrote them. It also prints the store commands the service sent while
 * catching up ({@code mongodb.driver.commands}) and checks one branch's day total against the newest revision.
 */
public final class CatchUpBenchmark {

    private static final String TENANT = "demo";
    private static final int BRANCHES = 200;
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean scoringMix = args.length > 1 && args[1].equals("scoring");
        Path directory = Files.createTempDirectory("catch-up");
        EmbeddedKafkaBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, Topics.METRIC_UPDATED)
                .brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.afterPropertiesSet();
        try (EmbeddedStore store = EmbeddedStore.onFile(directory.resolve("store.mv"), "127.0.0.1", 0, 100, 128)) {
            int perRound = BRANCHES * 24 * (scoringMix ? 3 : 1);
            int revisions = (updates + perRound - 1) / perRound;
            long published = publish(kafka.getBrokersAsString(), revisions, updates, scoringMix);
            System.out.printf(
                    "published %d updates (%d revisions of %d branch-hours%s)%n",
                    published,
                    revisions,
                    24 * BRANCHES,
                    scoringMix ? ", each with a minute and a day update beside it" : "");

            long start = System.nanoTime();
            ConfigurableApplicationContext service = new SpringApplicationBuilder(ReportingServiceApplication.class)
                    .run(
                            "--server.port=0",
                            "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                            "--spring.mongodb.uri=" + store.connectionString(),
                            "--sqp.security.known-tenants=" + TENANT,
                            "--logging.level.root=WARN");
            double started = (System.nanoTime() - start) / 1e9;
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            double commandsBefore = commands(meters);
            long caughtUpAt;
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()))) {
                Map<TopicPartition, Long> end = endOffsets(admin);
                await().atMost(Duration.ofMinutes(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> committedReach(admin, end));
                caughtUpAt = System.nanoTime();
            }
            double seconds = (caughtUpAt - start) / 1e9 - started;
            double commands = commands(meters) - commandsBefore;
            System.out.printf(
                    "caught up with %d updates in %.1f s after start-up (%.1f s): %.0f updates/s; %.0f store commands,"
                            + " %.4f per update%n",
                    published, seconds, started, published / seconds, commands, commands / published);

            var totals = service.getBean(MetricBucketReadModel.class)
                    .total(TENANT, List.of(branch(0)), DAY, DAY.plus(1, ChronoUnit.DAYS));
            System.out.printf(
                    "check: branch %s day total feedbackCount %d (24 hours of the newest revision: %d)%n",
                    branch(0), totals.feedbackCount(), 24 * sample().feedbackCount());
            service.close();
        } finally {
            kafka.destroy();
        }
        System.exit(0);
    }

    /** One revision of one bucket of a branch. */
    private record Revision(Granularity granularity, Instant start, long revision) {}

    private static long publish(String brokers, int revisions, int limit, boolean scoringMix) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode template = (ObjectNode) json.readTree(EventSample.METRIC_UPDATED.json());
        long sent = 0;
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                262_144,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            for (int revision = 1; revision <= revisions; revision++) {
                for (int hour = 0; hour < 24; hour++) {
                    for (int b = 0; b < BRANCHES && sent < limit; b++) {
                        String branch = branch(b);
                        Instant hourStart = DAY.plus(hour, ChronoUnit.HOURS);
                        List<Revision> buckets = scoringMix
                                ? List.of(
                                        new Revision(
                                                Granularity.MINUTE, hourStart.plus(revision, ChronoUnit.MINUTES), 1),
                                        new Revision(Granularity.HOUR, hourStart, revision),
                                        new Revision(Granularity.DAY, DAY, (revision - 1) * 24L + hour + 1))
                                : List.of(new Revision(Granularity.HOUR, hourStart, revision));
                        for (Revision bucket : buckets) {
                            if (sent == limit) {
                                break;
                            }
                            Granularity granularity = bucket.granularity();
                            Instant start = bucket.start();
                            long bucketRevision = bucket.revision();
                            ObjectNode update = template.deepCopy();
                            update.put("tenantId", TENANT)
                                    .put("branchId", branch)
                                    .put("granularity", granularity.name())
                                    .put("bucketStart", start.toString())
                                    .put("revision", bucketRevision)
                                    .put(
                                            "eventId",
                                            MetricUpdated.eventIdOf(TENANT, branch, granularity, start, bucketRevision)
                                                    .toString());
                            producer.send(new ProducerRecord<>(
                                    Topics.METRIC_UPDATED,
                                    Topics.recordKey(TENANT, branch),
                                    json.writeValueAsString(update)));
                            sent++;
                        }
                    }
                }
            }
            producer.flush();
        }
        return sent;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Set<TopicPartition> partitions = admin
                .describeTopics(List.of(Topics.METRIC_UPDATED))
                .allTopicNames()
                .get()
                .get(Topics.METRIC_UPDATED)
                .partitions()
                .stream()
                .map(p -> new TopicPartition(Topics.METRIC_UPDATED, p.partition()))
                .collect(Collectors.toSet());
        return admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get()
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static boolean committedReach(Admin admin, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("reporting-service")
                .partitionsToOffsetAndMetadata()
                .get();
        return end.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata offset = committed.get(e.getKey());
            return offset != null && offset.offset() >= e.getValue();
        });
    }

    private static double commands(MeterRegistry meters) {
        return Search.in(meters).name("mongodb.driver.commands").timers().stream()
                .mapToDouble(timer -> timer.count())
                .sum();
    }

    private static io.servicequality.contracts.BucketStatistics sample() {
        return JsonMapper.builder()
                .build()
                .readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class)
                .statistics();
    }

    private static String branch(int b) {
        return "CATCHUP-%03d".formatted(b);
    }
}

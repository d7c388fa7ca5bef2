package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the freshness of the scoring path under an open-model load: sends {@code rate} events per second for
 * {@code seconds} (feedback 50 %, interactions 40 %, complaints opened 10 %, over {@code branches} branches, event time
 * = now), and tails {@code sqp.metric-updated.v1}. The n-th event of a branch counts as reflected when a DAY update of
 * that branch carries a total (feedback + offered interactions + opened complaints) of at least n; its freshness is
 * the time from the broker's acknowledgement of the record (its append) to the arrival of that update. Not a test:
 * run it against a running stack (see {@code measure-throughput.sh freshness}).
 *
 * <p>Arguments: {@code [rate (20)] [seconds (60)] [branches (200)]}. Environment: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code LOAD_TENANT} (demo, a tenant the service serves).
 */
public final class ScoringFreshness {

    private ScoringFreshness() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int branches = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String bootstrap = env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String tenant = env("LOAD_TENANT", "demo");
        String run = UUID.randomUUID().toString().substring(0, 6);
        JsonMapper json = JsonMapper.builder().build();
        Random random = new Random(7);

        // per branch: the ack times of its events in send order, and the highest total seen in an update
        Map<String, List<Long>> appended = new ConcurrentHashMap<>();
        Map<String, Integer> reflectedPerBranch = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> freshness = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();

        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        50),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.METRIC_UPDATED).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread tail = new Thread(() -> {
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long arrived = System.currentTimeMillis();
                    JsonNode update = json.readTree(record.value());
                    String branch = update.path("branchId").asString("");
                    if (!"DAY".equals(update.path("granularity").asString("")) || !branch.startsWith("FRESH-" + run)) {
                        continue;
                    }
                    JsonNode statistics = update.path("statistics");
                    int total = (int) (statistics.path("feedbackCount").asLong()
                            + statistics.path("interactions").path("offered").asLong()
                            + statistics.path("complaints").path("opened").asLong());
                    int before = reflectedPerBranch.getOrDefault(branch, 0);
                    if (total > before) {
                        List<Long> acks = appended.get(branch);
                        synchronized (acks) {
                            for (int n = before; n < total && n < acks.size(); n++) {
                                freshness.add(arrived - acks.get(n));
                            }
                        }
                        reflectedPerBranch.put(branch, total);
                    }
                }
            }
            consumer.close();
        });
        tail.start();

        long sent = 0;
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        1),
                new StringSerializer(),
                new StringSerializer())) {
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing an open-model load generator, not test synchronisation
                }
                String branch = "FRESH-" + run + "-" + random.nextInt(branches);
                Instant at = Instant.now();
                int kind = random.nextInt(10);
                PlatformEvent event = kind < 5
                        ? ScoringLoad.feedback(tenant, branch, at, random)
                        : kind < 9
                                ? ScoringLoad.interaction(tenant, branch, at, random)
                                : complaint(tenant, branch, at);
                String topic = kind < 5
                        ? Topics.FEEDBACK_SUBMITTED
                        : kind < 9 ? Topics.INTERACTION_RECORDED : Topics.COMPLAINT_CHANGED;
                List<Long> acks =
                        appended.computeIfAbsent(branch, b -> Collections.synchronizedList(new ArrayList<>()));
                producer.send(
                        new ProducerRecord<>(topic, event.recordKey(), json.writeValueAsString(event)),
                        (metadata, failure) -> {
                            if (failure == null) {
                                acks.add(System.currentTimeMillis());
                            }
                        });
                sent++;
            }
            producer.flush();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (freshness.size() < sent && System.nanoTime() < deadline) {
            Thread.sleep(200); // waiting for a remote service's progress; not test synchronisation
        }
        stop.set(true);
        tail.join();
        List<Long> sorted = new ArrayList<>(freshness);
        Collections.sort(sorted);
        System.out.printf(
                "offered %d events/s for %d s over %d branches: sent %d in %.1f s (%.0f events/s); reflected %d%n",
                rate, seconds, branches, sent, sendSeconds, sent / sendSeconds, sorted.size());
        if (!sorted.isEmpty()) {
            System.out.printf(
                    "freshness (append -> MetricUpdated DAY of the branch) ms: p50 %d, p90 %d, p99 %d, max %d%n",
                    percentile(sorted, 50),
                    percentile(sorted, 90),
                    percentile(sorted, 99),
                    sorted.get(sorted.size() - 1));
        }
    }

    private static ComplaintChanged complaint(String tenant, String branch, Instant at) {
        return new ComplaintChanged(
                UUID.randomUUID(),
                tenant,
                branch,
                at,
                ComplaintChanged.SCHEMA_VERSION,
                "c-" + UUID.randomUUID(),
                branch + "-1",
                ComplaintEventType.OPENED,
                Channel.PHONE,
                ComplaintCategory.QUALITY,
                "billing-error",
                Severity.HIGH,
                "accounts",
                at.plusSeconds(4 * 3600),
                at.plusSeconds(48 * 3600),
                null,
                null,
                null,
                "api",
                null,
                null,
                null,
                null);
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

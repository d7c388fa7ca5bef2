package io.servicequality.benchmark;

import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Freshness: the time from a probe's {@code 202} to the first metric update that reflects it. Probes are feedback
 * events for a branch of their own, posted one at a time a few times a second during the load; they share one hour
 * bucket, so the bucket's {@code feedbackCount} says how many of them the platform has counted (scoring counts a
 * branch's events in order). Updates are read from {@link Topics#METRIC_UPDATED}, the stream reporting-service's
 * live view is fed from.
 */
final class FreshnessProbe implements AutoCloseable {

    private final HttpClient http;
    private final String feedbackUrl;
    private final EventMix mix;
    private final String branch = "PROBE-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private final Map<Long, Long> acceptedAtNanos = new ConcurrentHashMap<>();
    private final Map<Long, Long> reflectedAtNanos = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Thread watcher;
    private volatile boolean running = true;
    private long sent;

    FreshnessProbe(HttpClient http, String feedbackUrl, String bootstrapServers, EventMix mix) {
        this.http = http;
        this.feedbackUrl = feedbackUrl;
        this.mix = mix;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.METRIC_UPDATED)
                .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.watcher = new Thread(this::watch, "freshness-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Posts the next probe and waits for its answer; called a few times a second by the benchmark. */
    void probe() throws Exception {
        long sequence = sent + 1;
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(feedbackUrl))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(mix.feedback(branch, occurredAt)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
            acceptedAtNanos.put(sequence, System.nanoTime());
            sent = sequence;
        }
    }

    /** Freshness of the probes after {@code afterSequence} seen reflected so far, in milliseconds. */
    double[] freshnessMillis(long afterSequence) {
        List<Double> values = new ArrayList<>();
        acceptedAtNanos.forEach((sequence, accepted) -> {
            Long reflected = reflectedAtNanos.get(sequence);
            if (sequence > afterSequence && reflected != null) {
                values.add(Math.max(0, reflected - accepted) / 1_000_000.0);
            }
        });
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    long probesSent() {
        return sent;
    }

    private void watch() {
        long counted = 0;
        while (running) {
            var records = consumer.poll(Duration.ofMillis(50));
            long now = System.nanoTime();
            for (var record : records) {
                if (!record.key().endsWith(":" + branch)) {
                    continue;
                }
                MetricUpdated update = json.readValue(record.value(), MetricUpdated.class);
                long count = update.statistics().feedbackCount();
                for (long sequence = counted + 1; sequence <= count; sequence++) {
                    reflectedAtNanos.putIfAbsent(sequence, now);
                }
                counted = Math.max(counted, count);
            }
        }
        consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        watcher.join(5_000);
    }
}

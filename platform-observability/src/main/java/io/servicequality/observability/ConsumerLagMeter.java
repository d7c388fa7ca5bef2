package io.servicequality.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * {@code sqp.kafka.consumer.lag{group,topic}}: how many records the service's consumer groups are behind, per topic
 * (the sum over partitions of the end offset minus the committed one), read from the broker every interval, for the
 * groups of this service's listener containers and any configured extra (Kafka Streams' application id). A group that
 * has committed nothing yet (the per-instance live groups never commit) is not shown. When the broker does not answer,
 * the rows are removed rather than left showing an old lag as current.
 */
class ConsumerLagMeter implements SmartLifecycle {

    static final String METER = "sqp.kafka.consumer.lag";

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMeter.class);

    private final KafkaAdmin kafka;
    private final Supplier<Set<String>> groups;
    private final Duration interval;
    private final Duration timeout;
    private final MultiGauge lag;
    private ScheduledExecutorService scheduler;
    private Admin admin;

    ConsumerLagMeter(
            KafkaAdmin kafka,
            Supplier<Set<String>> groups,
            MeterRegistry registry,
            Duration interval,
            Duration timeout) {
        this.kafka = kafka;
        this.groups = groups;
        this.interval = interval;
        this.timeout = timeout;
        this.lag = MultiGauge.builder(METER)
                .description("records the consumer group has not consumed yet, per topic")
                .register(registry);
    }

    /** Reads every group's lag once and publishes it; @return the lag by group and topic */
    Map<String, Map<String, Long>> measure() {
        Map<String, Map<String, Long>> byGroup = new HashMap<>();
        try {
            for (String group : groups.get()) {
                Map<String, Long> byTopic = lagOf(group);
                if (!byTopic.isEmpty()) {
                    byGroup.put(group, byTopic);
                }
            }
        } catch (Exception e) {
            log.debug("consumer lag not measured: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            lag.register(List.of(), true);
            return Map.of();
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byGroup.forEach((group, byTopic) -> byTopic.forEach(
                (topic, records) -> rows.add(MultiGauge.Row.of(Tags.of("group", group, "topic", topic), records))));
        lag.register(rows, true);
        return byGroup;
    }

    private Map<String, Long> lagOf(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        committed.put(partition, offset);
                    }
                });
        if (committed.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin().listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> byTopic = new HashMap<>();
        committed.forEach((partition, offset) -> byTopic.merge(
                partition.topic(), Math.max(0, ends.get(partition).offset() - offset.offset()), Long::sum));
        return byTopic;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consumer-lag-meter");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** The groups of the given names, in order, without repeats and without blanks. */
    static Set<String> distinct(List<String> names) {
        Set<String> distinct = new LinkedHashSet<>();
        names.stream().filter(name -> name != null && !name.isBlank()).forEach(distinct::add);
        return distinct;
    }
}

package io.servicequality.reporting.live;

import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Fills the {@link MinuteRing} after a start: reads every partition of the metric topic from the first record of the
 * ring's window up to the end the topic had when the reading began, keeping the minute buckets, then marks the ring
 * complete. {@link LiveFeed} has been taking everything published since the instance started meanwhile; a bucket read by
 * both is kept once, at its newest revision. No consumer group, nothing committed. Minute buckets are about a third of
 * the topic's records; a record whose bytes do not contain {@code MINUTE} cannot be one and is not parsed. If the broker
 * cannot be read, the rebuild starts over after a pause (the ring stays incomplete meanwhile).
 */
@Component
class MinuteRingRebuild {

    private static final Logger log = LoggerFactory.getLogger(MinuteRingRebuild.class);
    private static final byte[] MINUTE = Granularity.MINUTE.name().getBytes(StandardCharsets.US_ASCII);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

    private final ConsumerFactory<?, ?> consumers;
    private final MinuteRing ring;
    private final TenantGate tenants;
    private volatile Consumer<byte[], byte[]> reading;
    private volatile boolean stopped;

    MinuteRingRebuild(ConsumerFactory<?, ?> consumers, MinuteRing ring, TenantGate tenants) {
        this.consumers = consumers;
        this.ring = ring;
        this.tenants = tenants;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread thread = new Thread(this::rebuild, "minute-ring-rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    private void rebuild() {
        while (!stopped) {
            long started = System.nanoTime();
            try (Consumer<byte[], byte[]> consumer = openConsumer()) {
                reading = consumer;
                long records = readWindow(consumer);
                ring.markComplete();
                log.info(
                        "Minute ring rebuilt from {} records of the last {} in {} ms",
                        records,
                        ring.window(),
                        (System.nanoTime() - started) / 1_000_000);
                return;
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException failure) {
                log.warn("Rebuilding the minute ring failed; trying again in {}", RETRY_PAUSE, failure);
                try {
                    Thread.sleep(RETRY_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                reading = null;
            }
        }
    }

    @SuppressWarnings("unchecked") // the overrides make both deserializers byte arrays
    private Consumer<byte[], byte[]> openConsumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return (Consumer<byte[], byte[]>) consumers.createConsumer(null, "reporting-minute-ring", null, overrides);
    }

    private long readWindow(Consumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.METRIC_UPDATED).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> windowStart = new HashMap<>();
        long since = ring.oldestMinute().toEpochMilli();
        partitions.forEach(partition -> windowStart.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(windowStart);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = first.get(partition);
            consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
        }
        long records = 0;
        while (!stopped && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records++;
                    take(record.value());
                }
            }
        }
        return records;
    }

    private void take(byte[] value) {
        if (value == null || !contains(value, MINUTE)) {
            return;
        }
        MetricUpdated update;
        try {
            update = LiveView.read(value);
        } catch (JacksonException unreadable) {
            return; // the read model's consumer dead-letters it
        }
        if (update.tenantId() != null
                && update.branchId() != null
                && update.bucketStart() != null
                && update.statistics() != null
                && tenants.isKnown(update.tenantId())) {
            ring.record(update);
        }
    }

    private static boolean contains(byte[] value, byte[] token) {
        outer:
        for (int i = 0; i <= value.length - token.length; i++) {
            for (int j = 0; j < token.length; j++) {
                if (value[i + j] != token[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @PreDestroy
    void stop() {
        stopped = true;
        Consumer<byte[], byte[]> consumer = reading;
        if (consumer != null) {
            consumer.wakeup();
        }
    }
}

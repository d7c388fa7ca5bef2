package io.servicequality.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a whole compacted topic into memory and follows it: every instance reads every partition from the beginning
 * (manual assignment, no consumer group, no committed offsets), so each instance holds the complete current state.
 * Records that cannot be read are logged and skipped; a topic that does not exist yet is waited for.
 */
final class CompactedTopicReader<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String topic;
    private final Class<T> type;
    private final Consumer<T> sink;
    private final Map<String, Object> consumerProperties;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    CompactedTopicReader(String topic, Class<T> type, Consumer<T> sink, Map<String, Object> kafkaProperties) {
        this.topic = topic;
        this.type = type;
        this.sink = sink;
        Map<String, Object> properties = new HashMap<>(kafkaProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // reading must never create the topic with the broker's defaults (not compacted)
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "sqp-security-" + topic);
        this.consumerProperties = properties;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "compacted-reader-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties)) {
            consumer = kafka;
            List<TopicPartition> partitions = awaitPartitions(kafka);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("Stopped reading {}", topic, e);
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.debug("{} not reachable yet", topic);
            }
            // the topic does not exist yet (its owner has not started): look again shortly
            java.util.concurrent.locks.LockSupport.parkNanos(POLL.toNanos());
        }
        return List.of();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            T value = JSON.readValue(record.value(), type);
            if (value != null) {
                sink.accept(value);
            }
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable record {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
        }
    }
}

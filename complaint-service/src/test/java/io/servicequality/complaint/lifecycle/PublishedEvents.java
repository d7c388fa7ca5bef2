package io.servicequality.complaint.lifecycle;

import static org.awaitility.Awaitility.await;

import io.servicequality.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@link Topics#COMPLAINT_CHANGED} (or another topic) from the beginning, as raw JSON, the way a consumer would
 * see it.
 */
final class PublishedEvents implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    PublishedEvents(Object bootstrapServers) {
        this(bootstrapServers, Topics.COMPLAINT_CHANGED);
    }

    PublishedEvents(Object bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until {@code count} records match, and returns all that match at that moment. */
    List<ConsumerRecord<String, String>> awaitMatching(Predicate<ConsumerRecord<String, String>> matching, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return matching(matching).size() >= count;
        });
        return matching(matching);
    }

    /** Records matching so far, after reading whatever else arrived. */
    List<ConsumerRecord<String, String>> readSoFar(Predicate<ConsumerRecord<String, String>> matching) {
        consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
        return matching(matching);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> matching) {
        return seen.stream().filter(matching).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

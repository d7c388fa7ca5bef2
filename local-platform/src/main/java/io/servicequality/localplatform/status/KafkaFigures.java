package io.servicequality.localplatform.status;

import io.servicequality.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the broker says about the platform's consumers and dead letters, read through the admin API. */
final class KafkaFigures implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COUNTING_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrap;
    private final Admin admin;

    KafkaFigures(int port) {
        this.bootstrap = "localhost:" + port;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "platform-status",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT.toMillis()));
    }

    /**
     * A consumer group: its state, how many members it has and how many records it has not committed yet ({@code
     * lag}; {@code null} for a group that commits no offsets).
     */
    record GroupLag(String group, String state, int members, Long lag) {}

    /**
     * A dead-letter topic and the records in it. {@code exact} is false when counting took too long: then {@code
     * records} is a lower bound.
     */
    record DeadLetters(String topic, long records, boolean exact) {}

    List<GroupLag> consumerLag() throws Exception {
        Collection<GroupListing> listings =
                get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all());
        if (listings.isEmpty()) {
            return List.of();
        }
        List<String> groups =
                listings.stream().map(GroupListing::groupId).sorted().toList();
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                get(admin.listConsumerGroupOffsets(specs).all());
        Map<String, ConsumerGroupDescription> descriptions =
                get(admin.describeConsumerGroups(groups).all());
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        // read-committed end offsets: records of a transaction still open are not lag yet
        Map<TopicPartition, Long> ends = endOffsets(partitions, IsolationLevel.READ_COMMITTED);
        List<GroupLag> lags = new ArrayList<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group, Map.of());
            long behind = 0;
            for (var entry : offsets.entrySet()) {
                long at = entry.getValue() == null ? 0 : entry.getValue().offset();
                behind += Math.max(0, ends.getOrDefault(entry.getKey(), at) - at);
            }
            ConsumerGroupDescription description = descriptions.get(group);
            lags.add(new GroupLag(
                    group,
                    description == null ? "?" : description.groupState().toString(),
                    description == null ? 0 : description.members().size(),
                    offsets.isEmpty() ? null : behind));
        }
        return lags;
    }

    /**
     * The records in each {@code *.dlt} topic. Counted by reading them (read-committed) rather than from the offsets:
     * a dead letter written in a transaction (scoring-service's stream processing) is followed by a commit marker
     * that takes an offset too. Only partitions with something in them are read; dead-letter topics stay small.
     */
    List<DeadLetters> deadLetters() throws Exception {
        List<String> topics = get(admin.listTopics().names()).stream()
                .filter(topic -> topic.endsWith(Topics.DEAD_LETTER_SUFFIX))
                .sorted()
                .toList();
        if (topics.isEmpty()) {
            return List.of();
        }
        Set<TopicPartition> partitions = new HashSet<>();
        get(admin.describeTopics(topics).allTopicNames())
                .forEach((topic, description) -> description
                        .partitions()
                        .forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition()))));
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest(), IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> ends = endOffsets(partitions, IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> toRead = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (ends.getOrDefault(partition, 0L) > starts.getOrDefault(partition, 0L)) {
                toRead.put(partition, ends.get(partition));
            }
        }
        Map<String, Long> counts = new HashMap<>();
        boolean exact = count(toRead, starts, counts);
        return topics.stream()
                .map(topic -> new DeadLetters(topic, counts.getOrDefault(topic, 0L), exact))
                .toList();
    }

    /** Reads the partitions from their start to the given end offsets, counting records per topic. */
    private boolean count(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts, Map<String, Long> counts) {
        if (ends.isEmpty()) {
            return true;
        }
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "platform-status",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000);
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            ends.keySet().forEach(partition -> consumer.seek(partition, starts.getOrDefault(partition, 0L)));
            Set<TopicPartition> open = new HashSet<>(ends.keySet());
            long deadline = System.nanoTime() + COUNTING_TIMEOUT.toNanos();
            while (!open.isEmpty() && System.nanoTime() - deadline < 0) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(partition)) {
                        counts.merge(record.topic(), 1L, Long::sum);
                    }
                }
                open.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
            }
            return open.isEmpty();
        }
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions, IsolationLevel isolation)
            throws Exception {
        return offsets(partitions, OffsetSpec.latest(), isolation);
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec, IsolationLevel isolation)
            throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        get(admin.listOffsets(request, new ListOffsetsOptions(isolation)).all())
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static <T> T get(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}

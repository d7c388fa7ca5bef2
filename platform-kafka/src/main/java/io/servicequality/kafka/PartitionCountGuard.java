package io.servicequality.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The partition count of an existing platform topic never changes by configuration. Every platform topic is keyed
 * (tenant and branch, complaint, action …) and a record's partition is its key's hash modulo the count: adding
 * partitions would send a key's later records to another partition than its earlier ones, so consumers would see them
 * out of order and Kafka Streams' co-partitioned state would split. Spring's {@link KafkaAdmin} adds partitions
 * whenever the declared count exceeds the existing one; this guard keeps it from touching such a topic and refuses to
 * start the service, naming the topics, the counts and what to do. A declared count below the existing one is
 * harmless (the producer places records by the real count) and is only logged.
 */
public final class PartitionCountGuard implements Predicate<NewTopic>, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(PartitionCountGuard.class);
    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaAdmin admin;
    private final List<NewTopic> declared;
    private volatile Map<String, Integer> existing;

    public PartitionCountGuard(KafkaAdmin admin, List<NewTopic> declared) {
        this.admin = admin;
        this.declared = List.copyOf(declared);
    }

    /** For {@link KafkaAdmin#setCreateOrModifyTopic}: leaves alone an existing topic whose count would grow. */
    @Override
    public boolean test(NewTopic topic) {
        return existingPartitions(topic.name())
                .map(count -> topic.numPartitions() <= count)
                .orElse(true);
    }

    /** At start-up: refuses to run against topics with fewer partitions than declared. */
    @Override
    public void afterSingletonsInstantiated() {
        List<String> grown = new ArrayList<>();
        for (NewTopic topic : declared) {
            Optional<Integer> existing = existingPartitions(topic.name());
            if (existing.isEmpty() || existing.get() == topic.numPartitions()) {
                continue;
            }
            if (existing.get() < topic.numPartitions()) {
                grown.add(topic.name() + " has " + existing.get() + " partitions, " + topic.numPartitions()
                        + " are configured");
            } else {
                log.info(
                        "topic {} has {} partitions, {} are configured: it keeps its {}",
                        topic.name(),
                        existing.get(),
                        topic.numPartitions(),
                        existing.get());
            }
        }
        if (!grown.isEmpty()) {
            throw new IllegalStateException(
                    "The partition count of keyed topics never changes: " + String.join("; ", grown)
                            + ". Adding partitions would move keys to other partitions (their events out of order, Kafka"
                            + " Streams' state split). Set SQP_KAFKA_PARTITIONS (sqp.kafka.partitions) to the topics' count;"
                            + " to really use more partitions, move to new topics and rebuild the read models from them.");
        }
    }

    /**
     * The topic's partition count, or empty when it does not exist or the broker cannot say. The declared topics are
     * read once, together, the first time one is asked for: at start-up, before or after {@link KafkaAdmin} has made
     * the missing ones (which then have the declared count).
     */
    private Optional<Integer> existingPartitions(String topic) {
        Map<String, Integer> counts = existing;
        if (counts == null) {
            counts = describe(declared.stream().map(NewTopic::name).toList());
            existing = counts;
        }
        return counts.containsKey(topic)
                ? Optional.of(counts.get(topic))
                : Optional.ofNullable(describe(List.of(topic)).get(topic));
    }

    private Map<String, Integer> describe(List<String> topics) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Object> configuration = new HashMap<>(admin.getConfigurationProperties());
        int timeout = (int) DESCRIBE_TIMEOUT.toMillis();
        configuration.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        configuration.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        AdminClient client = AdminClient.create(configuration);
        try {
            Map<String, KafkaFuture<TopicDescription>> descriptions = client.describeTopics(
                            topics, new DescribeTopicsOptions().timeoutMs(timeout))
                    .topicNameValues();
            long deadline = System.nanoTime() + DESCRIBE_TIMEOUT.toNanos();
            for (var description : descriptions.entrySet()) {
                try {
                    counts.put(
                            description.getKey(),
                            description
                                    .getValue()
                                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                                    .partitions()
                                    .size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        log.warn(
                                "could not read the partition count of {}: {}",
                                description.getKey(),
                                e.getCause().toString());
                    }
                } catch (TimeoutException e) {
                    log.warn(
                            "could not read the partition count of {} within {}",
                            description.getKey(),
                            DESCRIBE_TIMEOUT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // a broker that does not answer must not hold the start-up: pending calls are abandoned
            client.close(Duration.ZERO);
        }
        return counts;
    }
}

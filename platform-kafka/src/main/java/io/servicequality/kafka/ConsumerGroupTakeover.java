package io.servicequality.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Lets a renamed consumer group ({@link ConsumerGroupRenames}) continue where its old name stopped. When a partition is
 * assigned to a listener of the new group and the new group has committed nothing for it yet, the consumer is moved to
 * the old group's committed offset before its first fetch, instead of {@code auto.offset.reset}; the container commits
 * under the new name from there on. A partition the new group has committed for is left alone, so this is a no-op
 * after the first run, on every instance and every restart. It happens at assignment, when the broker is there
 * anyway: a service still starts while the broker is away, and nothing is read before the takeover.
 *
 * <p>The old group is left for the operator to delete ({@code kafka-consumer-groups.sh --delete --group <old>}) once
 * every instance runs the new version; the log names it.
 */
public final class ConsumerGroupTakeover {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupTakeover.class);

    private final Map<String, String> oldNameOf = new HashMap<>();
    private final KafkaAdmin admin;
    private final Duration timeout;

    public ConsumerGroupTakeover(List<ConsumerGroupRenames.Rename> renames, KafkaAdmin admin, Duration timeout) {
        renames.forEach(rename -> oldNameOf.put(rename.to(), rename.from()));
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Makes a container of a renamed group take over its old name's offsets; the rebalance listener it has keeps being
     * called, after the takeover. Containers of other groups are left as they are.
     */
    public void attach(AbstractMessageListenerContainer<?, ?> container) {
        String group = container.getGroupId();
        if (group == null || !oldNameOf.containsKey(group)) {
            return;
        }
        var properties = container.getContainerProperties();
        properties.setConsumerRebalanceListener(
                new TakingOver(oldNameOf.get(group), properties.getConsumerRebalanceListener()));
    }

    /** Moves the fresh partitions to the old group's offsets; @return how many were moved */
    int takeOver(String oldName, Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> own = consumer.committed(new HashSet<>(assigned));
        List<TopicPartition> fresh = assigned.stream()
                .filter(partition -> own.get(partition) == null)
                .toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> previous = committedBy(oldName);
        int moved = 0;
        for (TopicPartition partition : fresh) {
            OffsetAndMetadata offset = previous.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
                moved++;
            }
        }
        if (moved > 0) {
            log.info(
                    "consumer group {} continues at the offsets {} committed on {} partitions; delete {} once every"
                            + " instance runs under the new name",
                    consumer.groupMetadata().groupId(),
                    oldName,
                    moved,
                    oldName);
        }
        return moved;
    }

    private Map<TopicPartition, OffsetAndMetadata> committedBy(String group) {
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            client.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, offset) -> {
                        if (offset != null) {
                            committed.put(partition, offset);
                        }
                    });
            return committed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the offsets of consumer group " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            // thrown from the assignment: the container does not fetch from the reset position, it polls again
            throw new IllegalStateException("the offsets of consumer group " + group + " could not be read", e);
        }
    }

    /** The takeover, then the container's own rebalance listener, if it has one. */
    private final class TakingOver implements ConsumerAwareRebalanceListener {

        private final String oldName;
        private final ConsumerRebalanceListener own;

        TakingOver(String oldName, ConsumerRebalanceListener own) {
            this.oldName = oldName;
            this.own = own;
        }

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            takeOver(oldName, consumer, partitions);
            if (own instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsAssigned(consumer, partitions);
            } else if (own != null) {
                own.onPartitionsAssigned(partitions);
            }
        }

        @Override
        public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (own instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsRevokedBeforeCommit(consumer, partitions);
            } else if (own != null) {
                own.onPartitionsRevoked(partitions);
            }
        }

        @Override
        public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (own instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsRevokedAfterCommit(consumer, partitions);
            }
        }

        @Override
        public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            if (own instanceof ConsumerAwareRebalanceListener aware) {
                aware.onPartitionsLost(consumer, partitions);
            } else if (own != null) {
                own.onPartitionsLost(partitions);
            }
        }
    }
}

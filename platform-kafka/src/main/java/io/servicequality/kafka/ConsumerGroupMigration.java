package io.servicequality.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Moves the committed offsets of renamed consumer groups ({@link ConsumerGroupRenames}) to their new names, before the
 * listener containers start (an earlier lifecycle phase than theirs). A new group takes over its old name's offsets
 * only while it has none of its own: once it committed anything (it ran, or another instance took over first), nothing
 * is copied again, so the migration is safe to run at every start and on every instance. A group whose old name never
 * committed starts as any new group does ({@code auto.offset.reset}). The old group is left for the operator to
 * delete ({@code kafka-consumer-groups.sh --delete --group <old>}); the log says which.
 *
 * <p>A broker that does not answer within the timeout fails the start: starting the listeners anyway would let the new
 * group begin at {@code auto.offset.reset} and never take the old offsets over.
 */
public final class ConsumerGroupMigration implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupMigration.class);

    private final List<ConsumerGroupRenames.Rename> renames;
    private final KafkaAdmin admin;
    private final Duration timeout;
    private volatile boolean running;

    public ConsumerGroupMigration(List<ConsumerGroupRenames.Rename> renames, KafkaAdmin admin, Duration timeout) {
        this.renames = List.copyOf(renames);
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        if (!renames.isEmpty()) {
            try (Admin client = Admin.create(admin.getConfigurationProperties())) {
                for (ConsumerGroupRenames.Rename rename : renames) {
                    migrate(client, rename);
                }
            }
        }
        running = true;
    }

    /** @return how many partitions' offsets the new group took over */
    int migrate(Admin client, ConsumerGroupRenames.Rename rename) {
        try {
            if (!committed(client, rename.to()).isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetAndMetadata> old = committed(client, rename.from());
            if (old.isEmpty()) {
                return 0;
            }
            client.alterConsumerGroupOffsets(rename.to(), old).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info(
                    "consumer group {} took over the offsets {} committed on {} partitions; {} can be deleted",
                    rename.to(),
                    rename.from(),
                    old.size(),
                    rename.from());
            return old.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while renaming consumer group " + rename.from(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "consumer group " + rename.from() + " could not be renamed to " + rename.to() + " (" + e
                            + "); not starting the listeners, which would begin " + rename.to() + " afresh",
                    e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(Admin client, String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        return client
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .entrySet()
                .stream()
                .filter(entry -> entry.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listener containers (and the endpoint registry that starts them). */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
    }
}

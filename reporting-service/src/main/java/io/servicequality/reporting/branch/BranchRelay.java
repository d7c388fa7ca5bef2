package io.servicequality.reporting.branch;

import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes stored directory changes to the compacted {@link Topics#BRANCH_DIRECTORY}: right after the write, and in
 * a periodic sweep for whatever was not acknowledged (Kafka down, a crash after the write), by platform-kafka's
 * {@link OutboxRelay} over {@link Branches}, the branches' outbox. Marked published only
 * after the broker's ack, so every version is published at least once; the latest record per key is the branch's
 * current entry.
 */
@Component
class BranchRelay {

    private static final Logger log = LoggerFactory.getLogger(BranchRelay.class);

    private final Branches branches;
    private final KafkaOperations<Object, Object> kafka;
    private final OutboxRelay relay;

    BranchRelay(Branches branches, KafkaOperations<Object, Object> kafka, OutboxRelay relay) {
        this.branches = branches;
        this.kafka = kafka;
        this.relay = relay;
    }

    /**
     * Sends the change without making the caller wait for the broker (the acknowledgement is recorded off the
     * producer's I/O thread); the sweep retries what does not get through.
     */
    void publishSoon(Branch branch) {
        BranchChanged event = branch.toEvent();
        kafka.send(Topics.BRANCH_DIRECTORY, event.recordKey(), event).whenCompleteAsync((result, failure) -> {
            if (failure == null) {
                branches.markPublished(branch);
            } else {
                log.warn(
                        "branch {} version {} not acknowledged yet: {}",
                        branch.id(),
                        branch.version(),
                        failure.toString());
            }
        });
    }

    @Scheduled(fixedDelayString = "${sqp.branch-directory.relay-interval:5s}")
    void publishUnacknowledged() {
        relay.relay(branches, 100);
    }
}

package io.servicequality.reporting.branch;

import io.servicequality.contracts.Topics;
import io.servicequality.kafka.OutboxRelay;
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

    private final Branches branches;
    private final OutboxRelay relay;

    BranchRelay(Branches branches, OutboxRelay relay) {
        this.branches = branches;
        this.relay = relay;
    }

    /**
     * Sends the change without making the caller wait for the broker (the acknowledgement is recorded off the
     * producer's I/O thread); the sweep retries what does not get through.
     */
    void publishSoon(Branch branch) {
        relay.publishSoon(branches, branch);
    }

    @Scheduled(fixedDelayString = "${sqp.branch-directory.relay-interval:5s}")
    void publishUnacknowledged() {
        relay.relay(branches, 100);
    }
}

package io.servicequality.reporting.branch;

import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes stored directory changes to the compacted {@link Topics#BRANCH_DIRECTORY}: right after the write, and in
 * a periodic sweep for whatever was not acknowledged (Kafka down, a crash after the write). Marked published only
 * after the broker's ack, so every version is published at least once; the latest record per key is the branch's
 * current entry.
 */
@Component
class BranchRelay {

    private static final Logger log = LoggerFactory.getLogger(BranchRelay.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

    private final Branches branches;
    private final KafkaOperations<Object, Object> kafka;

    BranchRelay(Branches branches, KafkaOperations<Object, Object> kafka) {
        this.branches = branches;
        this.kafka = kafka;
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
        for (Branch branch : branches.unpublished(100)) {
            BranchChanged event = branch.toEvent();
            try {
                kafka.send(Topics.BRANCH_DIRECTORY, event.recordKey(), event)
                        .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                branches.markPublished(branch);
            } catch (ExecutionException | TimeoutException notAcknowledged) {
                log.warn("branch directory relay: {} not acknowledged: {}", branch.id(), notAcknowledged.toString());
                return;
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

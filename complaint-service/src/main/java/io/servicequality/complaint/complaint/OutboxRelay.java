package io.servicequality.complaint.complaint;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the events waiting in complaints' outboxes to {@link Topics#COMPLAINT_CHANGED}, keyed
 * {@code tenantId:branchId}: right after a complaint is written, and in a periodic sweep for whatever is left after
 * Kafka was unreachable or the process stopped.
 *
 * <p>At least once: an event leaves the outbox only after the broker acknowledged it, so a crash in between
 * publishes it again with the same {@code eventId}, which consumers use to drop the duplicate. One relay at a time
 * holds a complaint's events and sends them one by one, each after the previous was acknowledged: in order.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final KafkaOperations<String, ComplaintChanged> kafka;
    private final Duration sendTimeout;
    private final Executor executor;

    OutboxRelay(
            Outbox outbox,
            KafkaOperations<String, ComplaintChanged> kafka,
            OutboxProperties properties,
            @Qualifier("outboxRelayExecutor") Executor executor) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.sendTimeout = properties.sendTimeout();
        this.executor = executor;
    }

    /** Publishes the complaint's pending events in the background; the sweep catches anything this misses. */
    void publishSoon(String complaintId) {
        try {
            executor.execute(() -> publish(complaintId));
        } catch (RejectedExecutionException e) {
            log.debug("Relay busy; the sweep will publish complaint {}'s events", complaintId);
        }
    }

    @Scheduled(
            fixedDelayString = "${sqp.complaints.outbox.sweep-interval:1s}",
            initialDelayString = "${sqp.complaints.outbox.sweep-interval:1s}")
    void sweep() {
        List<String> pending;
        try {
            pending = outbox.unclaimedWithPendingEvents();
        } catch (DataAccessException e) {
            log.warn("The outbox sweep waits for the store: {}", e.toString());
            return;
        }
        for (String complaintId : pending) {
            if (!publish(complaintId)) {
                // Kafka or the store is unhealthy: leave the rest for the next sweep instead of timing out on each.
                return;
            }
        }
    }

    /**
     * Publishes the complaint's pending events, oldest first, stopping at the first failure.
     *
     * @return false if an event could not be published or forgotten (it stays pending), true otherwise, including
     *     when there was nothing to do or another relay holds the complaint
     */
    boolean publish(String complaintId) {
        Outbox.Claim claim;
        try {
            claim = outbox.claim(complaintId).orElse(null);
        } catch (DataAccessException e) {
            log.warn("Cannot claim complaint {}'s pending events: {}", complaintId, e.toString());
            return false;
        }
        if (claim == null) {
            return true;
        }
        try {
            for (ComplaintChanged event : claim.events()) {
                kafka.send(Topics.COMPLAINT_CHANGED, event.recordKey(), event)
                        .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                outbox.remove(claim, event.eventId());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Complaint {}'s events stay pending, to be retried: {}", complaintId, e.toString());
            return false;
        } finally {
            release(claim);
        }
    }

    private void release(Outbox.Claim claim) {
        try {
            outbox.release(claim);
        } catch (DataAccessException e) {
            log.warn(
                    "Cannot release complaint {}'s claim; it expires by itself: {}", claim.complaintId(), e.toString());
        }
    }
}

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
 * <p>The sweep works through an in-memory {@link OutboxBacklog} fed by every write of this process (and by failed or
 * contended attempts), reading each complaint by {@code _id}; it does not ask the store which complaints have pending
 * events, which the embedded store answers by reading every complaint. That question is asked only by the recovery
 * read: at the first sweep (start-up) and every {@code sqp.complaints.outbox.recovery-interval}, for events a crashed
 * process or another instance left behind. The backlog is a hint; what is published is decided on the document.
 *
 * <p>At least once: an event leaves the outbox only after the broker acknowledged it, so a crash in between
 * publishes it again with the same {@code eventId}, which consumers use to drop the duplicate. One relay at a time
 * holds a complaint's events and sends them one by one, each after the previous was acknowledged: in order.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** What one attempt on a complaint came to. */
    private enum Outcome {
        /** everything pending went out, or nothing was pending */
        DONE,
        /** another relay holds the events, or the complaint changed while we looked: try again later */
        HELD,
        /** Kafka or the store failed */
        FAILED
    }

    private final Outbox outbox;
    private final KafkaOperations<String, ComplaintChanged> kafka;
    private final Duration sendTimeout;
    private final Executor executor;
    private final int sweepBatchSize;
    private final long recoveryIntervalNanos;
    private final OutboxBacklog backlog = new OutboxBacklog();
    private final Object recoveryLock = new Object();
    private boolean recovered;
    private long lastRecoveryNanos;

    OutboxRelay(
            Outbox outbox,
            KafkaOperations<String, ComplaintChanged> kafka,
            OutboxProperties properties,
            @Qualifier("outboxRelayExecutor") Executor executor) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.sendTimeout = properties.sendTimeout();
        this.executor = executor;
        this.sweepBatchSize = properties.sweepBatchSize();
        this.recoveryIntervalNanos = properties.recoveryInterval().toNanos();
    }

    /**
     * Publishes the complaint's pending events in the background; the sweep catches anything this misses. Call it
     * after the write.
     */
    void publishSoon(String complaintId) {
        backlog.add(complaintId);
        try {
            executor.execute(() -> {
                // taken out before reading: a write after this adds it again
                if (backlog.remove(complaintId)) {
                    relay(complaintId);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Relay busy; the sweep will publish complaint {}'s events", complaintId);
        }
    }

    @Scheduled(
            fixedDelayString = "${sqp.complaints.outbox.sweep-interval:1s}",
            initialDelayString = "${sqp.complaints.outbox.sweep-interval:1s}")
    void sweep() {
        try {
            recoverIfDue();
        } catch (DataAccessException e) {
            log.warn("The outbox sweep waits for the store: {}", e.toString());
            return;
        }
        List<String> batch = backlog.take(sweepBatchSize);
        for (int i = 0; i < batch.size(); i++) {
            if (relay(batch.get(i)) == Outcome.FAILED) {
                // Kafka or the store is unhealthy: leave the rest for the next sweep instead of timing out on each.
                backlog.addAll(batch.subList(i + 1, batch.size()));
                return;
            }
        }
    }

    /** Number of complaints waiting in the in-memory backlog (for tests and diagnostics). */
    int backlogSize() {
        return backlog.size();
    }

    private void recoverIfDue() {
        synchronized (recoveryLock) {
            long now = System.nanoTime();
            if (recovered && now - lastRecoveryNanos < recoveryIntervalNanos) {
                return;
            }
            List<String> found = outbox.unclaimedWithPendingEvents();
            backlog.addAll(found);
            recovered = true;
            lastRecoveryNanos = now;
            if (!found.isEmpty()) {
                log.info("Recovery found {} complaints with unpublished events", found.size());
            }
        }
    }

    /**
     * Publishes the complaint's pending events, oldest first, stopping at the first failure; what could not be
     * published stays in the backlog for the next sweep.
     *
     * @return false if an event could not be published or forgotten (it stays pending), true otherwise, including
     *     when there was nothing to do or another relay holds the complaint
     */
    boolean publish(String complaintId) {
        return relay(complaintId) != Outcome.FAILED;
    }

    private Outcome relay(String complaintId) {
        Outcome outcome = attempt(complaintId);
        if (outcome != Outcome.DONE) {
            backlog.add(complaintId);
        }
        return outcome;
    }

    private Outcome attempt(String complaintId) {
        Outbox.Claim claim;
        try {
            Outbox.Attempt attempt = outbox.attempt(complaintId);
            if (attempt.held()) {
                return Outcome.HELD;
            }
            claim = attempt.claimOrNull();
        } catch (DataAccessException e) {
            log.warn("Cannot claim complaint {}'s pending events: {}", complaintId, e.toString());
            return Outcome.FAILED;
        }
        if (claim == null) {
            return Outcome.DONE;
        }
        try {
            for (ComplaintChanged event : claim.events()) {
                kafka.send(Topics.COMPLAINT_CHANGED, event.recordKey(), event)
                        .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                outbox.remove(claim, event.eventId());
            }
            return Outcome.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Complaint {}'s events stay pending, to be retried: {}", complaintId, e.toString());
            return Outcome.FAILED;
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

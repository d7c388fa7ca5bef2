package io.servicequality.complaint.lifecycle;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.OutboxRelay;
import io.servicequality.kafka.OutboxRelay.Publication;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the events waiting in complaints' outboxes to {@link Topics#COMPLAINT_CHANGED}, keyed
 * {@code tenantId:branchId}: right after a complaint is written, and in a periodic sweep for whatever is left after
 * Kafka was unreachable or the process stopped.
 *
 * <p>The sweep works through an in-memory {@link OutboxBacklog} fed by every write of this process (and by failed or
 * contended attempts), reading each complaint by {@code _id}; it does not query the store for complaints with pending
 * events every second. That question is asked only by the recovery read: at the first sweep (start-up) and every {@code sqp.complaints.outbox.recovery-interval}, for events a crashed
 * process or another instance left behind. The backlog is a hint; what is published is decided on the document.
 *
 * <p>A new complaint's events are claimed by the insert that records them ({@link Outbox#claimNew}) and published in
 * batches ({@link #publishClaimed}): one drain at a time sends every queued complaint's events, waits for the
 * acknowledgements, then forgets the published events and gives the claims back in one bulk write. While a batch is in
 * flight the next one gathers, so under load an opening costs the store its insert plus a share of one bulk write
 * (it cost a read, a claim, a removal per event and a release before). A claim whose events fail is given back and
 * left to the sweep.
 *
 * <p>Sending and waiting for the broker is platform-kafka's {@link OutboxRelay#publish} (each claim a group, one
 * deadline per batch, {@code sqp.kafka.outbox-ack-timeout}); what stays here is the complaint's side: claims, the
 * backlog, the recovery read and the bulk write that forgets what was acknowledged.
 *
 * <p>At least once: an event leaves the outbox only after the broker acknowledged it and every other event of its
 * claim, so a crash in between, or a failure of another event of the claim, publishes it again with the same
 * {@code eventId}, which consumers use to drop the duplicate. One relay at a time holds a complaint's events and sends
 * them in order, on one producer (the record key, and so the partition, is the complaint's branch): in order.
 */
@Component
class ComplaintEventRelay {

    private static final Logger log = LoggerFactory.getLogger(ComplaintEventRelay.class);

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
    private final OutboxRelay publisher;
    private final Executor executor;
    private final int sweepBatchSize;
    private final long recoveryIntervalNanos;
    private final int publishBatchSize;
    private final OutboxBacklog backlog = new OutboxBacklog();
    private final Queue<Outbox.Claim> claimed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Object recoveryLock = new Object();
    private boolean recovered;
    private long lastRecoveryNanos;

    ComplaintEventRelay(
            Outbox outbox,
            OutboxRelay publisher,
            OutboxProperties properties,
            @Qualifier("outboxRelayExecutor") Executor executor) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.executor = executor;
        this.sweepBatchSize = properties.sweepBatchSize();
        this.publishBatchSize = properties.publishBatchSize();
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

    /** Claims a new complaint's events on the document, before its insert ({@link Outbox#claimNew}). */
    Outbox.Claim claimNew(Complaint complaint) {
        return outbox.claimNew(complaint);
    }

    /**
     * Publishes a new complaint's claimed events in the background, with the other complaints' queued meanwhile. Call
     * it after the insert that stored the claim.
     */
    void publishClaimed(Outbox.Claim claim) {
        claimed.add(claim);
        drainSoon();
    }

    private void drainSoon() {
        if (claimed.isEmpty() || !draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drainClaimed);
        } catch (RejectedExecutionException e) {
            draining.set(false);
            log.debug("Relay busy; the sweep will publish the claimed events");
        }
    }

    /** Publishes the queued claims batch by batch until none is left; one drain at a time. */
    private void drainClaimed() {
        try {
            List<Outbox.Claim> batch;
            while (!(batch = takeClaimed()).isEmpty()) {
                publishBatch(batch);
            }
        } finally {
            draining.set(false);
        }
        // a claim queued after the last take and before the flag was cleared
        drainSoon();
    }

    private List<Outbox.Claim> takeClaimed() {
        List<Outbox.Claim> batch = new ArrayList<>();
        Outbox.Claim next;
        while (batch.size() < publishBatchSize && (next = claimed.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    /**
     * Sends every event of the batch, waits for the acknowledgements, then forgets the published events and releases
     * the claims in one bulk; a claim with a failed event keeps all its events pending and goes to the backlog.
     */
    private void publishBatch(List<Outbox.Claim> batch) {
        Publication<Outbox.Claim> publication = publish(batch);
        List<Outbox.Claim> published = publication.acknowledged();
        List<Outbox.Claim> failed = publication.failed();
        try {
            outbox.removeAndRelease(published);
        } catch (DataAccessException e) {
            // published but not forgotten: the sweep publishes them again once the claims expire (same eventIds)
            log.warn("Cannot record {} complaints' published events yet: {}", published.size(), e.toString());
            published.forEach(claim -> backlog.add(claim.complaintId()));
        }
        failed.forEach(claim -> backlog.add(claim.complaintId()));
        try {
            outbox.releaseAll(failed);
        } catch (DataAccessException e) {
            log.warn("Cannot release {} claims; they expire by themselves: {}", failed.size(), e.toString());
        }
    }

    /** On shutdown, publishes what is still queued rather than leaving it claimed until the claims expire. */
    @PreDestroy
    void publishQueuedClaims() {
        List<Outbox.Claim> batch;
        while (!(batch = takeClaimed()).isEmpty()) {
            publishBatch(batch);
        }
    }

    @Scheduled(
            fixedDelayString = "${sqp.complaints.outbox.sweep-interval:1s}",
            initialDelayString = "${sqp.complaints.outbox.sweep-interval:1s}")
    void sweep() {
        drainSoon();
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

    /** Complaints this process holds to publish: queued claims and the retry backlog (the outbox meter). */
    int waiting() {
        return claimed.size() + backlog.size();
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
     * Publishes the complaint's pending events, oldest first, and forgets them and releases the claim in one write
     * once the broker acknowledged all of them; if any failed, all stay pending and the complaint stays in the backlog
     * for the next sweep.
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
        if (!publish(List.of(claim)).failed().isEmpty()) {
            release(claim);
            return Outcome.FAILED;
        }
        try {
            outbox.removeAndRelease(List.of(claim));
            return Outcome.DONE;
        } catch (DataAccessException e) {
            // published but not forgotten: published again with the same eventIds once the claim is back or expired
            log.warn("Cannot record complaint {}'s published events yet: {}", complaintId, e.toString());
            release(claim);
            return Outcome.FAILED;
        }
    }

    /** Sends the claims' events, each claim a group that the broker acknowledged entirely or not. */
    private Publication<Outbox.Claim> publish(List<Outbox.Claim> claims) {
        Map<Outbox.Claim, List<ComplaintChanged>> events = new LinkedHashMap<>();
        claims.forEach(claim -> events.put(claim, claim.events()));
        return publisher.publish(Topics.COMPLAINT_CHANGED, events);
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

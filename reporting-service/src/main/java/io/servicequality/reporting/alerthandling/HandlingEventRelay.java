package io.servicequality.reporting.alerthandling;

import io.servicequality.contracts.Topics;
import io.servicequality.kafka.OutboxRelay;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the changes waiting in handling records' outboxes to {@link Topics#ALERT_HANDLING}, keyed like the alert:
 * right after a record is written (on a thread of its own, so a request does not wait for the broker), and in a sweep
 * every {@code sqp.alert-handling.relay-interval} for whatever is left after Kafka was unreachable, the process stopped
 * or another instance's claim expired. Sending and waiting for the acknowledgements is platform-kafka's {@link
 * OutboxRelay#publish}.
 *
 * <p>At least once, with stable event ids: a change leaves the outbox only after the broker acknowledged it and every
 * other change of its claim, so a crash in between publishes it again with the same {@code eventId}, which consumers
 * use to drop the copy. One relay at a time holds a record's changes ({@link HandlingOutbox}) and sends them in order.
 */
@Component
class HandlingEventRelay {

    private static final Logger log = LoggerFactory.getLogger(HandlingEventRelay.class);

    private static final int SWEEP_BATCH = 100;

    private final HandlingOutbox outbox;
    private final OutboxRelay publisher;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alert-handling-relay");
        thread.setDaemon(true);
        return thread;
    });

    HandlingEventRelay(HandlingOutbox outbox, OutboxRelay publisher) {
        this.outbox = outbox;
        this.publisher = publisher;
    }

    /** Publishes the record's pending changes in the background; the sweep catches anything this misses. */
    void publishSoon(String id) {
        try {
            soon.execute(() -> relay(id));
        } catch (RejectedExecutionException stopping) {
            log.debug("relay stopped; the sweep of another instance or the next start publishes {}", id);
        }
    }

    @Scheduled(
            fixedDelayString = "${sqp.alert-handling.relay-interval:2s}",
            initialDelayString = "${sqp.alert-handling.relay-interval:2s}")
    void sweep() {
        List<String> pending;
        try {
            pending = outbox.unclaimedWithPendingEvents(SWEEP_BATCH);
        } catch (DataAccessException e) {
            log.warn("The alert-handling outbox sweep waits for the store: {}", e.toString());
            return;
        }
        for (String id : pending) {
            if (!relay(id)) {
                return; // Kafka or the store is unhealthy: the next sweep tries again
            }
        }
    }

    /**
     * Publishes the record's pending changes, oldest first, if this relay can claim them.
     *
     * @return false if Kafka or the store failed (the changes stay pending)
     */
    boolean relay(String id) {
        Optional<HandlingOutbox.Claim> claimed;
        try {
            claimed = outbox.claim(id);
        } catch (DataAccessException e) {
            log.warn("Cannot claim alert handling {}'s changes: {}", id, e.toString());
            return false;
        }
        if (claimed.isEmpty()) {
            return true;
        }
        HandlingOutbox.Claim claim = claimed.get();
        boolean acknowledged = publisher
                .publish(Topics.ALERT_HANDLING, Map.of(claim, claim.events()))
                .failed()
                .isEmpty();
        try {
            if (acknowledged) {
                outbox.published(claim);
            } else {
                outbox.release(claim);
            }
        } catch (DataAccessException e) {
            // published but not forgotten: sent again with the same event ids once the claim expires
            log.warn("Cannot record alert handling {}'s publication yet: {}", id, e.toString());
            return false;
        }
        return acknowledged;
    }

    @PreDestroy
    void stop() {
        soon.shutdown();
    }
}

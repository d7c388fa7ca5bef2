package io.servicequality.kafka;

import io.servicequality.contracts.PlatformEvent;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Relays an {@link Outbox}: sends each unpublished change, in order, waits for the broker's acknowledgement, and only
 * then marks it published. A change the broker does not acknowledge stops the round (the broker is away; the next round
 * tries again from there), so a change is never lost and a later change of the same key never overtakes an earlier
 * one. At least once: a crash between the acknowledgement and {@link Outbox#published} sends the change again, with
 * the same event id, which consumers use to drop the copy; on a compacted topic the latest record per key wins anyway.
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final KafkaOperations<Object, Object> kafka;
    private final Duration ackTimeout;

    public OutboxRelay(KafkaOperations<Object, Object> kafka, Duration ackTimeout) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
    }

    /** @return how many changes were published */
    public <T> int relay(Outbox<T> outbox, int limit) {
        int published = 0;
        for (T document : outbox.unpublished(limit)) {
            PlatformEvent event = outbox.eventOf(document);
            try {
                kafka.send(outbox.topic(), event.recordKey(), event).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException notAcknowledged) {
                log.warn(
                        "change {} on {} not acknowledged; retried on the next round: {}",
                        event.eventId(),
                        outbox.topic(),
                        notAcknowledged.toString());
                return published;
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return published;
            }
            outbox.published(document);
            published++;
        }
        return published;
    }
}

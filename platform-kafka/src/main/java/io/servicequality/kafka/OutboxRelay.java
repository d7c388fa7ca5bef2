package io.servicequality.kafka;

import io.servicequality.contracts.PlatformEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Publishes what outboxes hold and tells which of it the broker acknowledged, so that only that leaves the outbox.
 *
 * <p>{@link #publish} is the core: it sends groups of events (a document's pending events, say) in order, waits for
 * every acknowledgement up to one deadline, and reports which groups the broker acknowledged entirely. Outboxes with a
 * bookkeeping of their own (complaint-service's claims, one bulk write per batch) use it directly; {@link #relay}
 * relays an {@link Outbox} with it.
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final KafkaOperations<Object, Object> kafka;
    private final Duration ackTimeout;
    private final BacklogObserver backlog;

    /**
     * Told, after each round of {@link #relay}, how many changes of an outbox are still not acknowledged (those the
     * round found, at most its limit, minus those it published): the outbox backlog a service shows as a meter.
     */
    @FunctionalInterface
    public interface BacklogObserver {

        BacklogObserver NONE = (topic, unacknowledged) -> {};

        void afterRound(String topic, int unacknowledged);
    }

    /**
     * @param ackTimeout how long one {@link #publish} waits for the acknowledgements of everything it sent
     *     ({@code sqp.kafka.outbox-ack-timeout})
     */
    public OutboxRelay(KafkaOperations<Object, Object> kafka, Duration ackTimeout) {
        this(kafka, ackTimeout, BacklogObserver.NONE);
    }

    public OutboxRelay(KafkaOperations<Object, Object> kafka, Duration ackTimeout, BacklogObserver backlog) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
        this.backlog = backlog;
    }

    /**
     * What {@link #publish} came to.
     *
     * @param acknowledged the groups whose every event the broker acknowledged, in the order given
     * @param failed the others, in the order given: an event was refused, failed or not acknowledged in time
     */
    public record Publication<G>(List<G> acknowledged, List<G> failed) {}

    /**
     * Sends every event of every group, group after group and each group's events in order, keyed by
     * {@link PlatformEvent#recordKey()}, then waits for all acknowledgements until one deadline
     * ({@code ackTimeout} after the last send). A group counts as acknowledged only if each of its events is. A send
     * that {@code send} refuses at once fails its group, and the group's later events are not sent, so none of them
     * goes out before it; the other groups are sent all the same. Interrupted while waiting, it stops waiting: the
     * groups acknowledged by then count as acknowledged, the rest as failed, and the thread stays interrupted.
     *
     * @param groups the events to publish, grouped by what the caller records as published together (iterated in the
     *     map's order)
     */
    public <G> Publication<G> publish(String topic, Map<G, ? extends List<? extends PlatformEvent>> groups) {
        List<Sent<G>> sent = new ArrayList<>(groups.size());
        groups.forEach((group, events) -> sent.add(send(topic, group, events)));
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<G> acknowledged = new ArrayList<>();
        List<G> failed = new ArrayList<>();
        for (Sent<G> group : sent) {
            (acknowledgedBy(deadline, topic, group) ? acknowledged : failed).add(group.group());
        }
        return new Publication<>(acknowledged, failed);
    }

    /**
     * Sends a document's current change right after it was written, without making the writer wait for the broker:
     * the acknowledgement clears its outbox off the producer's I/O thread ({@link Outbox#published}); a change not
     * acknowledged stays in the outbox for the next {@link #relay}.
     */
    public <T> void publishSoon(Outbox<T> outbox, T document) {
        PlatformEvent event = outbox.eventOf(document);
        kafka.send(outbox.topic(), event.recordKey(), event).whenCompleteAsync((result, failure) -> {
            if (failure == null) {
                outbox.published(document);
            } else {
                log.warn("{} not acknowledged yet, left for the relay: {}", event.eventId(), failure.toString());
            }
        });
    }

    /**
     * Relays up to {@code limit} of the outbox's oldest unpublished changes in one {@link #publish} (each document a
     * group of its one event) and marks published, in order, those up to the first change the broker did not
     * acknowledge. The changes after it stay unpublished even if they were acknowledged and go again, after it, in the
     * next round (the broker is away or refused it; the next round tries again from there): a change is never lost,
     * and the last record of a key on the topic is always its latest change. At least once: a change sent again, or
     * sent again after a crash between the acknowledgement and {@link Outbox#published}, carries the same event id,
     * which consumers use to drop the copy; on a compacted topic the latest record per key wins anyway.
     *
     * @return how many changes were published
     */
    public <T> int relay(Outbox<T> outbox, int limit) {
        List<T> documents = outbox.unpublished(limit);
        Map<Integer, List<PlatformEvent>> changes = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            changes.put(i, List.of(outbox.eventOf(documents.get(i))));
        }
        int firstNotAcknowledged =
                publish(outbox.topic(), changes).failed().stream().findFirst().orElse(documents.size());
        for (T document : documents.subList(0, firstNotAcknowledged)) {
            outbox.published(document);
        }
        backlog.afterRound(outbox.topic(), documents.size() - firstNotAcknowledged);
        return firstNotAcknowledged;
    }

    private <G> Sent<G> send(String topic, G group, List<? extends PlatformEvent> events) {
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>(events.size());
        for (PlatformEvent event : events) {
            try {
                acknowledgements.add(kafka.send(topic, event.recordKey(), event));
            } catch (RuntimeException refused) {
                // closed, a full buffer past max.block.ms, an unserialisable value: the group's later events wait
                acknowledgements.add(CompletableFuture.failedFuture(refused));
                break;
            }
        }
        return new Sent<>(group, events, acknowledgements);
    }

    private static boolean acknowledgedBy(long deadline, String topic, Sent<?> sent) {
        List<CompletableFuture<?>> acknowledgements = sent.acknowledgements();
        for (int i = 0; i < acknowledgements.size(); i++) {
            try {
                acknowledgements.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException notAcknowledged) {
                PlatformEvent event = sent.events().get(i);
                log.warn(
                        "change {} (key {}) on {} not acknowledged; it stays in the outbox: {}",
                        event.eventId(),
                        event.recordKey(),
                        topic,
                        notAcknowledged instanceof ExecutionException failed
                                ? String.valueOf(failed.getCause())
                                : notAcknowledged.toString());
                return false;
            }
        }
        return true;
    }

    /** One group's events and the acknowledgements of those sent. */
    private record Sent<G>(
            G group, List<? extends PlatformEvent> events, List<CompletableFuture<?>> acknowledgements) {}
}

package io.servicequality.feedback.eventlog;

import io.servicequality.contracts.PlatformEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaOperations;

/** Appends events to their topic and waits for the broker's acknowledgement (acks=all, idempotent producer). */
public class EventLog {

    private final KafkaOperations<Object, Object> kafka;
    private final Duration ackTimeout;
    private final Duration retryAfter;

    public EventLog(KafkaOperations<Object, Object> kafka, Duration ackTimeout, Duration retryAfter) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
        this.retryAfter = retryAfter;
    }

    /**
     * Returns once the event is durable on {@code topic}, keyed by {@link PlatformEvent#recordKey()}.
     *
     * @throws EventLogUnavailableException when the broker does not acknowledge within the bound
     */
    public void append(String topic, PlatformEvent event) {
        try {
            kafka.send(topic, event.recordKey(), event).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogUnavailableException(topic, retryAfter, e);
        } catch (ExecutionException
                | TimeoutException
                | org.apache.kafka.common.KafkaException
                | org.springframework.kafka.KafkaException e) {
            throw new EventLogUnavailableException(topic, retryAfter, e);
        }
    }

    /**
     * Sends every event, in order, then waits for all acknowledgements together: one round trip for the whole batch.
     * Events with the same record key go to the same partition in send order, and the idempotent producer keeps that
     * order across its retries. Once a send fails synchronously (no metadata, buffer full) the rest are not sent, so
     * a later event of a branch never overtakes an earlier one that failed.
     *
     * @return per event, in the given order, whether the broker acknowledged it
     * @throws EventLogUnavailableException when there were events and the broker acknowledged none of them
     */
    public List<Boolean> appendAll(String topic, List<? extends PlatformEvent> events) {
        List<CompletableFuture<?>> sends = new ArrayList<>(events.size());
        Exception firstFailure = null;
        for (PlatformEvent event : events) {
            if (firstFailure == null) {
                try {
                    sends.add(kafka.send(topic, event.recordKey(), event));
                    continue;
                } catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException e) {
                    firstFailure = e;
                }
            }
            sends.add(CompletableFuture.failedFuture(firstFailure));
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Boolean> acknowledged = new ArrayList<>(sends.size());
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                acknowledged.add(false);
                firstFailure = firstFailure == null ? e : firstFailure;
            } catch (ExecutionException | TimeoutException e) {
                acknowledged.add(false);
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (!events.isEmpty() && !acknowledged.contains(true)) {
            throw new EventLogUnavailableException(topic, retryAfter, firstFailure);
        }
        return acknowledged;
    }
}

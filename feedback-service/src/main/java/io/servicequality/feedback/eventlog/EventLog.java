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
     * @throws EventLogUnavailableException when the broker does not acknowledge within the bound, saying whether the
     *     event may still be written
     */
    public void append(String topic, PlatformEvent event) {
        CompletableFuture<?> send;
        try {
            send = kafka.send(topic, event.recordKey(), event);
        } catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException e) {
            throw new EventLogUnavailableException(event.eventId(), WriteOutcome.NOT_WRITTEN, retryAfter, e);
        }
        try {
            send.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogUnavailableException(event.eventId(), WriteOutcome.UNKNOWN, retryAfter, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventLogUnavailableException(event.eventId(), WriteOutcome.UNKNOWN, retryAfter, e);
        }
    }

    /**
     * Sends every event, in order, then waits for all acknowledgements together: one round trip for the whole batch.
     * Events with the same record key go to the same partition in send order, and the idempotent producer keeps that
     * order across its retries. Once a send fails synchronously (no metadata, buffer full) the rest are not sent, so
     * a later event of a branch never overtakes an earlier one that failed.
     *
     * @return per event, in the given order, what is known about its write
     */
    public List<WriteOutcome> appendAll(String topic, List<? extends PlatformEvent> events) {
        List<CompletableFuture<?>> sends = new ArrayList<>(events.size());
        boolean sendFailed = false;
        for (PlatformEvent event : events) {
            if (!sendFailed) {
                try {
                    sends.add(kafka.send(topic, event.recordKey(), event));
                    continue;
                } catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException e) {
                    sendFailed = true;
                }
            }
            sends.add(null);
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<WriteOutcome> outcomes = new ArrayList<>(sends.size());
        for (CompletableFuture<?> send : sends) {
            if (send == null) {
                outcomes.add(WriteOutcome.NOT_WRITTEN);
                continue;
            }
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outcomes.add(WriteOutcome.WRITTEN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(WriteOutcome.UNKNOWN);
            } catch (ExecutionException | TimeoutException e) {
                outcomes.add(WriteOutcome.UNKNOWN);
            }
        }
        return outcomes;
    }

    /** How long a client is told to wait after events were not confirmed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

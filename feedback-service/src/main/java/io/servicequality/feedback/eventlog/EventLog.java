package io.servicequality.feedback.eventlog;

import io.servicequality.contracts.PlatformEvent;
import java.time.Duration;
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
}

package io.servicequality.feedback.eventlog;

import java.time.Duration;

/**
 * The broker did not acknowledge an event in time. The event may or may not have been written; appending it again
 * with the same event id is safe because consumers deduplicate by event id.
 */
public class EventLogUnavailableException extends RuntimeException {

    private final transient Duration retryAfter;

    public EventLogUnavailableException(String topic, Duration retryAfter, Throwable cause) {
        super("no acknowledgement from the broker for topic " + topic, cause);
        this.retryAfter = retryAfter;
    }

    /** How long a client should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

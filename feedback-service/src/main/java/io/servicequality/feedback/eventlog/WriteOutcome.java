package io.servicequality.feedback.eventlog;

/** What the service knows about one event it tried to append. */
public enum WriteOutcome {
    /** The broker acknowledged it (acks=all): it is on the log. */
    WRITTEN,
    /**
     * Handed to the producer but not acknowledged in time: it may still be written (the broker may have appended it and
     * the answer been lost, or the producer may still deliver it). Only a retry with the same eventId settles it, and
     * every consumer counts that eventId once.
     */
    UNKNOWN,
    /** Never handed to the producer (no broker metadata, buffer full, or an earlier event of the batch failed). */
    NOT_WRITTEN
}

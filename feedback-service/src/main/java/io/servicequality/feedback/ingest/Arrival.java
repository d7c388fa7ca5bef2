package io.servicequality.feedback.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * How an event arrived: the id it will carry, when the platform accepted it, and whether it came later than the
 * allowed lateness.
 */
public record Arrival(UUID eventId, Instant receivedAt, boolean late) {}

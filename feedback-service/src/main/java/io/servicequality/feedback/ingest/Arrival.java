package io.servicequality.feedback.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * How an event arrived: the id it will carry, the tenant it belongs to (the caller's), when the platform accepted it,
 * and whether it came later than the allowed lateness.
 */
public record Arrival(UUID eventId, String tenantId, Instant receivedAt, boolean late) {}

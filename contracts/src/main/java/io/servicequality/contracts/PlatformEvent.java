package io.servicequality.contracts;

import java.time.Instant;
import java.util.UUID;

/** The fields every event carries (SPEC §3). */
public interface PlatformEvent {

    /** The idempotency key: an event with the same id takes effect at most once. */
    UUID eventId();

    String tenantId();

    String branchId();

    /** Event time, which decides the metric bucket. */
    Instant occurredAt();

    int schemaVersion();

    /** Kafka record key: all events of one branch share a partition and stay in order. */
    default String recordKey() {
        return Topics.recordKey(tenantId(), branchId());
    }
}

package io.servicequality.feedback.audit;

import io.servicequality.contracts.PlatformEvent;
import io.servicequality.feedback.paging.Cursor;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * One ingested event as the audit store holds it: the event exactly as the log holds it, under the fields the audit
 * lists select and order by. One document per (tenantId, eventId) in the collection of its kind; immutable, the first
 * copy of an event wins.
 */
record AuditedEvent(
        @Id String id, String tenantId, String eventId, String branchId, Instant occurredAt, PlatformEvent event) {

    static AuditedEvent of(PlatformEvent event) {
        return new AuditedEvent(
                null, event.tenantId(), event.eventId().toString(), event.branchId(), event.occurredAt(), event);
    }

    Cursor position() {
        return new Cursor(occurredAt, eventId);
    }
}

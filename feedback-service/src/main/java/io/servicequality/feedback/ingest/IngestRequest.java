package io.servicequality.feedback.ingest;

import java.time.Instant;
import java.util.UUID;

/** What the ingest path needs of any request: its optional event id, its branch and its event time. */
public interface IngestRequest {

    /** The idempotency key of the event; {@code null} when the client left it to the service. */
    UUID eventId();

    /** The branch the event is for: the caller must be allowed to write for it. */
    String branchId();

    Instant occurredAt();
}

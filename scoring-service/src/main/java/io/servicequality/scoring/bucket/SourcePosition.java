package io.servicequality.scoring.bucket;

import java.util.UUID;

/** Where a record was read: its topic, partition and offset. Records of one partition arrive in offset order. */
record SourcePosition(Source source, int partition, long offset) {

    /** The field under {@code offsets} of a bucket document; no dots, so it stays one field name. */
    String offsetKey() {
        return source.shortName() + "-" + partition;
    }

    /** The event ledger id of an event read from this source. */
    String ledgerId(String tenantId, UUID eventId) {
        return source.shortName() + ":" + tenantId + ":" + eventId;
    }
}

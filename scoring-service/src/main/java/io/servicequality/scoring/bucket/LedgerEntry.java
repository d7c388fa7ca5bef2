package io.servicequality.scoring.bucket;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The first position at which an event id was seen.
 *
 * @param id {@code <source>:<tenantId>:<eventId>}
 */
@Document(collection = LedgerEntry.COLLECTION)
record LedgerEntry(@Id String id, int partition, long offset, Instant firstSeenAt) {

    static final String COLLECTION = "eventLedger";

    boolean isAt(SourcePosition position) {
        return partition == position.partition() && offset == position.offset();
    }
}

package io.servicequality.scoring.bucket;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * This service's copy of one branch directory entry: what it needs to place events in buckets.
 *
 * @param id {@code tenantId:branchId}
 * @param timeZone IANA zone id deciding the branch's local day
 * @param occurredAt when the entry was changed; an older change never overwrites a newer one
 */
@Document(collection = BranchEntry.COLLECTION)
record BranchEntry(
        @Id String id,
        String tenantId,
        String branchId,
        String regionId,
        String timeZone,
        boolean removed,
        Instant occurredAt) {

    static final String COLLECTION = "branches";

    static String idOf(String tenantId, String branchId) {
        return tenantId + ":" + branchId;
    }
}

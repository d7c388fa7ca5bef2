package io.servicequality.scoring.quality;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * This feature's copy of the branch directory, as far as region and tenant alerts need it: which region a branch
 * belongs to. Newest {@code occurredAt} wins.
 *
 * @param id {@code tenantId:branchId}
 */
@Document(collection = BranchRegion.COLLECTION)
record BranchRegion(
        @Id String id, String tenantId, String branchId, String regionId, boolean removed, Instant occurredAt) {

    static final String COLLECTION = "branchRegions";

    static String idOf(String tenantId, String branchId) {
        return tenantId + ":" + branchId;
    }
}

package io.servicequality.scoring.quality;

import io.servicequality.contracts.BucketStatistics;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * This feature's copy of one hour bucket's absolute statistics, as last published.
 *
 * @param id {@code tenantId:branchId:bucketStart}
 */
@Document(collection = HourStatistics.COLLECTION)
@CompoundIndexes({
    @CompoundIndex(name = "branch_hour", def = "{'tenantId': 1, 'branchId': 1, 'bucketStart': 1}"),
    // unique because _id is: the embedded store uses only unique indexes, and only for a query on exactly their fields
    @CompoundIndex(name = "id_revision", def = "{'_id': 1, 'revision': 1}", unique = true)
})
record HourStatistics(
        @Id String id,
        String tenantId,
        String branchId,
        Instant bucketStart,
        long revision,
        BucketStatistics statistics) {

    static final String COLLECTION = "hourStatistics";

    static String idOf(String tenantId, String branchId, Instant bucketStart) {
        return String.join(":", tenantId, branchId, bucketStart.toString());
    }
}

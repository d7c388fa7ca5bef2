package io.servicequality.scoring.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The stored statistics of one bucket. Written only through {@link Buckets}' atomic single-document updates.
 *
 * @param statistics the absolute statistics, laid out exactly like the contract's {@link BucketStatistics}
 * @param offsets per source partition ({@code feedback-0}, {@code complaint-2}, …), the highest offset applied
 * @param revision increases with every applied event
 * @param dirty the outbox flag: a change not yet published as {@link MetricUpdated}
 * @param updatedAt when the last event was applied
 * @param lateEvents events counted here that reached the log after the allowed lateness (they skip the minute bucket)
 * @param publishedAt when a revision of this bucket was last published
 */
@Document(collection = Bucket.COLLECTION)
@CompoundIndexes({
    @CompoundIndex(name = "branch_bucket", def = "{'tenantId': 1, 'branchId': 1, 'granularity': 1, 'bucketStart': 1}"),
    // unique because _id is: the embedded store uses only unique indexes, and only for a query on exactly their fields
    @CompoundIndex(name = "id_revision", def = "{'_id': 1, 'revision': 1}", unique = true)
})
record Bucket(
        @Id String id,
        String tenantId,
        String branchId,
        Granularity granularity,
        Instant bucketStart,
        BucketStatistics statistics,
        Map<String, Long> offsets,
        long revision,
        boolean dirty,
        Instant updatedAt,
        long lateEvents,
        Instant publishedAt) {

    static final String COLLECTION = "buckets";

    Bucket {
        statistics = statistics == null ? BucketStatistics.EMPTY : statistics;
        offsets = offsets == null ? Map.of() : offsets;
    }

    /** The absolute state of this revision; republishing it yields the same event, id included. */
    MetricUpdated toMetricUpdated() {
        return new MetricUpdated(
                MetricUpdated.eventIdOf(tenantId, branchId, granularity, bucketStart, revision),
                tenantId,
                branchId,
                updatedAt,
                MetricUpdated.SCHEMA_VERSION,
                granularity,
                bucketStart,
                revision,
                statistics);
    }
}

package io.servicequality.scoring.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import java.time.Instant;

/**
 * One bucket's absolute statistics, as last updated.
 *
 * @param lateEvents events counted here that reached the log after the allowed lateness (not in the minute buckets)
 */
record BucketResponse(
        String branchId,
        Granularity granularity,
        Instant bucketStart,
        long revision,
        Instant updatedAt,
        long lateEvents,
        BucketStatistics statistics) {

    static BucketResponse of(BucketId bucket, BucketState state, long revisionBase) {
        return new BucketResponse(
                bucket.branchId(),
                bucket.granularity(),
                bucket.start(),
                state.revision(revisionBase),
                state.updatedAt(),
                state.lateEvents(),
                state.statistics());
    }
}

package io.servicequality.scoring.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import java.time.Instant;

/**
 * What the topology keeps of one bucket.
 *
 * @param statistics the absolute statistics
 * @param applied how many events were added (the revision is this plus the generation's base)
 * @param lateEvents events counted here that reached the log after the allowed lateness (they skip the minute bucket)
 * @param updatedAt when the last event was added (wall clock of the counting instance)
 */
record BucketState(BucketStatistics statistics, long applied, long lateEvents, Instant updatedAt) {

    static final BucketState EMPTY = new BucketState(BucketStatistics.EMPTY, 0, 0, null);

    BucketState {
        statistics = statistics == null ? BucketStatistics.EMPTY : statistics;
    }

    BucketState plus(BucketStatistics contribution, boolean late, Instant now) {
        return new BucketState(statistics.plus(contribution), applied + 1, lateEvents + (late ? 1 : 0), now);
    }

    /**
     * This state as a bucket of {@code granularity} keeps it: a minute bucket counted by an earlier build, with the
     * breakdowns, loses them at its next change (the same instance otherwise).
     */
    BucketState keptIn(Granularity granularity) {
        BucketStatistics kept = Contribution.keptIn(granularity, statistics);
        return kept == statistics ? this : new BucketState(kept, applied, lateEvents, updatedAt);
    }

    long revision(long revisionBase) {
        return revisionBase + applied;
    }

    /** The absolute state of this revision; publishing it again yields the same event, id included. */
    MetricUpdated toMetricUpdated(BucketId bucket, long revisionBase) {
        long revision = revision(revisionBase);
        return new MetricUpdated(
                MetricUpdated.eventIdOf(
                        bucket.tenantId(), bucket.branchId(), bucket.granularity(), bucket.start(), revision),
                bucket.tenantId(),
                bucket.branchId(),
                updatedAt,
                MetricUpdated.SCHEMA_VERSION,
                bucket.granularity(),
                bucket.start(),
                revision,
                statistics);
    }
}

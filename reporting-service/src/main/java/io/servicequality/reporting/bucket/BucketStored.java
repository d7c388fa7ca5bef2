package io.servicequality.reporting.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import java.time.Instant;

/**
 * A newer revision of a bucket was stored (published as a Spring application event after the write); the live stream
 * relays it.
 */
public record BucketStored(
        String tenantId,
        String branchId,
        Granularity granularity,
        Instant bucketStart,
        long revision,
        BucketStatistics statistics) {}

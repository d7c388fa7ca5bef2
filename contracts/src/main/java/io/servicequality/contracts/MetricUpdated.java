package io.servicequality.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The full, absolute statistics of one (tenant, branch, granularity, bucket start). Applying it twice changes nothing;
 * a consumer keeps the highest {@code revision} it has seen and ignores older ones. The statistics of a
 * {@link Granularity#MINUTE} bucket carry the headline blocks only ({@link BucketStatistics#withoutBreakdowns}: no
 * key-driver sums, rating distributions or channel breakdown); hour and day buckets carry every block.
 *
 * @param occurredAt when the statistics were computed
 * @param revision increases with every change to the bucket
 */
public record MetricUpdated(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        Granularity granularity,
        Instant bucketStart,
        long revision,
        BucketStatistics statistics)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The same bucket revision always gets the same event id, so a republished update is recognisable. */
    public static UUID eventIdOf(
            String tenantId, String branchId, Granularity granularity, Instant bucketStart, long revision) {
        String name = String.join("|", tenantId, branchId, granularity.name(), bucketStart.toString(), "" + revision);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}

package io.servicequality.reporting.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The latest known statistics of one bucket. The statistics are stored in the shape of the contracts record: absolute
 * values, replaced as a whole by a newer revision, never incremented.
 *
 * @param computedAt when scoring-service computed this revision
 */
@Document("metricBuckets")
@CompoundIndexes({
    @CompoundIndex(
            name = "scope_granularity_start",
            def = "{'tenantId': 1, 'branchId': 1, 'granularity': 1, 'bucketStart': 1}")
})
record MetricBucket(
        @Id String id,
        String tenantId,
        String branchId,
        Granularity granularity,
        Instant bucketStart,
        long revision,
        Instant computedAt,
        String eventId,
        BucketStatistics statistics) {

    /** The bucket an update describes; an update that cannot name its bucket is rejected, not stored. */
    static MetricBucket of(MetricUpdated update) {
        requirePresent(update.tenantId() != null && !update.tenantId().isBlank(), "tenantId");
        requirePresent(update.branchId() != null && !update.branchId().isBlank(), "branchId");
        requirePresent(update.granularity() != null, "granularity");
        requirePresent(update.bucketStart() != null, "bucketStart");
        requirePresent(update.statistics() != null, "statistics");
        if (update.revision() < 1) {
            // scoring-service numbers a bucket's revisions from 1 (0 is "not stored yet"); the read model's roll-ups
            // tell a changed source by its revision, so a revision 0 would never reach them
            throw new InvalidMetricUpdateException("revision must be at least 1");
        }
        return new MetricBucket(
                idOf(update.tenantId(), update.branchId(), update.granularity(), update.bucketStart()),
                update.tenantId(),
                update.branchId(),
                update.granularity(),
                update.bucketStart(),
                update.revision(),
                update.occurredAt(),
                update.eventId() == null ? null : update.eventId().toString(),
                update.statistics());
    }

    /** Readable and unambiguous: the encoding escapes the separator, so no two scopes share an id. */
    static String idOf(String tenantId, String branchId, Granularity granularity, Instant bucketStart) {
        return String.join("/", encode(tenantId), encode(branchId), granularity.name(), bucketStart.toString());
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    private static void requirePresent(boolean present, String field) {
        if (!present) {
            throw new InvalidMetricUpdateException(field + " is required");
        }
    }
}

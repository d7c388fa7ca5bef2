package io.servicequality.reporting.bucket;

import io.servicequality.contracts.BucketStatistics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The sum of a branch's hour buckets over one UTC day, or of its UTC-day roll-ups over one UTC month: a cache that lets
 * a year be read as a dozen documents instead of 8,760. Derived only, rebuilt from its sources whenever one of them
 * arrives.
 *
 * @param revisionSum the sum of the source revisions; grows with every change to a source, so a roll-up computed from
 *     newer sources always has a larger one and an out-of-date recomputation can never overwrite a newer one
 */
@Document("metricRollups")
@CompoundIndexes({
    @CompoundIndex(name = "scope_period_start", def = "{'tenantId': 1, 'period': 1, 'branchId': 1, 'start': 1}")
})
record MetricRollup(
        @Id String id,
        String tenantId,
        String branchId,
        Period period,
        Instant start,
        long revisionSum,
        BucketStatistics statistics) {

    enum Period {
        UTC_DAY,
        UTC_MONTH
    }

    static MetricRollup of(
            String tenantId, String branchId, Period period, Instant start, long revisionSum, BucketStatistics sum) {
        return new MetricRollup(
                idOf(tenantId, branchId, period, start), tenantId, branchId, period, start, revisionSum, sum);
    }

    /** Readable and unambiguous, like {@link MetricBucket#idOf}. */
    static String idOf(String tenantId, String branchId, Period period, Instant start) {
        return String.join("/", encode(tenantId), encode(branchId), period.name(), start.toString());
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}

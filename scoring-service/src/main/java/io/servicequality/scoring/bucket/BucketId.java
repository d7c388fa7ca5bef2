package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Granularity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * One bucket: a branch of a tenant, a granularity and the bucket's start. Minute and hour buckets start on the UTC
 * minute and hour; a day bucket starts at midnight of the branch's local day (so it lasts 23 or 25 hours across a
 * daylight-saving change).
 */
record BucketId(String tenantId, String branchId, Granularity granularity, Instant start) {

    static BucketId of(Granularity granularity, String tenantId, String branchId, Instant eventTime, ZoneId zone) {
        Instant start = switch (granularity) {
            case MINUTE -> eventTime.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> eventTime.truncatedTo(ChronoUnit.HOURS);
            case DAY -> eventTime.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        };
        return new BucketId(tenantId, branchId, granularity, start);
    }

    static BucketId hourOf(String tenantId, String branchId, Instant eventTime) {
        return of(Granularity.HOUR, tenantId, branchId, eventTime, ZoneId.of("UTC"));
    }

    /** The document id, e.g. {@code acme-bank:SH-001:HOUR:2026-11-20T09:00:00Z}. */
    String value() {
        return String.join(":", tenantId, branchId, granularity.name(), start.toString());
    }
}

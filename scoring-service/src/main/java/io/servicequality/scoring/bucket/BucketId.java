package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Granularity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One bucket: a branch of a tenant, a granularity and the bucket's start (UTC). */
record BucketId(String tenantId, String branchId, Granularity granularity, Instant start) {

    static BucketId hourOf(String tenantId, String branchId, Instant eventTime) {
        return new BucketId(tenantId, branchId, Granularity.HOUR, eventTime.truncatedTo(ChronoUnit.HOURS));
    }

    /** The document id, e.g. {@code acme-bank:SH-001:HOUR:2026-11-20T09:00:00Z}. */
    String value() {
        return String.join(":", tenantId, branchId, granularity.name(), start.toString());
    }
}

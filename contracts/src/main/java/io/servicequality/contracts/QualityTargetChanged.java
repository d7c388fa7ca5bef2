package io.servicequality.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The current state of one quality target (SPEC §6), published by scoring-service, which owns targets, on the
 * compacted {@link Topics#QUALITY_TARGETS}: the record key is {@link #recordKey()} ({@code tenantId:targetId}), so the
 * latest record per target is the target as it is now. Views use it to show attainment.
 *
 * @param branchId the branch the target applies to, or {@code null} for every branch of the tenant
 * @param targetId the target's stable id
 * @param metric the watched metric by its public name, e.g. {@code interactions.answerRate} or {@code csat.percent}
 * @param bound {@code AT_LEAST} or {@code AT_MOST}: which side of {@code value} attains the target
 * @param value the target value, in the metric's unit (rates and percentages 0–100)
 * @param removed the target was deleted
 */
public record QualityTargetChanged(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String targetId,
        String metric,
        String bound,
        double value,
        boolean removed)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** One record per target, whatever its scope. */
    @Override
    public String recordKey() {
        return tenantId + ":target:" + targetId;
    }

    /** Whether {@code observed} attains the target. */
    public boolean attainedBy(double observed) {
        return "AT_MOST".equals(bound) ? observed <= value : observed >= value;
    }
}

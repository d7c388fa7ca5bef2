package io.servicequality.reporting.live;

/**
 * One event of the stream.
 *
 * @param id {@code <boot>-<sequence>}: the sequence orders events of one server run; the boot part tells a resuming
 *     client whether its id is from this run
 * @param name the SSE event name: {@code metric}, {@code alert} or {@code alert-handling}
 * @param tenantId only streams of this tenant's callers receive it
 * @param branchId for filtering ({@code null} for a region- or tenant-scoped alert)
 * @param scopeLevel for filtering alerts: {@code BRANCH}, {@code REGION} or {@code TENANT}; {@code null} for metrics
 * @param scopeId the alert scope's region or tenant id
 */
record LiveEvent(
        String id,
        long sequence,
        String name,
        String tenantId,
        String branchId,
        String scopeLevel,
        String scopeId,
        Object data) {}

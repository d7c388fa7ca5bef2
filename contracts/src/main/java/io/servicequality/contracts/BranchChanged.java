package io.servicequality.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The current entry of one branch in the branch directory; published on the compacted {@link
 * Topics#BRANCH_DIRECTORY}, so the latest record per key is the branch as it is now.
 *
 * @param code short code used in complaint numbers, e.g. {@code SH-001}
 * @param regionId the region the branch belongs to
 * @param timeZone IANA time zone id (e.g. {@code Europe/Berlin}); decides the branch's local day
 * @param removed the branch was removed from the directory
 */
public record BranchChanged(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String code,
        String name,
        String regionId,
        String timeZone,
        boolean removed)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;
}

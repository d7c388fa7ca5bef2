package io.servicequality.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The full, absolute statistics of one member of staff in one branch on one local day of the branch. Applying it
 * twice changes nothing; a consumer keeps the highest {@code revision} it has seen and ignores older ones.
 *
 * @param staffId the {@code agentId} of interactions, and the assignee (or the acting member of staff) of complaint
 *     steps
 * @param dayStart midnight of the branch's local day
 * @param occurredAt when the statistics were computed
 * @param revision increases with every change to the bucket
 */
public record StaffMetricUpdated(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String staffId,
        Instant dayStart,
        long revision,
        StaffStatistics statistics)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The same bucket revision always gets the same event id, so a republished update is recognisable. */
    public static UUID eventIdOf(String tenantId, String branchId, String staffId, Instant dayStart, long revision) {
        String name = String.join("|", "staff", tenantId, branchId, staffId, dayStart.toString(), "" + revision);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}

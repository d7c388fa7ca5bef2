package io.servicequality.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The current state of one corrective action (its plan-do-check-act cycles), published by complaint-service, which
 * owns corrective actions, on the compacted {@link Topics#CORRECTIVE_ACTIONS}: the record key is {@link #recordKey()}
 * ({@code tenantId:action:actionId}), so the latest record per action is the action as it is now. Reports use it to
 * say what was done about quality in a period.
 *
 * @param branchId the branch the action is for
 * @param actionId the action's stable id
 * @param version grows with every change of the action; a consumer keeps the highest it has seen
 * @param complaintId the complaint it answers, or {@code null} for an action of its own
 * @param metric the metric it is meant to move, or {@code null}
 * @param status {@code PLANNED}, {@code DOING}, {@code CHECKING} or {@code EFFECTIVE}
 * @param cycle the plan-do-check-act cycle it is in (an ineffective check starts the next)
 * @param dueDate the day it is due (ISO, {@code 2026-11-30})
 * @param createdAt when it was planned
 * @param completedAt when a check found it effective, {@code null} before
 * @param checks every effectiveness check, oldest first
 */
public record CorrectiveActionChanged(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String actionId,
        long version,
        String complaintId,
        String metric,
        String title,
        String owner,
        String dueDate,
        String status,
        int cycle,
        Instant createdAt,
        Instant completedAt,
        List<Check> checks)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** One effectiveness check: which cycle, whether it worked, who checked and when. */
    public record Check(int cycle, boolean effective, String checkedBy, Instant checkedAt) {}

    /** One record per action. */
    @Override
    public String recordKey() {
        return tenantId + ":action:" + actionId;
    }

    /** The event id of a version: the same for every publication of it, so a consumer drops a repeat. */
    public static UUID eventIdOf(String tenantId, String actionId, long version) {
        return UUID.nameUUIDFromBytes(
                (tenantId + "|action|" + actionId + "|" + version).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

package io.servicequality.contracts;

import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * One step in the handling of an alert episode (SPEC §6): someone acknowledged it, assigned it, linked it to a
 * corrective action or resolved it, or it escalated because nobody acknowledged it in time. Published by
 * reporting-service, which keeps each episode's handling record, exactly once per step (the event id is stable across
 * redeliveries).
 *
 * @param alertId the episode ({@link AlertEvent#alertId()})
 * @param type what happened
 * @param actor who did it: the staff member's subject, or {@code escalation-timer} for {@code ESCALATED}
 * @param assignee for {@code ASSIGNED}: to whom; otherwise who the alert is assigned to now ({@code null}: nobody)
 * @param correctiveActionId for {@code LINKED_TO_ACTION}: the corrective action (complaint-service) it was linked to
 * @param note for {@code RESOLVED}: the resolution note; for {@code ACKNOWLEDGED} and {@code ESCALATED} an optional
 *     note (the acknowledger's, or why it escalated)
 * @param escalationLevel the level after this step: 0 = not escalated, 1 = branch manager, 2 = quality manager, 3 =
 *     quality director
 * @param metric the alert's metric, as in {@link AlertEvent#metric()}
 * @param severity the alert's severity
 * @param scope what the alert is about: a branch, a region or the tenant (a region's or the tenant's has no
 *     {@code branchId})
 * @param ruleId the alert rule that raised it
 * @param status the handling status after this step
 */
public record AlertHandlingChanged(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String alertId,
        HandlingEventType type,
        String actor,
        String assignee,
        String correctiveActionId,
        String note,
        int escalationLevel,
        String metric,
        Severity severity,
        AlertScope scope,
        String ruleId,
        HandlingStatus status)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Keyed like the alert itself, so that its handling steps stay in order on one partition. */
    @Override
    public String recordKey() {
        return AlertEvent.recordKeyOf(tenantId, branchId, scope);
    }

    public enum HandlingEventType {
        ACKNOWLEDGED,
        ASSIGNED,
        LINKED_TO_ACTION,
        RESOLVED,
        ESCALATED
    }

    /** {@code OPEN} until someone acknowledges it, then {@code ACKNOWLEDGED}, finally {@code RESOLVED}. */
    public enum HandlingStatus {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED
    }
}

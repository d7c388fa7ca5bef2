package io.servicequality.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * One step in a complaint's life (SPEC §5): opened, acknowledged, … closed, and the SLA warnings and breaches.
 *
 * @param number {@code {branchCode}-{yyyyMM}-{serial}}
 * @param slaTarget which target an {@code SLA_WARNING} or {@code SLA_BREACHED} is about; otherwise {@code null}
 * @param rootCause recorded with {@code RESOLVED}
 * @param correctiveAction recorded with {@code RESOLVED}
 * @param actor who made the change
 * @param withinTarget for {@code ACKNOWLEDGED}: before the first-response due time; for {@code RESOLVED}: before the
 *     resolution due time; otherwise {@code null}
 * @param businessMinutesToResolve for {@code RESOLVED}: business minutes from opening, clock paused while on hold
 * @param satisfaction for {@code FOLLOWED_UP}: the customer's answer, 1–5, or {@code null} when unanswered
 * @param escalationLevel for {@code ESCALATED} and {@code SLA_BREACHED}: the level reached, 1 = team lead … 4 =
 *     quality director
 * @param assignee the member of staff the complaint is assigned to when the step happens ({@code null} when
 *     unassigned, and from producers that predate the field); a staff id, as the {@code agentId} of interactions
 */
public record ComplaintChanged(
        UUID eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        int schemaVersion,
        String complaintId,
        String number,
        ComplaintEventType type,
        Channel channel,
        ComplaintCategory category,
        String subcategory,
        Severity severity,
        String department,
        Instant firstResponseDueAt,
        Instant resolutionDueAt,
        SlaTarget slaTarget,
        String rootCause,
        String correctiveAction,
        String actor,
        Boolean withinTarget,
        Long businessMinutesToResolve,
        Integer satisfaction,
        Integer escalationLevel,
        String assignee)
        implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public enum ComplaintEventType {
        OPENED,
        ACKNOWLEDGED,
        ASSIGNED,
        ON_HOLD,
        RESUMED,
        ESCALATED,
        RESOLVED,
        FOLLOWED_UP,
        CLOSED,
        REOPENED,
        SLA_WARNING,
        SLA_BREACHED
    }

    /** Quality: a product or service defect; non-quality: staff conduct, process, other. */
    public enum ComplaintCategory {
        QUALITY,
        NON_QUALITY
    }

    public enum Severity {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL
    }

    public enum SlaTarget {
        FIRST_RESPONSE,
        RESOLUTION
    }
}

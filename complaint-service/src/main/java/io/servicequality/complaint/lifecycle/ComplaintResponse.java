package io.servicequality.complaint.lifecycle;

import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A complaint as callers see it. {@code firstResponseDueAt} / {@code resolutionDueAt} are {@code null} while the
 * clock stands still short of them (on hold); {@code revision} is also the {@code ETag}.
 */
record ComplaintResponse(
        String complaintId,
        String number,
        ComplaintStatus status,
        String branchId,
        ComplaintCategory category,
        String subcategory,
        Severity severity,
        String department,
        String subject,
        Instant openedAt,
        Instant firstResponseDueAt,
        Instant resolutionDueAt,
        String assignee,
        int escalationLevel,
        EscalationLevel escalatedTo,
        Instant acknowledgedAt,
        Instant resolvedAt,
        Instant closedAt,
        String rootCause,
        String correctiveAction,
        Integer satisfaction,
        Instant autoCloseAt,
        Sla firstResponse,
        Sla resolution,
        long revision) {

    static ComplaintResponse of(Complaint complaint) {
        ComplaintDetails details = complaint.details();
        return new ComplaintResponse(
                complaint.id(),
                complaint.number(),
                complaint.status(),
                complaint.branchId(),
                details.category(),
                details.subcategory(),
                details.severity(),
                details.department(),
                details.subject(),
                complaint.openedAt(),
                complaint.firstResponseDueAt(),
                complaint.resolutionDueAt(),
                complaint.assignee(),
                complaint.escalationLevel().ordinal(),
                complaint.escalationLevel(),
                complaint.acknowledgedAt(),
                complaint.resolvedAt(),
                complaint.closedAt(),
                complaint.rootCause(),
                complaint.correctiveAction(),
                complaint.satisfaction(),
                complaint.autoCloseAt(),
                Sla.of(complaint.firstResponse()),
                Sla.of(complaint.resolution()),
                complaint.revision());
    }

    /** One SLA target: allowance in business minutes, warning and due instants, what was announced, when met. */
    record Sla(long targetMinutes, Instant warningAt, Instant dueAt, boolean warned, boolean breached, Instant metAt) {

        static Sla of(TargetClock clock) {
            return new Sla(
                    clock.allowed().toMinutes(),
                    clock.warningAt(),
                    clock.dueAt(),
                    clock.warned(),
                    clock.breached(),
                    clock.completedAt());
        }
    }

    /** {@code GET /api/v1/complaints}: a page, the total matching, counts per status and overdue. */
    record Listing(List<ComplaintResponse> items, int page, int size, long total, Counts counts) {}

    record Counts(java.util.Map<ComplaintStatus, Long> byStatus, long overdue) {}
}

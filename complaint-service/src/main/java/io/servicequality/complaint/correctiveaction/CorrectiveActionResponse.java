package io.servicequality.complaint.correctiveaction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A corrective action as callers see it; {@code overdue} is past its due date and not yet effective. */
record CorrectiveActionResponse(
        String actionId,
        String branchId,
        String complaintId,
        String metric,
        String title,
        String description,
        String owner,
        LocalDate dueDate,
        ActionStatus status,
        int cycle,
        boolean overdue,
        Instant createdAt,
        Instant completedAt,
        List<CorrectiveAction.EffectivenessCheck> checks) {

    static CorrectiveActionResponse of(CorrectiveAction action, LocalDate today) {
        return new CorrectiveActionResponse(
                action.id(),
                action.branchId(),
                action.complaintId(),
                action.metric(),
                action.title(),
                action.description(),
                action.owner(),
                action.dueDate(),
                action.status(),
                action.cycle(),
                action.overdue(today),
                action.createdAt(),
                action.completedAt(),
                action.checks());
    }
}

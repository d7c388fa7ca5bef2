package io.servicequality.reporting.complaint;

import io.servicequality.contracts.ComplaintChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;

/** Applies complaint events to the current states and answers the point-in-time questions. */
@Service
public class ComplaintBacklog {

    private final ComplaintStates states;
    private final Clock clock;

    ComplaintBacklog(ComplaintStates states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    /** An open complaint, for the overdue list. */
    public record OpenComplaint(
            String branchId,
            String complaintId,
            String number,
            String category,
            String severity,
            String department,
            Instant resolutionDueAt,
            boolean overdue) {}

    /** Open and overdue counts of a scope, now. */
    public record Backlog(long open, long overdue, List<OpenComplaint> complaints) {}

    void apply(ComplaintChanged event) {
        if (event.tenantId() == null
                || event.complaintId() == null
                || event.type() == null
                || event.occurredAt() == null) {
            throw new InvalidComplaintEventException(
                    "a complaint event needs tenantId, complaintId, type and occurredAt");
        }
        ComplaintState before = states.find(ComplaintState.idOf(event.tenantId(), event.complaintId()))
                .orElse(null);
        if (before != null && before.lastOccurredAt().isAfter(event.occurredAt())) {
            return;
        }
        states.store(ComplaintState.after(before, event));
    }

    /** The scope's open complaints now ({@code branchIds == null}: the tenant's), due first. */
    public Backlog backlog(String tenantId, Collection<String> branchIds) {
        Instant now = clock.instant();
        List<OpenComplaint> open = states.open(tenantId, branchIds).stream()
                .map(state -> new OpenComplaint(
                        state.branchId(),
                        state.complaintId(),
                        state.number(),
                        state.category(),
                        state.severity(),
                        state.department(),
                        state.resolutionDueAt(),
                        state.overdueAt(now)))
                .toList();
        return new Backlog(
                open.size(), open.stream().filter(OpenComplaint::overdue).count(), open);
    }
}

package io.servicequality.complaint.correctiveaction;

import io.servicequality.contracts.CorrectiveActionChanged;
import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.http.HttpStatus;

/**
 * One corrective action and its plan-do-check-act cycles. Attached to a complaint ({@code complaintId}) or standing
 * alone for a branch and a metric. Each effectiveness check is kept; an ineffective one starts a new cycle.
 */
@Document("corrective_actions")
class CorrectiveAction {

    @Id
    private String id;

    private String tenantId;
    private String branchId;
    private String complaintId;
    private String metric;
    private String title;
    private String description;
    private String owner;
    private String dueDate;
    private ActionStatus status;
    private int cycle;
    private Instant createdAt;
    private Instant completedAt;
    private List<EffectivenessCheck> checks;

    @Version
    private Long version;

    /** The outbox: this version is not yet acknowledged on {@code sqp.corrective-actions.v1}. */
    private boolean unpublished;

    @PersistenceCreator
    private CorrectiveAction() {}

    static CorrectiveAction plan(
            String id,
            String tenantId,
            String branchId,
            String complaintId,
            String metric,
            String title,
            String description,
            String owner,
            LocalDate dueDate,
            Instant now) {
        CorrectiveAction action = new CorrectiveAction();
        action.id = id;
        action.tenantId = tenantId;
        action.branchId = branchId;
        action.complaintId = complaintId;
        action.metric = metric;
        action.title = title;
        action.description = description;
        action.owner = owner;
        action.dueDate = dueDate.toString();
        action.status = ActionStatus.PLANNED;
        action.cycle = 1;
        action.createdAt = now;
        action.checks = new ArrayList<>();
        action.unpublished = true;
        return action;
    }

    void start() {
        require("start", ActionStatus.PLANNED);
        status = ActionStatus.DOING;
        unpublished = true;
    }

    void readyForCheck() {
        require("check", ActionStatus.DOING);
        status = ActionStatus.CHECKING;
        unpublished = true;
    }

    /** The effectiveness check: effective closes the action, ineffective plans another cycle. */
    void evaluate(boolean effective, String note, String checkedBy, Instant now) {
        require("evaluate", ActionStatus.CHECKING);
        checks.add(new EffectivenessCheck(cycle, effective, note, checkedBy, now));
        unpublished = true;
        if (effective) {
            status = ActionStatus.EFFECTIVE;
            completedAt = now;
        } else {
            status = ActionStatus.PLANNED;
            cycle++;
        }
    }

    /** A new owner or due date, while it is not done. */
    void replan(String newOwner, LocalDate newDueDate) {
        if (status == ActionStatus.EFFECTIVE) {
            throw invalid("re-plan");
        }
        if (newOwner != null) {
            owner = newOwner;
        }
        if (newDueDate != null) {
            dueDate = newDueDate.toString();
        }
        unpublished = true;
    }

    boolean overdue(LocalDate today) {
        return status != ActionStatus.EFFECTIVE && LocalDate.parse(dueDate).isBefore(today);
    }

    private void require(String action, ActionStatus expected) {
        if (status != expected) {
            throw invalid(action);
        }
    }

    private RuntimeException invalid(String action) {
        return Problems.of(
                HttpStatus.CONFLICT,
                ProblemTypes.INVALID_TRANSITION,
                "Invalid transition",
                "Cannot " + action + " a corrective action that is " + status);
    }

    String id() {
        return id;
    }

    String tenantId() {
        return tenantId;
    }

    Long version() {
        return version;
    }

    /**
     * The action as it is now, as published: its version (after the write that stored it) names the event, so a
     * version published twice is the same event.
     */
    CorrectiveActionChanged toEvent() {
        long at = version == null ? 0 : version;
        Instant changedAt =
                checks.isEmpty() ? createdAt : checks.get(checks.size() - 1).checkedAt();
        return new CorrectiveActionChanged(
                CorrectiveActionChanged.eventIdOf(tenantId, id, at),
                tenantId,
                branchId,
                changedAt,
                CorrectiveActionChanged.SCHEMA_VERSION,
                id,
                at,
                complaintId,
                metric,
                title,
                owner,
                dueDate,
                status.name(),
                cycle,
                createdAt,
                completedAt,
                checks.stream()
                        .map(check -> new CorrectiveActionChanged.Check(
                                check.cycle(), check.effective(), check.checkedBy(), check.checkedAt()))
                        .toList());
    }

    String branchId() {
        return branchId;
    }

    String complaintId() {
        return complaintId;
    }

    String metric() {
        return metric;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    String owner() {
        return owner;
    }

    LocalDate dueDate() {
        return LocalDate.parse(dueDate);
    }

    ActionStatus status() {
        return status;
    }

    int cycle() {
        return cycle;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant completedAt() {
        return completedAt;
    }

    List<EffectivenessCheck> checks() {
        return List.copyOf(checks);
    }

    /** The outcome of checking whether one cycle worked. */
    record EffectivenessCheck(int cycle, boolean effective, String note, String checkedBy, Instant checkedAt) {}
}

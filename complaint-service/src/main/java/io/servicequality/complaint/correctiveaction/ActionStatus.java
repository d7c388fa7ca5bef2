package io.servicequality.complaint.correctiveaction;

/**
 * Plan-do-check-act: {@code PLANNED → DOING → CHECKING}, then the effectiveness check either standardises it
 * ({@code EFFECTIVE}, done) or sends it back to {@code PLANNED} for another cycle.
 */
enum ActionStatus {
    PLANNED,
    DOING,
    CHECKING,
    EFFECTIVE
}

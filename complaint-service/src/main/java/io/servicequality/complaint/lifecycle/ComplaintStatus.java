package io.servicequality.complaint.lifecycle;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a complaint stands (SPEC §5). The SLA clock runs in the active states except {@code ON_HOLD} (waiting for
 * the customer) and stops at {@code RESOLVED}; escalation is a level, not a state.
 *
 * <pre>
 * OPEN ─acknowledge→ ACKNOWLEDGED ─assign→ ASSIGNED ─resolve→ RESOLVED ─follow-up (satisfied) / close→ CLOSED
 *                         └──── hold ⇄ resume (ON_HOLD) ───┘          └─follow-up (dissatisfied) / reopen→ REOPENED
 * </pre>
 */
enum ComplaintStatus {
    OPEN,
    ACKNOWLEDGED,
    ASSIGNED,
    ON_HOLD,
    RESOLVED,
    CLOSED,
    REOPENED;

    /** Not yet resolved: counts in the backlog and can be overdue. */
    static final Set<ComplaintStatus> ACTIVE = EnumSet.of(OPEN, ACKNOWLEDGED, ASSIGNED, ON_HOLD, REOPENED);

    /** Being worked on: can be assigned, put on hold, resolved. */
    static final Set<ComplaintStatus> IN_PROGRESS = EnumSet.of(ACKNOWLEDGED, ASSIGNED, REOPENED);
}

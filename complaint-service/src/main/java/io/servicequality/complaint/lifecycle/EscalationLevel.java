package io.servicequality.complaint.lifecycle;

/** The escalation ladder (SPEC §5): each breach or manual escalation climbs one rung, up to the quality director. */
enum EscalationLevel {
    NONE,
    TEAM_LEAD,
    DEPARTMENT_MANAGER,
    BRANCH_MANAGER,
    QUALITY_DIRECTOR;

    static final int TOP = QUALITY_DIRECTOR.ordinal();

    static EscalationLevel of(int level) {
        return values()[level];
    }
}

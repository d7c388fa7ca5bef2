package io.servicequality.reporting.alerthandling;

/**
 * Who an unacknowledged alert is escalated to, one rung per missed interval: the top of the complaint escalation
 * ladder (SPEC §5), since an alert already concerns a whole branch, a region or the tenant.
 */
enum EscalationLevel {
    NONE,
    BRANCH_MANAGER,
    QUALITY_MANAGER,
    QUALITY_DIRECTOR;

    static final int TOP = QUALITY_DIRECTOR.ordinal();

    static EscalationLevel of(int level) {
        return values()[level];
    }
}

package io.servicequality.security;

/** Staff roles, as the {@code roles} claim of a staff JWT names them. */
public enum Role {
    ADMIN,
    QUALITY_MANAGER,
    BRANCH_MANAGER,
    AGENT,
    VIEWER;

    /** BRANCH_MANAGER and AGENT only ever see their branches; the others see the tenant unless their claims narrow it. */
    public boolean branchBound() {
        return this == BRANCH_MANAGER || this == AGENT;
    }

    /** The Spring Security authority of this role: {@code ROLE_<name>}. */
    public String authority() {
        return "ROLE_" + name();
    }
}

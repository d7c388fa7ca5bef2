package io.servicequality.security;

import java.util.Set;

/**
 * Who is calling, whatever the credential: a member of staff with a JWT or an app with an API key. The tenant comes
 * from the credential and nothing else.
 *
 * @param tenantId the tenant the credential belongs to
 * @param subject the JWT's {@code sub}, or the API key's id
 * @param kind {@link Kind#STAFF} or {@link Kind#APP}
 * @param roles staff roles (empty for apps)
 * @param branches the branches the caller is bound to: the {@code branches} claim plus the branches of the
 *     {@code regions} claim (staff), or the key's branches (apps); meaningful only when {@link #branchBound()}
 * @param regions the {@code regions} claim (staff), as given
 * @param scopes the key's scopes (empty for staff)
 * @param branchBound whether the caller may only see and write {@code branches}
 */
public record Caller(
        String tenantId,
        String subject,
        Kind kind,
        Set<Role> roles,
        Set<String> branches,
        Set<String> regions,
        Set<String> scopes,
        boolean branchBound) {

    /** The kind of credential. */
    public enum Kind {
        STAFF,
        APP
    }

    public Caller {
        roles = Set.copyOf(roles);
        branches = Set.copyOf(branches);
        regions = Set.copyOf(regions);
        scopes = Set.copyOf(scopes);
    }

    /**
     * A member of staff. Bound to branches when a role is branch-bound (BRANCH_MANAGER, AGENT) or when the token
     * carries {@code branches} or {@code regions} claims at all; {@code resolvedBranches} already holds the branches of
     * the regions.
     */
    public static Caller staff(
            String tenantId,
            String subject,
            Set<Role> roles,
            Set<String> branchClaim,
            Set<String> regionClaim,
            Set<String> resolvedBranches) {
        boolean bound = roles.stream().anyMatch(Role::branchBound) || !branchClaim.isEmpty() || !regionClaim.isEmpty();
        return new Caller(tenantId, subject, Kind.STAFF, roles, resolvedBranches, regionClaim, Set.of(), bound);
    }

    /** An app's API key; bound to its branches when it has any. */
    public static Caller app(String tenantId, String keyId, Set<String> branches, Set<String> scopes) {
        return new Caller(tenantId, keyId, Kind.APP, Set.of(), branches, Set.of(), scopes, !branches.isEmpty());
    }

    public boolean isBranchBound() {
        return branchBound;
    }

    /** Whether the caller may read or write data of {@code branchId}. */
    public boolean mayAccessBranch(String branchId) {
        return !branchBound || branches.contains(branchId);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** One key per credential ({@code staff:<sub>} or {@code app:<keyId>}), e.g. for rate limits. */
    public String credentialId() {
        return tenantId + ":" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + subject;
    }
}

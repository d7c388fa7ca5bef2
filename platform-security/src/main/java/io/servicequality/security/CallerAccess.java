package io.servicequality.security;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.TreeSet;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The current request's {@link Caller} and what follows from it: its tenant, its branch scope, and the store filter
 * that enforces both in the data access itself ({@link #scope()}).
 */
public class CallerAccess {

    /** The document fields {@link #scope()} filters on. */
    public static final String TENANT_FIELD = "tenantId";

    public static final String BRANCH_FIELD = "branchId";

    /**
     * @throws AuthenticationCredentialsNotFoundException outside an authenticated request (answered with 401)
     */
    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
    }

    /** The tenant of the current caller's credential: the only tenant this request may read or write. */
    public String tenantId() {
        return current().tenantId();
    }

    public boolean isBranchBound() {
        return current().isBranchBound();
    }

    public boolean mayAccessBranch(String branchId) {
        return current().mayAccessBranch(branchId);
    }

    /**
     * For writes naming a branch.
     *
     * @throws AccessDeniedException when the caller is bound to other branches (answered with 403 forbidden)
     */
    public void requireBranch(String branchId) {
        if (!mayAccessBranch(branchId)) {
            throw new AccessDeniedException("The caller may not act for branch " + branchId + ".");
        }
    }

    /**
     * For changes to what applies to the whole tenant (its risk model, a tenant-wide target or rule): only callers
     * bound to no branches may make them.
     *
     * @param what what the caller wanted to change, for the problem's detail ("the risk model")
     * @throws AccessDeniedException when the caller is bound to branches (answered with 403 forbidden)
     */
    public void requireWholeTenant(String what) {
        if (isBranchBound()) {
            throw new AccessDeniedException(
                    "The caller is bound to branches and may not change " + what + " of the whole tenant.");
        }
    }

    /**
     * The store filter of every read: the caller's tenant and, for a branch-bound caller, its branches ({@code tenantId}
     * and {@code branchId} fields). Combine it with other criteria through {@code new Criteria().andOperator(scope,
     * …)}, so that a request's own {@code branchId} filter can only narrow it. Another tenant's or branch's document
     * then simply is not found (404), exactly like an absent one.
     */
    public Criteria scope() {
        return scope(TENANT_FIELD, BRANCH_FIELD);
    }

    /** {@link #scope()} for documents whose tenant and branch fields have other names. */
    public Criteria scope(String tenantField, String branchField) {
        Caller caller = current();
        Criteria criteria = where(tenantField).is(caller.tenantId());
        if (caller.isBranchBound()) {
            criteria.and(branchField).in(List.copyOf(new TreeSet<>(caller.branches())));
        }
        return criteria;
    }

    /** The tenant-only filter, for documents that belong to the tenant rather than to a branch. */
    public Criteria tenantScope(String tenantField) {
        return where(tenantField).is(tenantId());
    }
}

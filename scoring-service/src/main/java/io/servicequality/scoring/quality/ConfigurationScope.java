package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.security.CallerAccess;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.access.AccessDeniedException;

/**
 * Which targets and alert rules a caller may see and change. Both belong to a branch ({@code branchId}) or to the
 * whole tenant ({@code branchId} null: every branch, a region or the tenant). Everyone of the tenant sees the
 * tenant-wide ones; a branch-bound caller sees only its own branches' besides, and may change only those.
 */
final class ConfigurationScope {

    private ConfigurationScope() {}

    /** The store filter of every read: the caller's tenant, and for a branch-bound caller its branches or none. */
    static Criteria readable(CallerAccess callers) {
        Criteria tenant = callers.tenantScope(CallerAccess.TENANT_FIELD);
        if (!callers.isBranchBound()) {
            return tenant;
        }
        return new Criteria()
                .andOperator(
                        tenant,
                        new Criteria()
                                .orOperator(
                                        callers.scope(),
                                        where(CallerAccess.BRANCH_FIELD).is(null)));
    }

    /**
     * For creating, replacing or removing a target or rule of {@code branchId} ({@code null}: tenant-wide).
     *
     * @throws AccessDeniedException for a branch-bound caller and a tenant-wide object or another branch (403)
     */
    static void requireWritable(CallerAccess callers, String branchId) {
        if (branchId == null) {
            callers.requireWholeTenant("targets or rules");
        } else if (!callers.mayAccessBranch(branchId)) {
            throw new AccessDeniedException("The caller may not change targets or rules of branch " + branchId + ".");
        }
    }
}

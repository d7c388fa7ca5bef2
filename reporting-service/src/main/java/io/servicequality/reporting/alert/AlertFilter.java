package io.servicequality.reporting.alert;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Which alerts a view of a branch, a region or the tenant shows: the alerts of its branches (by their
 * {@code branchId}), the region-scoped alerts of its regions, and every tenant-scoped alert.
 *
 * @param branchIds {@code null}: every alert of the tenant (the tenant view)
 * @param regionIds the regions whose region-scoped alerts pass: a region view's region, a branch view's region in the
 *     directory (none for a branch the directory does not know)
 */
public record AlertFilter(Set<String> branchIds, Set<String> regionIds) {

    /** The tenant view: everything passes. */
    public static final AlertFilter ALL = new AlertFilter(null, Set.of());

    public AlertFilter {
        branchIds = branchIds == null ? null : Set.copyOf(branchIds);
        regionIds = regionIds == null ? Set.of() : Set.copyOf(regionIds);
    }

    public static AlertFilter of(Collection<String> branchIds, Collection<String> regionIds) {
        return branchIds == null
                ? ALL
                : new AlertFilter(Set.copyOf(branchIds), regionIds == null ? Set.of() : Set.copyOf(regionIds));
    }

    /**
     * Whether an event about {@code branchId} with scope ({@code scopeLevel}, {@code scopeId}) passes; events without
     * a scope (metric updates, alerts of the first schema) are matched by their branch.
     */
    public boolean passes(String branchId, String scopeLevel, String scopeId) {
        if (branchIds == null || "TENANT".equals(scopeLevel)) {
            return true;
        }
        if ("REGION".equals(scopeLevel)) {
            return regionIds.contains(scopeId);
        }
        return branchId != null && branchIds.contains(branchId);
    }

    /**
     * The store query form of {@link #passes}, for documents about alerts of {@code tenantId} with the fields {@code
     * tenantId}, {@code branchId}, {@code scopeLevel} and {@code scopeId}.
     */
    public Criteria criteria(String tenantId) {
        Criteria criteria = where("tenantId").is(tenantId);
        if (branchIds == null) {
            return criteria;
        }
        List<Criteria> passing = new ArrayList<>();
        passing.add(where("scopeLevel").is("TENANT"));
        if (!regionIds.isEmpty()) {
            passing.add(where("scopeLevel").is("REGION").and("scopeId").in(regionIds));
        }
        passing.add(where("scopeLevel").ne("REGION").and("branchId").in(branchIds));
        return criteria.orOperator(passing);
    }
}

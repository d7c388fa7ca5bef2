package io.servicequality.security;

import io.servicequality.contracts.BranchChanged;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which branches belong to which region, per tenant: the latest {@link BranchChanged} per branch, read from the
 * compacted branch directory topic. Resolves a staff token's {@code regions} claim to branches.
 */
public class BranchRegions {

    private final Map<String, BranchChanged> branches = new ConcurrentHashMap<>();

    /** Applies the branch's latest state; a removed branch leaves its region. */
    public void apply(BranchChanged change) {
        String key = change.tenantId() + ":" + change.branchId();
        branches.merge(
                key,
                change,
                (current, next) -> next.occurredAt() != null
                                && current.occurredAt() != null
                                && next.occurredAt().isBefore(current.occurredAt())
                        ? current
                        : next);
    }

    /** The current branches of {@code regions} in the tenant. */
    public Set<String> branchesOf(String tenantId, Collection<String> regions) {
        if (regions.isEmpty()) {
            return Set.of();
        }
        return branches.values().stream()
                .filter(b -> tenantId.equals(b.tenantId()) && !b.removed() && regions.contains(b.regionId()))
                .map(BranchChanged::branchId)
                .collect(Collectors.toUnmodifiableSet());
    }
}

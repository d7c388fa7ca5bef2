package io.servicequality.reporting.branch;

import io.servicequality.contracts.BranchChanged;
import io.servicequality.security.BranchRegions;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Resolves a staff token's {@code regions} claim from this service's own directory, which owns the branches: a change
 * applies to the very next request, with no need to follow {@code sqp.branch-directory.v1} (the topic reader of
 * platform-security is switched off here, {@code sqp.security.topics.branch-directory: false}).
 */
@Component
class DirectoryBranchRegions extends BranchRegions {

    private final Branches branches;

    DirectoryBranchRegions(Branches branches) {
        this.branches = branches;
    }

    /** Nothing to follow: the directory is read at each request. */
    @Override
    public void apply(BranchChanged change) {
        // the store is the source of truth here
    }

    @Override
    public Set<String> branchesOf(String tenantId, Collection<String> regions) {
        if (regions.isEmpty()) {
            return Set.of();
        }
        return regions.stream()
                .flatMap(region -> branches.current(tenantId, region).stream())
                .map(Branch::branchId)
                .collect(Collectors.toUnmodifiableSet());
    }
}

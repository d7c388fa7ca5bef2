package io.servicequality.reporting.branch;

import java.time.Instant;

/** A branch as the API shows it; {@code version} grows with every change. */
record BranchResponse(
        String branchId, String code, String name, String regionId, String timeZone, long version, Instant changedAt) {

    static BranchResponse of(Branch branch) {
        return new BranchResponse(
                branch.branchId(),
                branch.publicCode(),
                branch.name(),
                branch.regionId(),
                branch.timeZone(),
                branch.version(),
                branch.changedAt());
    }
}

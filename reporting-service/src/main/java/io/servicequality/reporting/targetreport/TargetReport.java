package io.servicequality.reporting.targetreport;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard.TargetAttainment;
import java.time.Instant;
import java.util.List;

/**
 * Target attainment of a scope's branches in a range.
 *
 * @param targets every target applying to at least one branch of the scope (tenant-wide ones always), with how many
 *     of those branches attain it
 * @param branches per branch of the scope, by id: the targets that apply to it and their attainment
 */
record TargetReport(
        Scope scope, Instant from, Instant to, List<TargetSummary> targets, List<BranchAttainment> branches) {

    /**
     * @param branchId the branch the target was set for; {@code null} for a tenant-wide target
     * @param branches branches of the scope the target applies to (a tenant-wide target does not apply to a branch with
     *     its own target of the metric)
     * @param branchesWithData those of them with data for the metric in the range
     * @param attaining those of them attaining it
     * @param attainingPercent attaining / branchesWithData, in percent; {@code null} when no branch had data
     */
    record TargetSummary(
            String targetId,
            String branchId,
            String metric,
            String bound,
            double value,
            long branches,
            long branchesWithData,
            long attaining,
            Double attainingPercent) {}

    record BranchAttainment(String branchId, List<TargetAttainment> targets) {}
}

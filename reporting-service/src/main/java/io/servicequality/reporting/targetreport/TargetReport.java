package io.servicequality.reporting.targetreport;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard.TargetAttainment;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Target attainment of a scope's branches in a range.
 *
 * @param targets every target applying to at least one branch of the scope (tenant-wide ones always), with how many
 *     of those branches attain it
 * @param branches per branch of the scope, by id: the targets that apply to it and their attainment
 */
record TargetReport(Scope scope, Instant from, Instant to, List<TargetSummary> targets, List<BranchAttainment> branches)
        implements CsvExportable {

    /** One row per branch and target that applies to it. */
    @Override
    public CsvTable csvTable() {
        List<List<?>> rows = new ArrayList<>();
        for (BranchAttainment branch : branches) {
            for (TargetAttainment target : branch.targets()) {
                rows.add(Arrays.asList(
                        branch.branchId(),
                        target.targetId(),
                        target.branchId() == null ? "TENANT" : "BRANCH",
                        target.metric(),
                        target.bound(),
                        target.value(),
                        target.observed(),
                        target.n(),
                        target.attained()));
            }
        }
        return new CsvTable(
                List.of("branchId", "targetId", "targetScope", "metric", "bound", "value", "observed", "n", "attained"),
                rows);
    }

    @Override
    public String csvFileName() {
        return "targets-" + scope.label();
    }

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

package io.servicequality.reporting.targetreport;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.branch.BranchDirectory;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.qualitytarget.QualityTargets;
import io.servicequality.reporting.qualitytarget.QualityTargets.Target;
import io.servicequality.reporting.scope.ReportQuery;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.reporting.scorecard.Scorecard;
import io.servicequality.reporting.scorecard.Scorecard.TargetAttainment;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.reporting.scorecard.TargetMetrics;
import io.servicequality.reporting.targetreport.TargetReport.BranchAttainment;
import io.servicequality.reporting.targetreport.TargetReport.TargetSummary;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class TargetReportController {

    private final MetricBucketReadModel buckets;
    private final QualityTargets qualityTargets;
    private final BranchDirectory directory;
    private final ScorecardCalculator calculator;
    private final Scopes scopes;

    TargetReportController(
            MetricBucketReadModel buckets,
            QualityTargets qualityTargets,
            BranchDirectory directory,
            ScorecardCalculator calculator,
            Scopes scopes) {
        this.buckets = buckets;
        this.qualityTargets = qualityTargets;
        this.directory = directory;
        this.calculator = calculator;
        this.scopes = scopes;
    }

    @Operation(
            summary = "Target attainment of the branches of a branch, a region or the tenant",
            description = "Per branch of the scope (a region's branches in the directory; for the tenant those and"
                    + " every branch with data) the quality targets that apply to it (its own, and the tenant-wide ones"
                    + " of metrics it has no own target for), each with the observed value of the hour buckets"
                    + " starting in [from, to), its n and whether it is attained (null without data); per target the"
                    + " share of branches with data attaining it. format=csv answers text/csv (one row per branch and"
                    + " target).")
    @GetMapping("/targets")
    ResponseEntity<TargetReport> targets(@Valid @ParameterObject ReportQuery query) {
        Scope scope = scopes.resolve(query.branchId(), query.regionId(), null);
        return query.answer(report(scope, query.from(), query.to()));
    }

    private TargetReport report(Scope scope, Instant from, Instant to) {
        String tenantId = scopes.tenantId();
        Map<String, BucketStatistics> totals = buckets.totalsByBranch(tenantId, scope.branchIds(), from, to);
        SortedSet<String> branchIds = new TreeSet<>();
        if (scope.branchIds() != null) {
            branchIds.addAll(scope.branchIds());
        } else {
            directory.branches(tenantId, null).forEach(entry -> branchIds.add(entry.branchId()));
            branchIds.addAll(totals.keySet());
        }
        List<Target> current = qualityTargets.all(tenantId);
        List<BranchAttainment> branches = new ArrayList<>();
        for (String branch : branchIds) {
            Scorecard scorecard =
                    calculator.scorecard(scope, from, to, totals.getOrDefault(branch, BucketStatistics.EMPTY), null);
            branches.add(new BranchAttainment(
                    branch, TargetMetrics.attainments(QualityTargets.applyingTo(current, branch), scorecard)));
        }
        List<TargetSummary> summaries = new ArrayList<>();
        for (Target target : current) {
            if (target.branchId() != null && !branchIds.contains(target.branchId())) {
                continue;
            }
            List<TargetAttainment> held = branches.stream()
                    .flatMap(branch -> branch.targets().stream())
                    .filter(attainment -> attainment.targetId().equals(target.targetId()))
                    .toList();
            long withData = held.stream().filter(a -> a.attained() != null).count();
            long attaining =
                    held.stream().filter(a -> Boolean.TRUE.equals(a.attained())).count();
            summaries.add(new TargetSummary(
                    target.targetId(),
                    target.branchId(),
                    target.metric(),
                    target.bound(),
                    target.value(),
                    held.size(),
                    withData,
                    attaining,
                    withData == 0 ? null : 100.0 * attaining / withData));
        }
        return new TargetReport(scope, from, to, summaries, branches);
    }
}

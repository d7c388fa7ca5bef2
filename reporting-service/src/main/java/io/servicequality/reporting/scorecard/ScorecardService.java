package io.servicequality.reporting.scorecard;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.complaint.ComplaintBacklog;
import io.servicequality.reporting.qualitytarget.QualityTargets;
import io.servicequality.reporting.qualitytarget.QualityTargets.Target;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** Builds the scorecard of a branch, a region or the tenant from the buckets of the deployment's tenant. */
@Service
public class ScorecardService {

    private final MetricBucketReadModel buckets;
    private final ComplaintBacklog complaints;
    private final ScorecardCalculator calculator;
    private final Scopes scopes;
    private final QualityTargets targets;

    ScorecardService(
            MetricBucketReadModel buckets,
            ComplaintBacklog complaints,
            ScorecardCalculator calculator,
            Scopes scopes,
            QualityTargets targets) {
        this.buckets = buckets;
        this.complaints = complaints;
        this.calculator = calculator;
        this.scopes = scopes;
        this.targets = targets;
    }

    /** The scorecard of the hour buckets whose start lies in [from, to), with the attainment of the targets that apply. */
    public Scorecard scorecardOf(Scope scope, Instant from, Instant to) {
        return scorecardOf(scopes.tenantId(), scope, from, to);
    }

    /** The same for {@code tenantId} (work no caller asked for, such as a scheduled report). */
    public Scorecard scorecardOf(String tenantId, Scope scope, Instant from, Instant to) {
        BucketStatistics totals = buckets.total(tenantId, scope.branchIds(), from, to);
        Scorecard scorecard =
                calculator.scorecard(scope, from, to, totals, complaints.backlog(tenantId, scope.branchIds()));
        List<Target> current = targets.all(tenantId);
        List<Target> applying = scope.level() == Scope.Level.BRANCH
                ? QualityTargets.applyingTo(current, scope.branchId())
                : QualityTargets.tenantWide(current);
        return scorecard.withTargets(TargetMetrics.attainments(applying, scorecard));
    }
}

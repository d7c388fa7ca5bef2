package io.servicequality.reporting.scorecard;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.complaint.ComplaintBacklog;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Builds the scorecard of a branch, a region or the tenant from the buckets of the deployment's tenant. */
@Service
class ScorecardService {

    private final MetricBucketReadModel buckets;
    private final ComplaintBacklog complaints;
    private final ScorecardCalculator calculator;
    private final Scopes scopes;

    ScorecardService(
            MetricBucketReadModel buckets, ComplaintBacklog complaints, ScorecardCalculator calculator, Scopes scopes) {
        this.buckets = buckets;
        this.complaints = complaints;
        this.calculator = calculator;
        this.scopes = scopes;
    }

    /** The scorecard of the hour buckets whose start lies in [from, to). */
    Scorecard scorecardOf(Scope scope, Instant from, Instant to) {
        BucketStatistics totals = buckets.total(scopes.tenantId(), scope.branchIds(), from, to);
        return calculator.scorecard(scope, from, to, totals, complaints.backlog(scopes.tenantId(), scope.branchIds()));
    }
}

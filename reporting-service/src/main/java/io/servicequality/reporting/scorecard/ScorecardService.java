package io.servicequality.reporting.scorecard;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.tenant.TenantProperties;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Builds a branch scorecard from the hour buckets of the deployment's tenant. */
@Service
class ScorecardService {

    private final MetricBucketReadModel buckets;
    private final ScorecardCalculator calculator;
    private final TenantProperties tenant;

    ScorecardService(MetricBucketReadModel buckets, ScorecardCalculator calculator, TenantProperties tenant) {
        this.buckets = buckets;
        this.calculator = calculator;
        this.tenant = tenant;
    }

    /** The scorecard of the hour buckets whose start lies in [from, to). */
    Scorecard scorecardOf(String branchId, Instant from, Instant to) {
        BucketStatistics totals = buckets.totalOfHourBuckets(tenant.tenantId(), branchId, from, to);
        return calculator.scorecard(branchId, from, to, totals);
    }
}

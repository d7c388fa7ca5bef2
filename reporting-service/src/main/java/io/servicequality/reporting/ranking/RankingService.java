package io.servicequality.reporting.ranking;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

@Service
class RankingService {

    private final MetricBucketReadModel buckets;
    private final ScorecardCalculator calculator;
    private final Scopes scopes;

    RankingService(MetricBucketReadModel buckets, ScorecardCalculator calculator, Scopes scopes) {
        this.buckets = buckets;
        this.calculator = calculator;
        this.scopes = scopes;
    }

    Ranking rank(Scope scope, RankedMetric metric, Instant from, Instant to, long minN) {
        Map<String, BucketStatistics> totals = buckets.totalsByBranch(scopes.tenantId(), scope.branchIds(), from, to);
        return rank(scope, metric, from, to, minN, totals, calculator);
    }

    /** The branches by {@link TieGroups}' rule; excluded branches (below {@code minN}) are listed apart. */
    static Ranking rank(
            Scope scope,
            RankedMetric metric,
            Instant from,
            Instant to,
            long minN,
            Map<String, BucketStatistics> totals,
            ScorecardCalculator calculator) {
        Map<String, Measured> measured = new LinkedHashMap<>();
        totals.forEach((branchId, statistics) -> measured.put(branchId, metric.measure(statistics, calculator)));
        TieGroups.Placement placement = TieGroups.place(measured, metric.higherIsBetter(), minN);
        List<Ranking.Entry> entries = placement.ranked().stream()
                .map(placed -> new Ranking.Entry(
                        placed.rank(),
                        placed.tieGroup(),
                        placed.id(),
                        placed.measured().value(),
                        placed.measured().n(),
                        placed.measured().ci95()))
                .toList();
        List<Ranking.Excluded> excluded = placement.excluded().stream()
                .map(below -> new Ranking.Excluded(below.id(), below.n()))
                .toList();
        return new Ranking(scope, from, to, metric.parameter(), metric.higherIsBetter(), minN, entries, excluded);
    }
}

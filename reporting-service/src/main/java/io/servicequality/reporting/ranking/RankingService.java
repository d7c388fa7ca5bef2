package io.servicequality.reporting.ranking;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.ranking.RankedMetric.Measured;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * Orders the measured branches (best first, then by id), walks down the list and starts a new tie group whenever
     * a branch's interval no longer overlaps the interval of its group's leader.
     */
    static Ranking rank(
            Scope scope,
            RankedMetric metric,
            Instant from,
            Instant to,
            long minN,
            Map<String, BucketStatistics> totals,
            ScorecardCalculator calculator) {
        record Candidate(String branchId, Measured measured) {}
        List<Candidate> ranked = new ArrayList<>();
        List<Ranking.Excluded> excluded = new ArrayList<>();
        totals.forEach((branchId, statistics) -> {
            Measured measured = metric.measure(statistics, calculator);
            if (measured == null) {
                return;
            }
            if (measured.n() < minN) {
                excluded.add(new Ranking.Excluded(branchId, measured.n()));
            } else {
                ranked.add(new Candidate(branchId, measured));
            }
        });
        Comparator<Candidate> byValue =
                Comparator.comparingDouble(c -> c.measured().value());
        ranked.sort((metric.higherIsBetter() ? byValue.reversed() : byValue).thenComparing(Candidate::branchId));

        List<Ranking.Entry> entries = new ArrayList<>();
        Candidate leader = null;
        int group = 0;
        int rank = 0;
        for (int i = 0; i < ranked.size(); i++) {
            Candidate candidate = ranked.get(i);
            if (leader == null || !overlap(leader.measured(), candidate.measured())) {
                leader = candidate;
                group++;
                rank = i + 1;
            }
            Measured measured = candidate.measured();
            entries.add(new Ranking.Entry(
                    rank, group, candidate.branchId(), measured.value(), measured.n(), measured.ci95()));
        }
        return new Ranking(scope, from, to, metric.parameter(), metric.higherIsBetter(), minN, entries, excluded);
    }

    private static boolean overlap(Measured a, Measured b) {
        return a.lower() <= b.upper() && b.lower() <= a.upper();
    }
}

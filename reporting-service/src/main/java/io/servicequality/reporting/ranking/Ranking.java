package io.servicequality.reporting.ranking;

import io.servicequality.reporting.scope.Scope;
import java.time.Instant;
import java.util.List;

/**
 * @param entries ranked branches, best first
 * @param excluded branches with data below {@code minN}, not ranked
 */
record Ranking(
        Scope scope,
        Instant from,
        Instant to,
        String metric,
        boolean higherIsBetter,
        long minN,
        List<Entry> entries,
        List<Excluded> excluded) {

    /**
     * @param rank 1 + the number of branches in better tie groups (shared by a tie group)
     * @param tieGroup 1, 2, …: branches in one group cannot be told apart at 95 %
     * @param ci95 {@code null} for composites (SQI, weighted SERVQUAL gap)
     */
    record Entry(int rank, int tieGroup, String branchId, double value, long n, List<Double> ci95) {}

    record Excluded(String branchId, long n) {}
}

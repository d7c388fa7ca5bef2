package io.servicequality.reporting.ranking;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
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
        List<Excluded> excluded)
        implements CsvExportable {

    /** The ranked branches, the metric's value under its own name; excluded branches are not listed. */
    @Override
    public CsvTable csvTable() {
        return RankedEntry.csvTable("branchId", metric, entries);
    }

    @Override
    public String csvFileName() {
        return "ranking-" + metric + "-" + scope.label();
    }

    /**
     * @param rank 1 + the number of branches in better tie groups (shared by a tie group)
     * @param tieGroup 1, 2, …: branches in one group cannot be told apart at 95 %
     * @param ci95 {@code null} for composites (SQI, weighted SERVQUAL gap)
     */
    record Entry(int rank, int tieGroup, String branchId, double value, long n, List<Double> ci95)
            implements RankedEntry {

        @Override
        public String id() {
            return branchId;
        }
    }

    record Excluded(String branchId, long n) {}
}

package io.servicequality.reporting.staff;

import io.servicequality.reporting.ranking.RankedEntry;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
import java.time.Instant;
import java.util.List;

/**
 * Members of staff ranked by one metric (the rule of {@code ranking.TieGroups}).
 *
 * @param entries ranked, best first
 * @param excluded members of staff with data below {@code minN}, not ranked
 */
record StaffRanking(
        Scope scope,
        Instant from,
        Instant to,
        String metric,
        boolean higherIsBetter,
        long minN,
        List<Entry> entries,
        List<Excluded> excluded)
        implements CsvExportable {

    @Override
    public CsvTable csvTable() {
        return RankedEntry.csvTable("staffId", metric, entries);
    }

    @Override
    public String csvFileName() {
        return "staff-ranking-" + metric + "-" + scope.label();
    }

    /**
     * @param rank 1 + the number of members of staff in better tie groups (shared by a tie group)
     * @param tieGroup 1, 2, …: members of staff in one group cannot be told apart at 95 %
     * @param ci95 {@code null} for a count
     */
    record Entry(int rank, int tieGroup, String staffId, double value, long n, List<Double> ci95)
            implements RankedEntry {

        @Override
        public String id() {
            return staffId;
        }
    }

    record Excluded(String staffId, long n) {}
}

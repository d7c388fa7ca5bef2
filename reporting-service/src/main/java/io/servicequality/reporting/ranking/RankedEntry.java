package io.servicequality.reporting.ranking;

import io.servicequality.web.csv.CsvTable;
import java.util.Arrays;
import java.util.List;

/** One ranked branch or member of staff, as both rankings list them. */
public interface RankedEntry {

    int rank();

    int tieGroup();

    /** The branch or member of staff. */
    String id();

    double value();

    long n();

    /** {@code null} when the metric has no sampling interval. */
    List<Double> ci95();

    /** The ranked entries as CSV: rank, tie group, the id under {@code idColumn}, the metric's value under its name. */
    static CsvTable csvTable(String idColumn, String metric, List<? extends RankedEntry> entries) {
        List<List<?>> rows = entries.stream()
                .<List<?>>map(entry -> Arrays.asList(
                        entry.rank(),
                        entry.tieGroup(),
                        entry.id(),
                        entry.value(),
                        entry.n(),
                        entry.ci95() == null ? null : entry.ci95().get(0),
                        entry.ci95() == null ? null : entry.ci95().get(1)))
                .toList();
        return new CsvTable(List.of("rank", "tieGroup", idColumn, metric, "n", "ci95Low", "ci95High"), rows);
    }
}

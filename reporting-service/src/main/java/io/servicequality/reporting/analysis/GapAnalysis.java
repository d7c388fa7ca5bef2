package io.servicequality.reporting.analysis;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Importance × gap (importance–performance analysis): cross-hairs at the mean importance and the mean gap of the rated
 * dimensions; dimensions ordered by priority = weight × shortfall (−gap), largest first.
 *
 * @param dimensions rated dimensions, highest priority first
 */
record GapAnalysis(
        Scope scope,
        Instant from,
        Instant to,
        long n,
        Double unweighted,
        Double weighted,
        double meanImportance,
        double meanGap,
        List<Row> dimensions)
        implements CsvExportable {

    /** One row per rated dimension, highest priority first. */
    @Override
    public CsvTable csvTable() {
        List<List<?>> rows = dimensions.stream()
                .<List<?>>map(row -> Arrays.asList(
                        row.dimension(),
                        row.n(),
                        row.expectation(),
                        row.perception(),
                        row.gap(),
                        row.importance(),
                        row.weight(),
                        row.priority(),
                        row.quadrant()))
                .toList();
        return new CsvTable(
                List.of(
                        "dimension",
                        "n",
                        "expectation",
                        "perception",
                        "gap",
                        "importance",
                        "weight",
                        "priority",
                        "quadrant"),
                rows);
    }

    @Override
    public String csvFileName() {
        return "servqual-gaps-" + scope.label();
    }

    enum Quadrant {
        /** Important and below the average gap: fix first. */
        CONCENTRATE_HERE,
        /** Important and at or above the average gap. */
        KEEP_UP_THE_GOOD_WORK,
        /** Less important, below the average gap. */
        LOW_PRIORITY,
        /** Less important, at or above the average gap. */
        POSSIBLE_OVERKILL
    }

    /**
     * @param importance mean importance points, or the default weight × 100 when nobody gave points
     * @param importanceFromRespondents whether {@code importance} came from respondents
     * @param weight the renormalised weight in the weighted score
     * @param priority weight × −gap
     */
    record Row(
            String dimension,
            long n,
            double expectation,
            double perception,
            double gap,
            double importance,
            boolean importanceFromRespondents,
            double weight,
            double priority,
            Quadrant quadrant) {}

    static GapAnalysis of(
            Scope scope, Instant from, Instant to, long n, Scorecard.Servqual servqual, Map<String, Double> defaults) {
        if (servqual == null) {
            return new GapAnalysis(scope, from, to, n, null, null, 0, 0, List.of());
        }
        Map<String, Scorecard.Dimension> rated = servqual.dimensions();
        double importanceSum = 0;
        double gapSum = 0;
        for (var entry : rated.entrySet()) {
            importanceSum += importanceOf(entry.getKey(), entry.getValue(), defaults);
            gapSum += entry.getValue().gap();
        }
        double meanImportance = importanceSum / rated.size();
        double meanGap = gapSum / rated.size();
        List<Row> rows = new ArrayList<>();
        for (var entry : rated.entrySet()) {
            Scorecard.Dimension d = entry.getValue();
            double importance = importanceOf(entry.getKey(), d, defaults);
            double weight = importanceSum > 0 ? importance / importanceSum : 0;
            boolean important = importance > meanImportance;
            boolean belowAverage = d.gap() < meanGap;
            Quadrant quadrant = important
                    ? belowAverage ? Quadrant.CONCENTRATE_HERE : Quadrant.KEEP_UP_THE_GOOD_WORK
                    : belowAverage ? Quadrant.LOW_PRIORITY : Quadrant.POSSIBLE_OVERKILL;
            rows.add(new Row(
                    entry.getKey(),
                    d.n(),
                    d.expectation(),
                    d.perception(),
                    d.gap(),
                    importance,
                    d.importance() != null,
                    weight,
                    weight * -d.gap(),
                    quadrant));
        }
        rows.sort(Comparator.comparingDouble(Row::priority).reversed().thenComparing(Row::dimension));
        return new GapAnalysis(
                scope, from, to, n, servqual.unweighted(), servqual.weighted(), meanImportance, meanGap, rows);
    }

    private static double importanceOf(String dimension, Scorecard.Dimension rated, Map<String, Double> defaults) {
        return rated.importance() != null ? rated.importance() : 100 * defaults.getOrDefault(dimension, 0.2);
    }
}

package io.servicequality.reporting.trend;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * @param zone where the days start ({@code DAY} only)
 * @param complete {@code false} only for minutes while this instance is still reading them back from the metric topic
 *     after a start (minutes may be missing)
 * @param points periods with data only, oldest first
 */
record Trend(
        Scope scope, Instant from, Instant to, String granularity, String zone, boolean complete, List<Point> points)
        implements CsvExportable {

    /** One row per period. */
    @Override
    public CsvTable csvTable() {
        List<List<?>> rows = points.stream()
                .<List<?>>map(p -> Arrays.asList(
                        p.start(),
                        p.n(),
                        p.sqi(),
                        p.csatN(),
                        p.csat(),
                        p.npsN(),
                        p.nps(),
                        p.ces(),
                        p.servqual(),
                        p.offered(),
                        p.answerRate(),
                        p.serviceLevel(),
                        p.complaintsOpened(),
                        p.resolutionCompliance()))
                .toList();
        return new CsvTable(
                List.of(
                        "start",
                        "n",
                        "sqi",
                        "csatN",
                        "csat",
                        "npsN",
                        "nps",
                        "ces",
                        "servqual",
                        "offered",
                        "answerRate",
                        "serviceLevel",
                        "complaintsOpened",
                        "resolutionCompliance"),
                rows);
    }

    @Override
    public String csvFileName() {
        return "trend-" + granularity.toLowerCase() + "-" + scope.label();
    }

    /**
     * One period; a metric without data is {@code null}.
     *
     * @param n feedback responses
     */
    record Point(
            Instant start,
            long n,
            Double sqi,
            Long csatN,
            Double csat,
            Long npsN,
            Double nps,
            Double ces,
            Double servqual,
            long offered,
            Double answerRate,
            Double serviceLevel,
            long complaintsOpened,
            Double resolutionCompliance) {}
}

package io.servicequality.reporting.trend;

import io.servicequality.reporting.scope.Scope;
import java.time.Instant;
import java.util.List;

/**
 * @param zone where the days start ({@code DAY} only)
 * @param complete {@code false} only for minutes while this instance is still reading them back from the metric topic
 *     after a start (minutes may be missing)
 * @param points periods with data only, oldest first
 */
record Trend(
        Scope scope, Instant from, Instant to, String granularity, String zone, boolean complete, List<Point> points) {

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

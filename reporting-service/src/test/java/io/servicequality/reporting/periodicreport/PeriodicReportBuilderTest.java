package io.servicequality.reporting.periodicreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicequality.reporting.periodicreport.PeriodicReport.Comparison;
import io.servicequality.reporting.periodicreport.PeriodicReport.Measure;
import io.servicequality.reporting.periodicreport.PeriodicReport.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeriodicReportBuilderTest {

    @Test
    void wilsonScoreIntervalsOfAProportion() {
        // 81 of 100: the textbook Wilson interval (z = 1.96) is 72.22 % to 87.48 %
        Measure rate = PeriodicReportBuilder.wilson(81, 100);
        assertThat(rate.value()).isEqualTo(81.0);
        assertThat(rate.n()).isEqualTo(100);
        assertThat(rate.low()).isCloseTo(72.22, within(0.01));
        assertThat(rate.high()).isCloseTo(87.48, within(0.01));
        // all of a small sample: the interval stays below 100 % and says how little 5 answers tell
        Measure all = PeriodicReportBuilder.wilson(5, 5);
        assertThat(all.high()).isCloseTo(100.0, within(1e-9));
        assertThat(all.low()).isCloseTo(56.55, within(0.01));
        assertThat(PeriodicReportBuilder.wilson(0, 0)).isEqualTo(Measure.NONE);
    }

    @Test
    void aChangeIsSignificantOnlyWhenTheIntervalsDoNotOverlap() {
        Measure now = new Measure(80.0, 200, 74.0, 85.0);
        assertThat(Comparison.of(now, new Measure(70.0, 200, 63.0, 76.0)))
                .isEqualTo(new Comparison(10.0, Verdict.NOT_SIGNIFICANT));
        assertThat(Comparison.of(now, new Measure(60.0, 200, 53.0, 67.0)))
                .isEqualTo(new Comparison(20.0, Verdict.SIGNIFICANT));
        assertThat(Comparison.of(now, new Measure(79.0, 10, null, null)))
                .isEqualTo(new Comparison(1.0, Verdict.NO_INTERVAL));
        assertThat(Comparison.of(now, Measure.NONE)).isEqualTo(new Comparison(null, Verdict.NO_DATA));
    }

    @Test
    void keyDriversAreTheRegressionsCoefficientsLargestFirstWithTheirSignificance() {
        java.util.Random random = new java.util.Random(19);
        var statistics = io.servicequality.contracts.BucketStatistics.DriverStatistics.EMPTY;
        for (int i = 0; i < 300; i++) {
            int[] p = new int[5];
            for (int d = 0; d < 5; d++) {
                p[d] = 1 + random.nextInt(7);
            }
            // CSAT follows reliability (the second dimension) and nothing else
            int csat = Math.max(1, Math.min(5, (int) Math.round(0.6 * p[1] + random.nextGaussian() * 0.4)));
            var ratings = new io.servicequality.contracts.ServqualRatings(
                    rating(p[0]), rating(p[1]), rating(p[2]), rating(p[3]), rating(p[4]));
            statistics =
                    statistics.plus(io.servicequality.contracts.BucketStatistics.DriverStatistics.of(csat, ratings));
        }

        var drivers = PeriodicReportBuilder.drivers(statistics);

        assertThat(drivers.n()).isEqualTo(300);
        assertThat(drivers.rSquared()).isGreaterThan(0.5);
        assertThat(drivers.drivers()).hasSize(5);
        assertThat(drivers.drivers().get(0).dimension()).isEqualTo("reliability");
        assertThat(drivers.drivers().get(0).significant()).isTrue();
        assertThat(drivers.drivers())
                .extracting(PeriodicReport.Driver::coefficient)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // too few respondents: no coefficients, and the report says how many it had and needs
        var few = PeriodicReportBuilder.drivers(io.servicequality.contracts.BucketStatistics.DriverStatistics.of(
                4,
                new io.servicequality.contracts.ServqualRatings(
                        rating(5), rating(5), rating(5), rating(5), rating(5))));
        assertThat(few.drivers()).isEmpty();
        assertThat(few.n()).isEqualTo(1);
        assertThat(few.minN()).isEqualTo(30);
    }

    private static io.servicequality.contracts.DimensionRating rating(int perception) {
        return new io.servicequality.contracts.DimensionRating(6, perception);
    }

    @Test
    void theParetoOfCausesIsMostFrequentFirstWithCumulativeShares() {
        var causes = PeriodicReportBuilder.pareto(Map.of("QUALITY", 6L, "NON_QUALITY", 2L, "OTHER", 2L, "NONE", 0L));

        assertThat(causes)
                .extracting(PeriodicReport.Cause::category)
                .containsExactly("QUALITY", "NON_QUALITY", "OTHER");
        assertThat(causes).extracting(PeriodicReport.Cause::share).containsExactly(60.0, 20.0, 20.0);
        assertThat(causes).extracting(PeriodicReport.Cause::cumulativeShare).containsExactly(60.0, 80.0, 100.0);
        assertThat(PeriodicReportBuilder.pareto(Map.of())).isEmpty();
    }

    /**
     * The corrective actions of a week: planned in it, completed in it, checked in it (and how many checks found the
     * action effective), open and overdue at its end; actions done before the week or planned after it are not
     * counted, and those completed after the week's end were open at it.
     */
    @Test
    void correctiveActionsAreCountedByWhatHappenedInThePeriod() {
        java.time.Instant from = java.time.Instant.parse("2026-11-23T00:00:00Z");
        java.time.Instant to = java.time.Instant.parse("2026-11-30T00:00:00Z");
        java.time.LocalDate end = java.time.LocalDate.parse("2026-11-30");
        var ineffectiveInWeek = new io.servicequality.contracts.CorrectiveActionChanged.Check(
                1, false, "q", java.time.Instant.parse("2026-11-24T10:00:00Z"));
        var effectiveInWeek = new io.servicequality.contracts.CorrectiveActionChanged.Check(
                2, true, "q", java.time.Instant.parse("2026-11-27T10:00:00Z"));
        var effectiveAfter = new io.servicequality.contracts.CorrectiveActionChanged.Check(
                1, true, "q", java.time.Instant.parse("2026-12-02T10:00:00Z"));
        var actions = java.util.List.of(
                // planned before, checked twice and completed in the week
                action(
                        "a",
                        "2026-11-10T09:00:00Z",
                        "2026-11-27T10:00:00Z",
                        "2026-11-28",
                        "EFFECTIVE",
                        java.util.List.of(ineffectiveInWeek, effectiveInWeek)),
                // planned in the week, open at its end, due in it: overdue
                action("b", "2026-11-25T09:00:00Z", null, "2026-11-29", "DOING", java.util.List.of()),
                // planned in the week, completed after it: open at the end, not due yet
                action(
                        "c",
                        "2026-11-26T09:00:00Z",
                        "2026-12-02T10:00:00Z",
                        "2026-12-05",
                        "EFFECTIVE",
                        java.util.List.of(effectiveAfter)),
                // completed before the week: the store's query leaves it out, and so does the summary
                action(
                        "d",
                        "2026-11-01T09:00:00Z",
                        "2026-11-20T10:00:00Z",
                        "2026-11-21",
                        "EFFECTIVE",
                        java.util.List.of()));

        PeriodicReport.ActionSummary summary = PeriodicReportBuilder.actions(actions, from, to, end);

        assertThat(summary.planned()).isEqualTo(2);
        assertThat(summary.completed()).isEqualTo(1);
        assertThat(summary.checks()).isEqualTo(2);
        assertThat(summary.effectiveChecks()).isEqualTo(1);
        assertThat(summary.openAtEnd()).isEqualTo(2);
        assertThat(summary.overdueAtEnd()).isEqualTo(1);
        assertThat(summary.listed()).extracting(PeriodicReport.ActionRow::title).containsExactly("b", "a", "c");
        assertThat(summary.listed().get(0).overdueAtEnd()).isTrue();
        assertThat(summary.listed().get(1).lastCheck()).isEqualTo("EFFECTIVE");
    }

    private static io.servicequality.reporting.correctiveaction.CorrectiveActionStates.Action action(
            String title,
            String createdAt,
            String completedAt,
            String due,
            String status,
            java.util.List<io.servicequality.contracts.CorrectiveActionChanged.Check> checks) {
        return new io.servicequality.reporting.correctiveaction.CorrectiveActionStates.Action(
                "acme:" + title,
                "acme",
                "SH-001",
                title,
                1,
                null,
                null,
                title,
                "owner",
                due,
                status,
                checks.isEmpty() ? 1 : checks.get(checks.size() - 1).cycle(),
                java.time.Instant.parse(createdAt),
                completedAt == null ? null : java.time.Instant.parse(completedAt),
                checks);
    }
}

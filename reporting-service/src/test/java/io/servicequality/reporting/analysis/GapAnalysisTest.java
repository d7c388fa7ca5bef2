package io.servicequality.reporting.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicequality.reporting.analysis.GapAnalysis.Quadrant;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GapAnalysisTest {

    private static final Map<String, Double> EQUAL =
            Map.of("tangibles", 0.2, "reliability", 0.2, "responsiveness", 0.2, "assurance", 0.2, "empathy", 0.2);

    @Test
    void placesEachDimensionInItsImportanceGapQuadrantAndOrdersByPriority() {
        Map<String, Scorecard.Dimension> rated = new LinkedHashMap<>();
        // importance 40, 30, 10 and tangibles without points (default 0.2 → 20): mean importance 25
        // gaps −1.5, 0, −2, +0.5: mean gap −0.75
        rated.put("tangibles", new Scorecard.Dimension(4, 5, 5.5, 0.5, null));
        rated.put("reliability", new Scorecard.Dimension(2, 6.5, 5, -1.5, 40.0));
        rated.put("responsiveness", new Scorecard.Dimension(1, 6, 6, 0, 30.0));
        rated.put("empathy", new Scorecard.Dimension(1, 6.5, 4.5, -2, 10.0));
        var servqual = new Scorecard.Servqual(rated, -0.75, -0.95);

        GapAnalysis analysis = GapAnalysis.of(
                new Scope(Scope.Level.BRANCH, "SH-001", null, List.of("SH-001"), ZoneOffset.UTC),
                Instant.parse("2026-11-20T00:00:00Z"),
                Instant.parse("2026-11-21T00:00:00Z"),
                5,
                servqual,
                EQUAL);

        assertThat(analysis.meanImportance()).isCloseTo(25.0, within(1e-9));
        assertThat(analysis.meanGap()).isCloseTo(-0.75, within(1e-9));
        // priority = importance / 100 × −gap: reliability 0.4 · 1.5 = 0.6, empathy 0.1 · 2 = 0.2,
        // responsiveness 0, tangibles 0.2 · −0.5 = −0.1
        assertThat(analysis.dimensions())
                .extracting(GapAnalysis.Row::dimension, GapAnalysis.Row::quadrant)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reliability", Quadrant.CONCENTRATE_HERE),
                        org.assertj.core.groups.Tuple.tuple("empathy", Quadrant.LOW_PRIORITY),
                        org.assertj.core.groups.Tuple.tuple("responsiveness", Quadrant.KEEP_UP_THE_GOOD_WORK),
                        org.assertj.core.groups.Tuple.tuple("tangibles", Quadrant.POSSIBLE_OVERKILL));
        GapAnalysis.Row reliability = analysis.dimensions().get(0);
        assertThat(reliability.weight()).isCloseTo(0.4, within(1e-9));
        assertThat(reliability.priority()).isCloseTo(0.6, within(1e-9));
        GapAnalysis.Row tangibles = analysis.dimensions().get(3);
        assertThat(tangibles.importance()).isEqualTo(20.0);
        assertThat(tangibles.importanceFromRespondents()).isFalse();
    }

    @Test
    void withoutRatingsThereAreNoRows() {
        GapAnalysis analysis = GapAnalysis.of(
                new Scope(Scope.Level.TENANT, null, null, null, ZoneOffset.UTC),
                Instant.parse("2026-11-20T00:00:00Z"),
                Instant.parse("2026-11-21T00:00:00Z"),
                0,
                null,
                EQUAL);

        assertThat(analysis.dimensions()).isEmpty();
        assertThat(analysis.weighted()).isNull();
    }
}

package io.servicequality.reporting.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.reporting.scorecard.ScorecardProperties;
import io.servicequality.reporting.scorecard.ScorecardProperties.DimensionWeights;
import io.servicequality.reporting.scorecard.ScorecardProperties.SqiWeights;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RankingServiceTest {

    private static final Scope TENANT = new Scope(Scope.Level.TENANT, null, null, null, ZoneOffset.UTC);
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

    private final ScorecardCalculator calculator = new ScorecardCalculator(new ScorecardProperties(
            new SqiWeights(0.3, 0.2, 0.2, 0.15, 0.15), new DimensionWeights(0.2, 0.2, 0.2, 0.2, 0.2)));

    @Test
    void branchesWhoseIntervalsOverlapTheGroupLeaderShareItsRankAndSmallSamplesAreLeftOut() {
        Map<String, BucketStatistics> totals = new TreeMap<>();
        // Wilson 95 %: A 90/100 → [82.56, 94.48]; B 85/100 → [76.72, 90.69] overlaps A; C 60/100 → [50.20, 69.06]
        // overlaps neither; D 100/100 → [96.30, 100] overlaps nobody but is best; E 29 answers: below minN 30
        totals.put("A", csat(100, 90));
        totals.put("B", csat(100, 85));
        totals.put("C", csat(100, 60));
        totals.put("D", csat(100, 100));
        totals.put("E", csat(29, 29));
        totals.put("F", BucketStatistics.EMPTY);

        Ranking ranking = RankingService.rank(TENANT, RankedMetric.CSAT, FROM, TO, 30, totals, calculator);

        assertThat(ranking.entries())
                .extracting(Ranking.Entry::branchId, Ranking.Entry::rank, Ranking.Entry::tieGroup)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("D", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("A", 2, 2),
                        org.assertj.core.groups.Tuple.tuple("B", 2, 2),
                        org.assertj.core.groups.Tuple.tuple("C", 4, 3));
        assertThat(ranking.entries().get(1).ci95().get(0)).isCloseTo(82.56326956323346, within(1e-9));
        assertThat(ranking.entries().get(1).ci95().get(1)).isCloseTo(94.4771458386864, within(1e-9));
        assertThat(ranking.excluded()).containsExactly(new Ranking.Excluded("E", 29));
    }

    @Test
    void lowerIsBetterForAbandonmentAndHandleTime() {
        Map<String, BucketStatistics> totals = new TreeMap<>();
        totals.put("slow", interactions(200, 40));
        totals.put("fast", interactions(200, 4));

        Ranking ranking = RankingService.rank(TENANT, RankedMetric.ABANDON_RATE, FROM, TO, 30, totals, calculator);

        assertThat(ranking.higherIsBetter()).isFalse();
        assertThat(ranking.entries()).extracting(Ranking.Entry::branchId).containsExactly("fast", "slow");
        assertThat(ranking.entries().get(0).value()).isCloseTo(2.0, within(1e-9));
        assertThat(ranking.entries()).extracting(Ranking.Entry::rank).containsExactly(1, 2);
    }

    @Test
    void aMeanIsRankedWithANormalIntervalFromItsSumOfSquares() {
        // handle times 100, 200, 300 (n 3): mean 200, s = 100, half width 1.96 · 100 / √3 = 113.16
        Measured measured = Measured.mean(3, 600, 140_000);

        assertThat(measured.value()).isEqualTo(200.0);
        assertThat(measured.ci95().get(0)).isCloseTo(200 - 1.96 * 100 / Math.sqrt(3), within(1e-9));
        assertThat(measured.ci95().get(1)).isCloseTo(200 + 1.96 * 100 / Math.sqrt(3), within(1e-9));
    }

    @Test
    void everyDocumentedMetricNameIsAccepted() {
        assertThat(RankedMetric.parameters())
                .containsExactly(
                        "sqi",
                        "csat",
                        "nps",
                        "ces",
                        "servqual",
                        "answerRate",
                        "serviceLevel",
                        "abandonRate",
                        "fcrRate",
                        "avgHandleSeconds",
                        "firstResponseCompliance",
                        "resolutionCompliance");
        assertThat(RankedMetric.of("ANSWERRATE")).contains(RankedMetric.ANSWER_RATE);
        assertThat(RankedMetric.of("speed")).isEmpty();
        assertThat(List.of(RankedMetric.values())).hasSize(12);
    }

    private static BucketStatistics csat(long n, long satisfied) {
        return new BucketStatistics(n, null, new CsatStatistics(n, satisfied, 0, 0), null, null, null, null, null);
    }

    private static BucketStatistics interactions(long offered, long abandoned) {
        return new BucketStatistics(
                0,
                null,
                null,
                null,
                null,
                null,
                new InteractionStatistics(offered, offered - abandoned, abandoned, 0, 0, 0, 0, 0, 0, null, null),
                null);
    }
}

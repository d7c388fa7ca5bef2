package io.servicequality.reporting.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicequality.contracts.BucketStatistics.DriverStatistics;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.ServqualRatings;
import org.junit.jupiter.api.Test;

class KeyDriversTest {

    @Test
    void recoversTheCoefficientsOfAnExactLinearRelationFromTheSummedCrossProducts() {
        // csat = 0.5 + 0.3·tangibles + 0.1·reliability + 0.2·empathy exactly (responsiveness and assurance: 0)
        DriverStatistics sums = DriverStatistics.EMPTY;
        int n = 0;
        for (int t = 1; t <= 7; t++) {
            for (int r = 1; r <= 7; r += 2) {
                for (int e = 1; e <= 7; e += 3) {
                    int s = (t + r + e) % 7 + 1;
                    int a = (t * 3 + e) % 7 + 1;
                    double csat = 0.5 + 0.3 * t + 0.1 * r + 0.2 * e;
                    sums = sums.plus(contribution(csat, t, r, s, a, e));
                    n++;
                }
            }
        }

        KeyDrivers.Result result = KeyDrivers.of(sums);

        assertThat(result.n()).isEqualTo(n).isGreaterThanOrEqualTo(30);
        assertThat(result.reason()).isNull();
        assertThat(result.intercept()).isCloseTo(0.5, within(1e-6));
        assertThat(result.coefficients().get("tangibles").coefficient()).isCloseTo(0.3, within(1e-6));
        assertThat(result.coefficients().get("reliability").coefficient()).isCloseTo(0.1, within(1e-6));
        assertThat(result.coefficients().get("responsiveness").coefficient()).isCloseTo(0.0, within(1e-6));
        assertThat(result.coefficients().get("assurance").coefficient()).isCloseTo(0.0, within(1e-6));
        assertThat(result.coefficients().get("empathy").coefficient()).isCloseTo(0.2, within(1e-6));
        assertThat(result.coefficients().get("empathy").standardError()).isCloseTo(0.0, within(1e-5));
        assertThat(result.rSquared()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void standardErrorsAndRSquaredMatchAHandComputedRegression() {
        // 2^5 full factorial, every perception 3 or 5 (deviation ±1 from 4, columns orthogonal), 32 respondents;
        // csat = 2 + 0.5·tangibles + 0.1·reliability + e, e = ±1 following the sign of the three-way interaction of
        // tangibles, reliability and responsiveness, orthogonal to every main effect and the intercept. So:
        // b = (0.5, 0.1, 0, 0, 0), RSS = 32, σ² = 32 / (32 − 6), SE = √(σ² / Σ(x − x̄)²) = √(1 / 26) for each x,
        // SST = 0.25 · 32 + 0.01 · 32 + 32 = 40.32, R² = 1 − 32 / 40.32.
        DriverStatistics sums = DriverStatistics.EMPTY;
        for (int run = 0; run < 32; run++) {
            int[] sign = new int[5];
            for (int bit = 0; bit < 5; bit++) {
                sign[bit] = ((run >> bit) & 1) == 0 ? -1 : 1;
            }
            double e = sign[0] * sign[1] * sign[2];
            double csat = 2 + 0.5 * (4 + sign[0]) + 0.1 * (4 + sign[1]) + e;
            sums = sums.plus(contribution(csat, 4 + sign[0], 4 + sign[1], 4 + sign[2], 4 + sign[3], 4 + sign[4]));
        }

        KeyDrivers.Result result = KeyDrivers.of(sums);

        assertThat(result.n()).isEqualTo(32);
        assertThat(result.intercept()).isCloseTo(2.0, within(1e-9));
        assertThat(result.coefficients().get("tangibles").coefficient()).isCloseTo(0.5, within(1e-9));
        assertThat(result.coefficients().get("reliability").coefficient()).isCloseTo(0.1, within(1e-9));
        assertThat(result.coefficients().get("responsiveness").coefficient()).isCloseTo(0.0, within(1e-9));
        for (String dimension : new String[] {"tangibles", "reliability", "responsiveness", "assurance", "empathy"}) {
            assertThat(result.coefficients().get(dimension).standardError())
                    .as(dimension)
                    .isCloseTo(Math.sqrt(1.0 / 26), within(1e-9));
        }
        assertThat(result.coefficients().get("tangibles").tValue()).isCloseTo(0.5 * Math.sqrt(26), within(1e-9));
        assertThat(result.rSquared()).isCloseTo(1 - 32 / 40.32, within(1e-9));
    }

    @Test
    void needsThirtyRespondentsWithCsatAndAllFivePerceptions() {
        DriverStatistics sums = DriverStatistics.EMPTY;
        for (int i = 0; i < 29; i++) {
            sums = sums.plus(contribution(i % 5 + 1, i % 7 + 1, i % 3 + 1, i % 5 + 1, i % 2 + 1, i % 4 + 1));
        }

        KeyDrivers.Result result = KeyDrivers.of(sums);

        assertThat(result.n()).isEqualTo(29);
        assertThat(result.coefficients()).isNull();
        assertThat(result.reason()).contains("at least 30");
    }

    @Test
    void perceptionsWithoutVariationAreReportedAsCollinearNotAsNumbers() {
        DriverStatistics sums = DriverStatistics.EMPTY;
        for (int i = 0; i < 40; i++) {
            sums = sums.plus(contribution(i % 5 + 1, 4, 4, 4, 4, 4));
        }

        KeyDrivers.Result result = KeyDrivers.of(sums);

        assertThat(result.coefficients()).isNull();
        assertThat(result.reason()).contains("collinear");
    }

    /** One respondent, through the same contracts code scoring uses to build the sums. */
    private static DriverStatistics contribution(double csat, int t, int r, int s, int a, int e) {
        DriverStatistics one =
                DriverStatistics.of(1, new ServqualRatings(rating(t), rating(r), rating(s), rating(a), rating(e)));
        // DriverStatistics.of takes an integer csat; rescale y to the test's value, keeping x sums as built
        java.util.Map<String, Double> sums = new java.util.TreeMap<>(one.sums());
        int[] x = {t, r, s, a, e};
        var dimensions = io.servicequality.contracts.ServqualDimension.values();
        for (int i = 0; i < dimensions.length; i++) {
            sums.put(DriverStatistics.xyKey(dimensions[i]), x[i] * csat);
        }
        return new DriverStatistics(1, csat, csat * csat, sums);
    }

    private static DimensionRating rating(int perception) {
        return new DimensionRating(7.0, (double) perception);
    }
}

package io.servicequality.reporting.ranking;

import io.servicequality.reporting.scorecard.ScorecardCalculator;
import java.util.List;

/**
 * A metric's value from summed statistics, with its {@code n} and 95 % interval: what a ranking orders and groups into
 * ties. Proportions get Wilson intervals, means a normal interval from the sums of squares.
 *
 * @param ci95 {@code null} for composites and for a mean of a single answer
 */
public record Measured(double value, long n, List<Double> ci95) {

    double lower() {
        return ci95 == null ? value : ci95.get(0);
    }

    double upper() {
        return ci95 == null ? value : ci95.get(1);
    }

    /** {@code 100 · successes / n} with its Wilson interval; {@code null} when {@code n == 0}. */
    public static Measured proportion(long successes, long n) {
        return n == 0 ? null : new Measured(100.0 * successes / n, n, ScorecardCalculator.wilsonPercent(successes, n));
    }

    /**
     * Mean ± 1.96 · s / √n with the sample standard deviation from the sums; no interval below two answers; {@code
     * null} when {@code n == 0}.
     */
    public static Measured mean(long n, double sum, double sumOfSquares) {
        if (n == 0) {
            return null;
        }
        double mean = sum / n;
        if (n < 2) {
            return new Measured(mean, n, null);
        }
        double variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        double half = ScorecardCalculator.Z_95 * Math.sqrt(variance / n);
        return new Measured(mean, n, List.of(mean - half, mean + half));
    }
}

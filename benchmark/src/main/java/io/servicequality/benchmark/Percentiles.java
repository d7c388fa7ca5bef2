package io.servicequality.benchmark;

import java.util.Arrays;

/** Exact nearest-rank percentiles of a set of measurements (milliseconds). */
record Percentiles(int n, double p50, double p99, double max) {

    static Percentiles of(double[] values) {
        if (values.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}

package io.servicequality.contracts;

import java.util.Map;
import java.util.TreeMap;

/**
 * A mergeable histogram of non-negative durations in seconds, kept as counts per bin: bins are one second wide below
 * one minute, and 5 % wide (relative) above, so any percentile is exact to the second under a minute and within 5 %
 * above. Sparse: only bins with a count are present. Two histograms merge by adding counts bin by bin.
 *
 * @param counts count per bin index (see {@link #binOf(double)})
 */
public record Histogram(Map<Integer, Long> counts) {

    /** Values below this many seconds get one-second bins. */
    static final int LINEAR_LIMIT = 60;

    private static final double GROWTH = 1.05;

    public static final Histogram EMPTY = new Histogram(Map.of());

    public Histogram {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }

    public static Histogram of(double value) {
        return new Histogram(Map.of(binOf(value), 1L));
    }

    /** The bin a value (seconds, negative treated as 0) falls into. */
    public static int binOf(double value) {
        double seconds = Math.max(0, value);
        if (seconds < LINEAR_LIMIT) {
            return (int) Math.floor(seconds);
        }
        return LINEAR_LIMIT + (int) Math.floor(Math.log(seconds / LINEAR_LIMIT) / Math.log(GROWTH));
    }

    /** Smallest value of a bin. */
    public static double lowerBoundOf(int bin) {
        return bin < LINEAR_LIMIT ? bin : LINEAR_LIMIT * Math.pow(GROWTH, bin - LINEAR_LIMIT);
    }

    /** The value reported for a bin: its lower bound, i.e. an exact second below one minute. */
    public static double representativeOf(int bin) {
        return lowerBoundOf(bin);
    }

    public long n() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public Histogram plus(Histogram other) {
        if (other.counts.isEmpty()) {
            return this;
        }
        Map<Integer, Long> merged = new TreeMap<>(counts);
        other.counts.forEach((bin, count) -> merged.merge(bin, count, Long::sum));
        return new Histogram(merged);
    }

    /**
     * The nearest-rank percentile (0 < p ≤ 100) reported as its bin's representative value, or {@code null} without
     * data.
     */
    public Double percentile(double p) {
        long n = n();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (var entry : new TreeMap<>(counts).entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return representativeOf(entry.getKey());
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + n);
    }
}

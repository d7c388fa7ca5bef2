package io.servicequality.scoring.quality;

/**
 * How one target fared over a range.
 *
 * @param observed the metric over the range, or {@code null} without data
 * @param attained {@code null} without data
 */
record Attainment(TargetResponse target, Double observed, long n, Boolean attained) {}

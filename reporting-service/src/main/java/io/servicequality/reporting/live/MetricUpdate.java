package io.servicequality.reporting.live;

import java.time.Instant;

/**
 * The {@code metric} event: a bucket of a branch changed; its own metrics (a metric without data is {@code null}).
 * Clients showing a longer range re-read that branch's scorecard.
 */
record MetricUpdate(
        String branchId,
        String granularity,
        Instant bucketStart,
        long revision,
        long n,
        Double sqi,
        Double csat,
        Double nps,
        Double answerRate,
        Double resolutionCompliance,
        long complaintsOpened) {}

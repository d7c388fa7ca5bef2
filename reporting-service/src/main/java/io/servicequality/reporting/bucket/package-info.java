/**
 * The read model of metric buckets: one document per (tenant, branch, granularity, bucket start) holding the
 * absolute statistics scoring-service last published for it. Fed by {@code MetricUpdated} events; read by the views
 * (scorecard now; rankings and trends later) through {@link io.servicequality.reporting.bucket.MetricBucketReadModel}.
 */
package io.servicequality.reporting.bucket;

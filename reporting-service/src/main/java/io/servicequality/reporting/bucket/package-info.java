/**
 * The read model of metric buckets: one document per (tenant, branch, granularity, bucket start) holding the
 * absolute statistics scoring-service last published for it, and per branch the UTC-day and UTC-month roll-ups derived
 * from them. Fed by {@code MetricUpdated} events; read by the views through
 * {@link io.servicequality.reporting.bucket.MetricBucketReadModel}, followed by the live stream through
 * {@link io.servicequality.reporting.bucket.BucketStored}.
 */
package io.servicequality.reporting.bucket;

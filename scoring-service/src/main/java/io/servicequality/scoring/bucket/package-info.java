/**
 * Time buckets of additive statistics per branch (SPEC §4), the foundation every metric is computed from.
 *
 * <p>Events from feedback and complaint topics are turned into a {@link io.servicequality.scoring.bucket.Contribution}
 * and added to the event-time hour bucket exactly once: an {@link io.servicequality.scoring.bucket.EventLedger} drops
 * duplicate event ids that arrive at another offset, and {@link io.servicequality.scoring.bucket.Buckets} guards each
 * bucket update by the source partition offset stored in the bucket itself. The bucket's {@code dirty} flag is its
 * outbox: {@link io.servicequality.scoring.bucket.MetricPublisher} publishes the absolute statistics and clears it.
 */
package io.servicequality.scoring.bucket;

/**
 * Time buckets of additive statistics per branch (SPEC §4), the foundation every metric is computed from.
 *
 * <p>A Kafka Streams topology ({@link io.servicequality.scoring.bucket.CountingTopology}) reads the feedback,
 * interaction and complaint topics, drops copies of an event id it has seen within the deduplication horizon, adds
 * each event's {@link io.servicequality.scoring.bucket.Contribution} to its minute, hour and local-day bucket in
 * RocksDB state stores, and publishes the changed buckets' absolute statistics every emit interval — all in Kafka
 * transactions ({@code exactly_once_v2}), so each event counts once whatever fails.
 */
package io.servicequality.scoring.bucket;

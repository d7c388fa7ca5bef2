/**
 * The end-to-end benchmark behind {@code ./platform bench}: offers a constant arrival rate of a realistic event mix to
 * the running local stack, measures ingest latency, freshness (202 to the metric update that reflects the event),
 * CPU seconds per event and peak memory of each process, and compares the sustained rate with Kafka's own
 * ProducerPerformance on the same broker.
 */
package io.servicequality.benchmark;

/**
 * Quality targets and alert rules (SPEC §6): per tenant, branch (or region, or tenant) and metric. Both are configured
 * through the API, kept in MongoDB with an outbox on each document, and relayed to their compacted topics by the
 * {@link io.servicequality.scoring.quality.ConfigurationPublisher}. The rules are evaluated inside the service's Kafka
 * Streams application ({@link io.servicequality.scoring.quality.AlertingTopology}) on the hour statistics the counting
 * topology publishes — threshold with minimum n, relative to a trailing baseline, anomaly against an EWMA baseline — and
 * an alert is raised once and cleared once per episode, with hysteresis, in the same transaction as the state it was
 * decided on. Target attainment reads the same hour statistics.
 */
package io.servicequality.scoring.quality;

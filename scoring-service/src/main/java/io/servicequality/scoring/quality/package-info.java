/**
 * Quality targets and alert rules (SPEC §6): per tenant, branch and metric. Keeps its own history of hour statistics
 * from the {@code MetricUpdated} events this service publishes (the bucket feature is reached only through Kafka),
 * shows target attainment over any range, and evaluates the alert rules — threshold with minimum n, relative to a
 * trailing baseline, anomaly against an EWMA baseline — after every update. An alert is raised once and cleared once
 * per episode, with hysteresis; the transition and its event are one atomic update of the rule's state document,
 * which is also the outbox the {@link io.servicequality.scoring.quality.AlertPublisher} drains.
 */
package io.servicequality.scoring.quality;

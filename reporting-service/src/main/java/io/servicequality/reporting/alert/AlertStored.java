package io.servicequality.reporting.alert;

import io.servicequality.contracts.AlertEvent;

/**
 * An application event: {@link AlertFeed} holds the alert event (stored now, or already by an earlier delivery).
 * Published on the consumer's thread after the store answered, also for a redelivery, so that a feature built on
 * alerts (their handling) gets every event at least once; a failure of its listener fails the delivery, which Kafka
 * then retries.
 */
public record AlertStored(AlertEvent event) {}

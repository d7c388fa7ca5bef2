package io.servicequality.scoring.bucket;

import io.servicequality.contracts.MetricUpdated;

/**
 * A record the counting topology writes: to which topic, and the value already serialised.
 *
 * @param hourUpdate the {@code MetricUpdated} of an hour bucket that {@code value} serialises, which the alert
 *     evaluation also receives (as an object, within the topology); {@code null} for every other record
 */
record Output(String topic, byte[] value, MetricUpdated hourUpdate) {

    Output(String topic, byte[] value) {
        this(topic, value, null);
    }
}

package io.servicequality.scoring.bucket;

/**
 * A record the counting topology writes: to which topic, and the value already serialised.
 *
 * @param hourUpdate a {@code MetricUpdated} of an hour bucket, which the alert evaluation also receives
 */
record Output(String topic, byte[] value, boolean hourUpdate) {

    Output(String topic, byte[] value) {
        this(topic, value, false);
    }
}

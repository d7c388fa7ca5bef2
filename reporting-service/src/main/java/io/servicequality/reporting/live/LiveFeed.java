package io.servicequality.reporting.live;

import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.reporting.alert.AlertRecord;
import java.time.Clock;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds the live stream from Kafka directly, on every instance: each instance reads every partition of the metric and
 * alert topics in a consumer group of its own (no offsets are committed), so a client of any instance receives every
 * update its scope allows, in the order of the topic, as soon as it is published — without waiting for the read model
 * (which only this service's partitioned consumer writes) or its store. On start each consumer begins at the instance's
 * start time, so nothing published while it was joining is missed and nothing older is replayed (a new group starts
 * at the end; the seek moves it back to the first record published since the start, when there is one).
 */
@Component
class LiveFeed implements ConsumerSeekAware {

    /** Alert event ids recently relayed: an alert redelivered on the topic is not shown twice. */
    private static final int REMEMBERED_ALERTS = 10_000;

    private final LiveStream stream;
    private final MinuteRing minutes;
    private final long startedAt;
    private final LinkedHashSet<Object> relayedAlerts = new LinkedHashSet<>();

    LiveFeed(LiveStream stream, MinuteRing minutes, Clock clock) {
        this.stream = stream;
        this.minutes = minutes;
        this.startedAt = clock.millis();
    }

    @KafkaListener(
            id = "reporting-live-metrics",
            groupId = "reporting-service.live-metrics.${random.uuid}",
            topics = Topics.METRIC_UPDATED,
            containerFactory = "liveFeedContainers",
            properties = "auto.offset.reset=latest")
    void on(MetricUpdated update) {
        if (update.tenantId() == null
                || update.branchId() == null
                || update.granularity() == null
                || update.bucketStart() == null
                || update.statistics() == null) {
            return; // the read model's consumer dead-letters or counts it
        }
        minutes.record(update);
        stream.publishMetric(update);
    }

    @KafkaListener(
            id = "reporting-live-alerts",
            groupId = "reporting-service.live-alerts.${random.uuid}",
            topics = Topics.ALERTS,
            containerFactory = "liveFeedContainers",
            properties = {
                "auto.offset.reset=latest",
                "spring.json.value.default.type=io.servicequality.contracts.AlertEvent"
            })
    void on(AlertEvent event) {
        if (event.eventId() == null
                || event.tenantId() == null
                || event.alertId() == null
                || event.occurredAt() == null) {
            return; // the alert feed's consumer dead-letters or counts it
        }
        synchronized (relayedAlerts) {
            if (!relayedAlerts.add(event.eventId())) {
                return;
            }
            if (relayedAlerts.size() > REMEMBERED_ALERTS) {
                Iterator<Object> oldest = relayedAlerts.iterator();
                oldest.next();
                oldest.remove();
            }
        }
        stream.publishAlert(AlertRecord.of(event));
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Collection<TopicPartition> partitions = assignments.keySet();
        callback.seekToTimestamp(partitions, startedAt);
    }
}

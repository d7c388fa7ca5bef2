package io.servicequality.reporting.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertHandlingChanged;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.RiskGradeChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.reporting.alert.AlertRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

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

    /** Alert, handling and risk-grade event ids recently relayed: one redelivered on the topic is not shown twice. */
    private static final int REMEMBERED_ALERTS = 10_000;

    /** Set by scoring on each update: when the earliest event it reflects was accepted (epoch millis, as text). */
    static final String ACCEPTED_AT = "sqp-accepted-at";

    static final String FRESHNESS = "sqp.freshness";

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final LiveStream stream;
    private final MinuteRing minutes;
    private final long startedAt;
    private final Clock clock;
    private final Timer freshness;
    private final LinkedHashSet<Object> relayedAlerts = new LinkedHashSet<>();
    private final List<MetricUpdateObserver> observers;

    LiveFeed(
            LiveStream stream,
            MinuteRing minutes,
            Clock clock,
            MeterRegistry registry,
            ObjectProvider<MetricUpdateObserver> observers) {
        this.stream = stream;
        this.observers = observers.orderedStream().toList();
        this.minutes = minutes;
        this.startedAt = clock.millis();
        this.clock = clock;
        // the product's promise is "live within a second": buckets around it, for its share and its quantiles
        this.freshness = Timer.builder(FRESHNESS)
                .description("from the acceptance of the earliest event an update reflects to its live push")
                .serviceLevelObjectives(
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30))
                .register(registry);
        Gauge.builder("sqp.live.subscribers", stream, LiveStream::subscriberCount)
                .description("clients connected to this instance's live stream")
                .register(registry);
    }

    /**
     * A metric update, as its bytes: a minute update is read at once (the minute ring keeps it); an hour or day update is
     * only handed to the stream, which reads it when a client's scope wants it (most go to no client: a console watches
     * one branch or region), so the feed no longer parses every update it relays — that was ~20 % of reporting's CPU
     * samples at 200 events/s (docs/benchmarks.md). Its branch comes from the record key ({@code tenantId:branchId});
     * the {@link MetricUpdateObserver}s are told it.
     */
    @KafkaListener(
            id = "reporting-live-metrics",
            groupId = "reporting-service.live-metrics.${random.uuid}",
            topics = Topics.METRIC_UPDATED,
            containerFactory = "liveFeedContainers",
            properties = {
                "auto.offset.reset=latest",
                "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"
            })
    void on(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        byte[] value = record.value();
        int colon = key == null ? -1 : key.indexOf(':');
        if (value == null || colon <= 0 || colon == key.length() - 1) {
            return; // the read model's consumer dead-letters or counts it
        }
        String tenantId = key.substring(0, colon);
        String branchId = key.substring(colon + 1);
        for (MetricUpdateObserver observer : observers) {
            observer.metricUpdated(tenantId, branchId);
        }
        Granularity granularity = LiveView.granularityOf(value);
        if (granularity == Granularity.MINUTE) {
            MetricUpdated update = relayable(value);
            if (update == null) {
                return;
            }
            minutes.record(update);
            stream.publishMetric(update);
        } else {
            stream.publishMetric(tenantId, branchId, () -> relayable(value));
        }
        log.debug("pushed {} {} to the live stream", key, granularity);
        Header acceptedAt = record.headers().lastHeader(ACCEPTED_AT);
        if (acceptedAt != null) {
            long since = Long.parseLong(new String(acceptedAt.value(), StandardCharsets.UTF_8));
            freshness.record(Duration.ofMillis(Math.max(0, clock.millis() - since)));
        }
    }

    /** The update with the live view's statistics, or {@code null} when it is malformed or does not name its bucket. */
    private static MetricUpdated relayable(byte[] value) {
        MetricUpdated update;
        try {
            update = LiveView.read(value);
        } catch (JacksonException malformed) {
            return null; // the read model's consumer dead-letters it
        }
        if (update == null
                || update.tenantId() == null
                || update.branchId() == null
                || update.granularity() == null
                || update.bucketStart() == null
                || update.statistics() == null) {
            return null;
        }
        return update;
    }

    @KafkaListener(
            id = "reporting-live-alerts",
            groupId = "reporting-service.live-alerts.${random.uuid}",
            topics = Topics.ALERTS,
            containerFactory = "liveFeedContainers",
            properties = "auto.offset.reset=latest")
    void on(AlertEvent event) {
        if (event.eventId() == null
                || event.tenantId() == null
                || event.alertId() == null
                || event.occurredAt() == null) {
            return; // the alert feed's consumer dead-letters or counts it
        }
        if (firstRelay(event.eventId())) {
            stream.publishAlert(AlertRecord.of(event));
        }
    }

    /**
     * Handling changes (acknowledged, assigned, linked, resolved, escalated), published by this service's alert
     * handling on {@link Topics#ALERT_HANDLING}: read like the alerts, by every instance, so a change made through one
     * instance reaches the streams of all.
     */
    @KafkaListener(
            id = "reporting-live-alert-handling",
            groupId = "reporting-service.live-alert-handling.${random.uuid}",
            topics = Topics.ALERT_HANDLING,
            containerFactory = "liveFeedContainers",
            properties = "auto.offset.reset=latest")
    void on(AlertHandlingChanged change) {
        if (change.eventId() == null || change.tenantId() == null || change.alertId() == null) {
            return;
        }
        if (firstRelay(change.eventId())) {
            stream.publishAlertHandling(change);
        }
    }

    /**
     * A branch's risk grade changed (published by this service's risk register on {@link Topics#RISK_GRADES}): read by
     * every instance like the alerts, so the risk screens of every instance's clients update at once.
     */
    @KafkaListener(
            id = "reporting-live-risk-grades",
            groupId = "reporting-service.live-risk-grades.${random.uuid}",
            topics = Topics.RISK_GRADES,
            containerFactory = "liveFeedContainers",
            properties = "auto.offset.reset=latest")
    void on(RiskGradeChanged change) {
        if (change.eventId() == null || change.tenantId() == null || change.branchId() == null) {
            return;
        }
        if (firstRelay(change.eventId())) {
            stream.publishRiskGrade(change);
        }
    }

    /** Whether an alert, handling or risk-grade event is relayed for the first time (a redelivered one is not shown twice). */
    private boolean firstRelay(Object eventId) {
        synchronized (relayedAlerts) {
            if (!relayedAlerts.add(eventId)) {
                return false;
            }
            if (relayedAlerts.size() > REMEMBERED_ALERTS) {
                Iterator<Object> oldest = relayedAlerts.iterator();
                oldest.next();
                oldest.remove();
            }
            return true;
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Collection<TopicPartition> partitions = assignments.keySet();
        callback.seekToTimestamp(partitions, startedAt);
    }
}

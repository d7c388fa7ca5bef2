package io.servicequality.scoring.bucket;

import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox: publishes the absolute statistics of every dirty bucket as {@link MetricUpdated} and, once the
 * broker has acknowledged, clears the flag if the bucket has not changed meanwhile. Many events to one bucket between
 * two rounds become one update, and a bucket is published at most once per {@code sqp.metric-publisher.min-interval}
 * (1 s by default). A crash between publishing and clearing republishes the same revision, which a
 * consumer keeping the highest revision ignores.
 */
@Component
class MetricPublisher {

    private static final Logger log = LoggerFactory.getLogger(MetricPublisher.class);

    private final Buckets buckets;
    private final KafkaTemplate<String, MetricUpdated> kafka;
    private final MetricPublisherProperties properties;

    MetricPublisher(Buckets buckets, KafkaTemplate<String, MetricUpdated> kafka, MetricPublisherProperties properties) {
        this.buckets = buckets;
        this.kafka = kafka;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${sqp.metric-publisher.interval}")
    void publishDirtyBuckets() {
        List<Bucket> dirty = buckets.dirty(properties.batchSize(), properties.minInterval());
        Map<Bucket, CompletableFuture<SendResult<String, MetricUpdated>>> sent = new LinkedHashMap<>();
        for (Bucket bucket : dirty) {
            MetricUpdated update = bucket.toMetricUpdated();
            sent.put(bucket, kafka.send(Topics.METRIC_UPDATED, update.recordKey(), update));
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (var send : sent.entrySet()) {
            Bucket bucket = send.getKey();
            try {
                send.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                buckets.markPublished(bucket.id(), bucket.revision());
            } catch (ExecutionException | TimeoutException notAcknowledged) {
                // the bucket stays dirty and is published again on a later round
                log.warn(
                        "MetricUpdated for bucket {} revision {} not acknowledged: {}",
                        bucket.id(),
                        bucket.revision(),
                        notAcknowledged.toString());
            } catch (InterruptedException shuttingDown) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

package io.servicequality.scoring.bucket;

import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 * (1 s by default). A crash between publishing and clearing republishes the same revision, which a consumer keeping
 * the highest revision ignores.
 *
 * <p>Which buckets are dirty comes from {@link DirtyBuckets} (in memory, fed by the writer), and what they hold from
 * {@link BucketCache} (what this instance wrote last); only the buckets it does not hold are read, by id. The first round, and one every {@code recovery-interval}, reads the ids of all dirty buckets
 * from the store, for changes a crashed run (or another instance) left unpublished.
 */
@Component
class MetricPublisher {

    private static final Logger log = LoggerFactory.getLogger(MetricPublisher.class);

    private final Buckets buckets;
    private final DirtyBuckets dirty;
    private final BucketCache cache;
    private final KafkaTemplate<String, MetricUpdated> kafka;
    private final MetricPublisherProperties properties;
    private final Clock clock;
    private Instant lastRecovery;

    MetricPublisher(
            Buckets buckets,
            DirtyBuckets dirty,
            BucketCache cache,
            KafkaTemplate<String, MetricUpdated> kafka,
            MetricPublisherProperties properties,
            Clock clock) {
        this.buckets = buckets;
        this.dirty = dirty;
        this.cache = cache;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${sqp.metric-publisher.interval}")
    void publishDirtyBuckets() {
        recoverWhenDue();
        Instant now = clock.instant();
        Map<String, Instant> due = dirty.takeDue(properties.batchSize(), now, properties.minInterval());
        if (due.isEmpty()) {
            return;
        }
        List<Buckets.Published> acknowledged = new ArrayList<>();
        try {
            // from what this instance wrote last when it has it, else from the store
            Map<String, Sent> sent = new LinkedHashMap<>();
            List<String> notCached = new ArrayList<>();
            for (String id : due.keySet()) {
                BucketCache.Entry cached = cache.get(id);
                if (cached != null) {
                    sent.put(id, send(cached.toMetricUpdated()));
                } else {
                    notCached.add(id);
                }
            }
            for (Bucket bucket : notCached.isEmpty() ? List.<Bucket>of() : buckets.byIds(notCached)) {
                if (bucket.dirty()) {
                    sent.put(bucket.id(), send(bucket.toMetricUpdated()));
                }
            }
            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            for (var send : sent.entrySet()) {
                String id = send.getKey();
                MetricUpdated update = send.getValue().update();
                try {
                    send.getValue().result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acknowledged.add(new Buckets.Published(id, update.revision()));
                } catch (ExecutionException | TimeoutException notAcknowledged) {
                    // the bucket stays dirty and is published again on a later round
                    dirty.putBack(id, due.get(id));
                    log.warn(
                            "MetricUpdated for bucket {} revision {} not acknowledged: {}",
                            id,
                            update.revision(),
                            notAcknowledged.toString());
                } catch (InterruptedException shuttingDown) {
                    Thread.currentThread().interrupt();
                    due.forEach(dirty::putBack);
                    return;
                }
            }
            buckets.markPublished(acknowledged);
            Instant publishedAt = clock.instant();
            acknowledged.forEach(each -> dirty.published(each.id(), publishedAt));
        } catch (RuntimeException storeOrBrokerFailed) {
            // nothing is lost: the buckets are still flagged in the store; announce them again for the next round
            due.forEach(dirty::putBack);
            throw storeOrBrokerFailed;
        }
    }

    private record Sent(MetricUpdated update, CompletableFuture<SendResult<String, MetricUpdated>> result) {}

    private Sent send(MetricUpdated update) {
        return new Sent(update, kafka.send(Topics.METRIC_UPDATED, update.recordKey(), update));
    }

    private void recoverWhenDue() {
        Instant now = clock.instant();
        if (lastRecovery != null && now.isBefore(lastRecovery.plus(properties.recoveryInterval()))) {
            return;
        }
        List<String> ids = buckets.dirtyIds();
        dirty.mark(ids, now);
        lastRecovery = now;
        if (!ids.isEmpty()) {
            log.info("{} buckets with unpublished changes found in the store", ids.size());
        }
    }
}

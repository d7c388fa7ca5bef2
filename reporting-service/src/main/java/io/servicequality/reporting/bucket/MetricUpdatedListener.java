package io.servicequality.reporting.bucket;

import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.DeadLetters;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link Topics#METRIC_UPDATED} into the read model, a batch at a time: hour buckets are applied in memory and
 * written behind ({@link WriteBehindBuckets}); the batch is acknowledged (its offsets committed) only once they are
 * written. Minute and local-day buckets are not stored here (the minute ring and the live stream have a consumer of their
 * own), so their statistics are not even read ({@link HourStatisticsDeserializer}). A record that can never be applied (undeserialisable, or not naming its bucket) goes to the
 * dead-letter topic at once, without holding up the rest of the batch.
 */
@Component
class MetricUpdatedListener {

    /** The container factory of this listener (batches, acknowledged after the flush): see the config package. */
    public static final String CONTAINER_FACTORY = "metricUpdateBatches";

    private final WriteBehindBuckets writeBehind;
    private final ConsumerRecordRecoverer deadLetters;

    MetricUpdatedListener(WriteBehindBuckets writeBehind, ConsumerRecordRecoverer deadLetters) {
        this.writeBehind = writeBehind;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(
            id = "reporting-metric-buckets",
            groupId = "reporting-service.metric-buckets",
            topics = Topics.METRIC_UPDATED,
            containerFactory = CONTAINER_FACTORY,
            properties =
                    "spring.deserializer.value.delegate.class=io.servicequality.reporting.bucket.HourStatisticsDeserializer",
            // one consumer per partition: the JSON of a backlog is parsed on every core; a bucket's updates stay on its
            // partition (keyed by branch), and applying them in memory is synchronised
            concurrency = "${sqp.read-model.consumers:3}")
    void on(List<ConsumerRecord<String, MetricUpdated>> records, Acknowledgment acknowledgment) {
        List<MetricBucket> hours = DeadLetters.applicable(
                records,
                deadLetters,
                () -> new InvalidMetricUpdateException("a metric update needs a value"),
                // minute and day updates are not stored (their statistics were not even read)
                update -> update.granularity() == null || update.granularity() == Granularity.HOUR
                        ? MetricBucket.of(update)
                        : null);
        writeBehind.apply(hours, acknowledgment::acknowledge);
    }
}

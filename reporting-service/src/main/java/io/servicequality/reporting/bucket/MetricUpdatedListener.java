package io.servicequality.reporting.bucket;

import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link Topics#METRIC_UPDATED} into the bucket read model. */
@Component
class MetricUpdatedListener {

    private final MetricBucketReadModel readModel;

    MetricUpdatedListener(MetricBucketReadModel readModel) {
        this.readModel = readModel;
    }

    @KafkaListener(topics = Topics.METRIC_UPDATED)
    void on(MetricUpdated update) {
        readModel.apply(update);
    }
}

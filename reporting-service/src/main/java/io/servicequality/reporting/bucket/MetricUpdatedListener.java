package io.servicequality.reporting.bucket;

import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link Topics#METRIC_UPDATED} into the bucket read model. */
@Component
class MetricUpdatedListener {

    private final MetricBucketReadModel readModel;
    private final TenantGate tenants;

    MetricUpdatedListener(MetricBucketReadModel readModel, TenantGate tenants) {
        this.readModel = readModel;
        this.tenants = tenants;
    }

    @KafkaListener(topics = Topics.METRIC_UPDATED)
    void on(MetricUpdated update) {
        // an event without a tenant is invalid (dead letter); one of a tenant this deployment does not serve is
        // dropped and counted in sqp.events.rejected
        if (update.tenantId() != null && !tenants.admits(update)) {
            return;
        }
        readModel.apply(update);
    }
}

package io.servicequality.scoring.quality;

import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Reads this service's own metric updates back (the bucket feature is reached only through Kafka) and hands them to
 * {@link Alerting}. An unusable record stops the batch there: the ones before it are applied, it is dead-lettered. An
 * update or directory entry of a tenant this deployment does not serve is dropped and counted ({@link TenantGate}).
 */
@Component
class MetricUpdatedListener {

    private static final LogAccessor LOG = new LogAccessor(MetricUpdatedListener.class);

    private final Alerting alerting;
    private final BranchRegions regions;
    private final TenantGate tenants;

    MetricUpdatedListener(Alerting alerting, BranchRegions regions, TenantGate tenants) {
        this.alerting = alerting;
        this.regions = regions;
        this.tenants = tenants;
    }

    /** The regions of the branches, for region alerts (this feature's own consumer group of the directory). */
    @KafkaListener(
            id = "alert-regions",
            topics = Topics.BRANCH_DIRECTORY,
            properties = "spring.json.value.default.type=io.servicequality.contracts.BranchChanged")
    void onBranchChanged(List<ConsumerRecord<String, BranchChanged>> records) {
        for (ConsumerRecord<String, BranchChanged> record : records) {
            DeserializationException failure = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            if (record.value() == null && failure == null) {
                continue; // a tombstone on the compacted topic
            }
            try {
                if (failure != null) {
                    throw failure;
                }
                if (record.value().tenantId() == null || tenants.admits(record.value())) {
                    regions.update(record.value());
                }
            } catch (InvalidMetricUpdate | DeserializationException unusable) {
                throw new BatchListenerFailedException("branch entry cannot be used", unusable, record);
            }
        }
    }

    @KafkaListener(
            id = "alert-evaluation",
            topics = Topics.METRIC_UPDATED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.MetricUpdated")
    void onMetricUpdated(List<ConsumerRecord<String, MetricUpdated>> records) {
        List<MetricUpdated> updates = new ArrayList<>(records.size());
        for (ConsumerRecord<String, MetricUpdated> record : records) {
            try {
                MetricUpdated update = valid(record);
                if (tenants.admits(update)) {
                    updates.add(update);
                }
            } catch (InvalidMetricUpdate | DeserializationException unusable) {
                alerting.onUpdates(updates);
                throw new BatchListenerFailedException("metric update cannot be used", unusable, record);
            }
        }
        alerting.onUpdates(updates);
    }

    private static MetricUpdated valid(ConsumerRecord<String, MetricUpdated> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (failure != null) {
            throw failure;
        }
        MetricUpdated update = record.value();
        if (update == null
                || update.tenantId() == null
                || update.branchId() == null
                || update.granularity() == null
                || update.bucketStart() == null
                || update.statistics() == null) {
            throw new InvalidMetricUpdate("tenantId, branchId, granularity, bucketStart and statistics are required");
        }
        return update;
    }
}

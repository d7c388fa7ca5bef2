package io.servicequality.reporting.risk;

import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Tells the monitor which branches' inputs changed: every instance reads every partition of the metric, alert and
 * complaint topics in groups of its own from their end (nothing committed, nothing replayed: what was published while
 * an instance was down is covered by its full pass), and marks the branch each event is about. Region- and
 * tenant-wide alerts are no factor of a branch and mark nothing.
 */
@Component
class RiskTriggers {

    private final RiskMonitor monitor;
    private final TenantGate tenants;

    RiskTriggers(RiskMonitor monitor, TenantGate tenants) {
        this.monitor = monitor;
        this.tenants = tenants;
    }

    /**
     * A metric update only says which branch changed, and its key ({@code tenantId:branchId}) says that already: the
     * value (several kilobytes of statistics, read in full by the read model and the live feed) is not parsed here.
     */
    @KafkaListener(
            id = "reporting-risk-metrics",
            groupId = "reporting-service.risk-metrics.${random.uuid}",
            topics = Topics.METRIC_UPDATED,
            containerFactory = "liveFeedContainers",
            properties = {
                "auto.offset.reset=latest",
                "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"
            })
    void onMetric(ConsumerRecord<String, byte[]> update) {
        String key = update.key();
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon > 0 && colon < key.length() - 1) {
            String tenantId = key.substring(0, colon);
            if (tenants.isKnown(tenantId)) {
                monitor.mark(tenantId, key.substring(colon + 1));
            }
        }
    }

    @KafkaListener(
            id = "reporting-risk-alerts",
            groupId = "reporting-service.risk-alerts.${random.uuid}",
            topics = Topics.ALERTS,
            containerFactory = "liveFeedContainers",
            properties = "auto.offset.reset=latest")
    void onAlert(AlertEvent alert) {
        if (alert != null) {
            monitor.markUrgent(alert.tenantId(), alert.branchId());
        }
    }

    @KafkaListener(
            id = "reporting-risk-complaints",
            groupId = "reporting-service.risk-complaints.${random.uuid}",
            topics = Topics.COMPLAINT_CHANGED,
            containerFactory = "liveFeedContainers",
            properties = "auto.offset.reset=latest")
    void onComplaint(ComplaintChanged event) {
        if (event != null) {
            monitor.mark(event.tenantId(), event.branchId());
        }
    }
}

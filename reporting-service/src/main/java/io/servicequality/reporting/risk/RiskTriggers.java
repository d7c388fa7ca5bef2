package io.servicequality.reporting.risk;

import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.reporting.live.MetricUpdateObserver;
import io.servicequality.security.TenantGate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Tells the monitor which branches' inputs changed: every instance reads every partition of the alert and complaint
 * topics in groups of its own from their end, and is told of every metric update by the live feed, which reads the
 * metric topic alike (nothing committed, nothing replayed: what was published while an instance was down is covered by
 * its full pass); it marks the branch each event is about. Region- and tenant-wide alerts are no factor of a branch and
 * mark nothing.
 */
@Component
class RiskTriggers implements MetricUpdateObserver {

    private final RiskMonitor monitor;
    private final TenantGate tenants;

    RiskTriggers(RiskMonitor monitor, TenantGate tenants) {
        this.monitor = monitor;
        this.tenants = tenants;
    }

    /**
     * A metric update only says which branch changed: the live feed, which reads every partition of the metric topic on
     * every instance anyway, tells it (one fetch and decompression of the topic per instance instead of two; the value,
     * several kilobytes of statistics, is not parsed for this).
     */
    @Override
    public void metricUpdated(String tenantId, String branchId) {
        if (tenants.isKnown(tenantId)) {
            monitor.mark(tenantId, branchId);
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

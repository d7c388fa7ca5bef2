package io.servicequality.reporting.risk;

import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
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

    RiskTriggers(RiskMonitor monitor) {
        this.monitor = monitor;
    }

    @KafkaListener(
            id = "reporting-risk-metrics",
            groupId = "reporting-service.risk-metrics.${random.uuid}",
            topics = Topics.METRIC_UPDATED,
            containerFactory = "liveFeedContainers",
            properties = "auto.offset.reset=latest")
    void onMetric(MetricUpdated update) {
        if (update != null) {
            monitor.mark(update.tenantId(), update.branchId());
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
            monitor.mark(alert.tenantId(), alert.branchId());
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

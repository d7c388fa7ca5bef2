package io.servicequality.reporting.qualitytarget;

import io.servicequality.contracts.QualityTargetChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the compacted {@link Topics#QUALITY_TARGETS} into the quality targets. */
@Component
class QualityTargetListener {

    private final QualityTargets targets;
    private final TenantGate tenants;

    QualityTargetListener(QualityTargets targets, TenantGate tenants) {
        this.targets = targets;
        this.tenants = tenants;
    }

    @KafkaListener(
            id = "reporting-quality-targets",
            topics = Topics.QUALITY_TARGETS,
            properties = "spring.json.value.default.type=io.servicequality.contracts.QualityTargetChanged")
    void on(QualityTargetChanged event) {
        // an event without a tenant is invalid (dead letter); one of a tenant this deployment does not serve is
        // dropped and counted in sqp.events.rejected
        if (event.tenantId() != null && !tenants.admits(event)) {
            return;
        }
        targets.apply(event);
    }
}

package io.servicequality.reporting.complaint;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link Topics#COMPLAINT_CHANGED} into the complaint backlog. */
@Component
class ComplaintChangedListener {

    private final ComplaintBacklog backlog;
    private final TenantGate tenants;

    ComplaintChangedListener(ComplaintBacklog backlog, TenantGate tenants) {
        this.backlog = backlog;
        this.tenants = tenants;
    }

    @KafkaListener(
            id = "reporting-complaints",
            topics = Topics.COMPLAINT_CHANGED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.ComplaintChanged")
    void on(ComplaintChanged event) {
        // an event without a tenant is invalid (dead letter); one of a tenant this deployment does not serve is
        // dropped and counted in sqp.events.rejected
        if (event.tenantId() != null && !tenants.admits(event)) {
            return;
        }
        backlog.apply(event);
    }
}

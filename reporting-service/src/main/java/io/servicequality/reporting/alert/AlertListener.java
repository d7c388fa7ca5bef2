package io.servicequality.reporting.alert;

import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link Topics#ALERTS} (raised and cleared, told apart by their {@code type} field) into the alert feed. */
@Component
class AlertListener {

    private final AlertFeed feed;
    private final TenantGate tenants;

    AlertListener(AlertFeed feed, TenantGate tenants) {
        this.feed = feed;
        this.tenants = tenants;
    }

    @KafkaListener(
            id = "reporting-alerts",
            topics = Topics.ALERTS,
            properties = "spring.json.value.default.type=io.servicequality.contracts.AlertEvent")
    void on(AlertEvent event) {
        // an event without a tenant is invalid (dead letter); one of a tenant this deployment does not serve is
        // dropped and counted in sqp.events.rejected
        if (event.tenantId() != null && !tenants.admits(event)) {
            return;
        }
        feed.apply(event);
    }
}

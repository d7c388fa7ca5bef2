package io.servicequality.reporting.alerthandling;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.reporting.alert.AlertStored;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens and clears handling records as the alert feed stores alert events: on the alert consumer's thread, so a
 * failure here fails the delivery and Kafka retries it (both steps are idempotent).
 */
@Component
class AlertStoredListener {

    private final AlertHandlingService handling;

    AlertStoredListener(AlertHandlingService handling) {
        this.handling = handling;
    }

    @EventListener
    void on(AlertStored stored) {
        if (stored.event() instanceof AlertRaised raised) {
            handling.opened(raised);
        } else if (stored.event() instanceof AlertCleared cleared) {
            handling.cleared(cleared);
        }
    }
}

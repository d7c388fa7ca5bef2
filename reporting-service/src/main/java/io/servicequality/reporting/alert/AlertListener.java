package io.servicequality.reporting.alert;

import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link Topics#ALERTS} (raised and cleared, told apart by their {@code type} field) into the alert feed. */
@Component
class AlertListener {

    private final AlertFeed feed;

    AlertListener(AlertFeed feed) {
        this.feed = feed;
    }

    @KafkaListener(id = "reporting-alerts", groupId = "reporting-service.alerts", topics = Topics.ALERTS)
    void on(AlertEvent event) {
        feed.apply(event);
    }
}

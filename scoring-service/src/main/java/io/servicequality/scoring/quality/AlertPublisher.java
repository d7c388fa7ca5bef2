package io.servicequality.scoring.quality;

import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drains the alert outboxes in order: sends each queued event, waits for the broker's acknowledgement, then removes
 * it. A crash in between sends it again with the same event id, which consumers recognise.
 */
@Component
class AlertPublisher {

    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

    private final AlertStates states;
    private final KafkaTemplate<String, AlertEvent> kafka;
    private final JsonMapper json;

    AlertPublisher(AlertStates states, KafkaTemplate<String, AlertEvent> kafka, JsonMapper json) {
        this.states = states;
        this.kafka = kafka;
        this.json = json;
    }

    @Scheduled(fixedDelayString = "${sqp.alerts.publish-interval:500ms}")
    void publishPendingAlerts() {
        for (AlertState state : states.withPendingEvents(200)) {
            for (String eventJson : state.outbox()) {
                AlertEvent event = json.readValue(eventJson, AlertEvent.class);
                try {
                    kafka.send(Topics.ALERTS, event.recordKey(), event).get(10, TimeUnit.SECONDS);
                    states.sent(state.id(), eventJson);
                } catch (ExecutionException | TimeoutException notAcknowledged) {
                    log.warn("alert event {} not acknowledged: {}", event.eventId(), notAcknowledged.toString());
                    break; // keep the episode's events in order
                } catch (InterruptedException shuttingDown) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

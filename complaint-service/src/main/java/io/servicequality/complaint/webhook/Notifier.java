package io.servicequality.complaint.webhook;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the configured complaint events (escalations and breaches by default) of the tenants this deployment serves
 * ({@link TenantGate}: another tenant's event is dropped and counted) to the webhook. It
 * reads the service's own topic in its own consumer group, so the lifecycle never waits for the receiver. A failed
 * delivery is recorded (never thrown, so it cannot hold up the partition) and can be re-sent through the API.
 */
@Component
class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final WebhookClient client;
    private final WebhookDeliveries deliveries;
    private final WebhookProperties properties;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    Notifier(WebhookClient client, WebhookDeliveries deliveries, WebhookProperties properties, Clock clock) {
        this.client = client;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
    }

    @KafkaListener(
            id = "complaint-webhook",
            topics = Topics.COMPLAINT_CHANGED,
            groupId = "complaint-service.webhooks",
            autoStartup = "${sqp.complaints.webhook.enabled:false}",
            properties = "auto.offset.reset=${sqp.complaints.webhook.start-from:latest}")
    void on(ComplaintChanged event) {
        if (event == null || !properties.events().contains(event.type())) {
            return;
        }
        Optional<WebhookDelivery> earlier = deliveries.findById(event.eventId());
        if (earlier.filter(d -> d.status() == WebhookDelivery.Status.DELIVERED).isPresent()) {
            return;
        }
        WebhookDelivery delivery = earlier.orElseGet(() -> new WebhookDelivery(
                event.eventId(),
                event.tenantId(),
                event.branchId(),
                event.complaintId(),
                event.number(),
                event.type().name(),
                json.writeValueAsString(event),
                WebhookDelivery.Status.FAILED,
                0,
                null,
                null));
        deliver(delivery);
    }

    /** Sends a kept delivery again, as it was. */
    WebhookDelivery redeliver(WebhookDelivery delivery) {
        return deliver(delivery);
    }

    private WebhookDelivery deliver(WebhookDelivery delivery) {
        try {
            client.post(delivery.body());
            return deliveries.save(delivery.attempted(WebhookDelivery.Status.DELIVERED, null, clock.instant()));
        } catch (RuntimeException e) {
            // the class name only: a receiver's error text is not ours to republish
            log.warn("Webhook delivery of {} failed: {}", delivery.eventId(), e.toString());
            return deliveries.save(delivery.attempted(
                    WebhookDelivery.Status.FAILED, e.getClass().getSimpleName(), clock.instant()));
        }
    }
}

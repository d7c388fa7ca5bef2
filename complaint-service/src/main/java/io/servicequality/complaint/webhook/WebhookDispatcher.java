package io.servicequality.complaint.webhook;

import io.servicequality.contracts.Topics;
import io.servicequality.kafka.InvalidEventException;
import io.servicequality.security.TenantGate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the records of the notifying topics into deliveries: the alerts ({@code sqp.alerts.v1}), alert handling
 * ({@code sqp.alert-handling.v1}, escalations only), risk grades ({@code sqp.risk-grades.v1}) and this service's own
 * complaint events (SLA warnings, breaches and escalations). Records are read as raw JSON (the event as published,
 * which becomes the payload's {@code data} unchanged), in the consumer group {@code complaint-service.webhooks}, so
 * that neither the lifecycle nor the publishers ever wait for a receiver.
 *
 * <p>For each subscription of the event's tenant that receives the type, one {@link WebhookDelivery} is inserted with
 * an id derived from the subscription and the event's {@code eventId}: a redelivered record hits the existing
 * delivery's id and adds nothing. Sending is {@link WebhookSender}'s. Events of a tenant this deployment does not
 * serve are dropped and counted; a record that is not a JSON object goes to the dead-letter topic.
 */
@Component
class WebhookDispatcher {

    private final WebhookSubscriptions subscriptions;
    private final MongoOperations mongo;
    private final TenantGate tenants;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookDispatcher(WebhookSubscriptions subscriptions, MongoOperations mongo, TenantGate tenants, Clock clock) {
        this.subscriptions = subscriptions;
        this.mongo = mongo;
        this.tenants = tenants;
        this.clock = clock;
    }

    @KafkaListener(
            id = "complaint-webhook",
            topics = {Topics.COMPLAINT_CHANGED, Topics.ALERTS, Topics.ALERT_HANDLING, Topics.RISK_GRADES},
            groupId = "complaint-service.webhooks",
            autoStartup = "${sqp.complaints.webhook.listening:true}",
            properties = {
                "auto.offset.reset=${sqp.complaints.webhook.start-from:latest}",
                // the event JSON as published, whatever its record type: it is the payload's data (as bytes, so that a
                // refused record reaches the dead-letter topic exactly as it arrived)
                "spring.deserializer.value.delegate.class=org.apache.kafka.common.serialization.ByteArrayDeserializer"
            })
    void on(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (JacksonException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (!(event instanceof ObjectNode)) {
            throw new InvalidEventException("not a JSON object");
        }
        Optional<WebhookEventType> type = typeOf(record.topic(), event);
        if (type.isEmpty()) {
            return;
        }
        String tenantId = text(event, "tenantId");
        if (tenantId == null) {
            throw new InvalidEventException("no tenantId");
        }
        if (!tenants.admits(tenantId, type.get().wireName())) {
            return;
        }
        List<WebhookSubscription> receivers = subscriptions.receiving(tenantId, type.get());
        if (receivers.isEmpty()) {
            return;
        }
        String sourceEventId = Optional.ofNullable(text(event, "eventId"))
                .orElse(record.topic() + "-" + record.partition() + "@" + record.offset());
        String body = payload(type.get(), event, record);
        Instant now = clock.instant();
        for (WebhookSubscription subscription : receivers) {
            try {
                mongo.insert(new WebhookDelivery(
                        WebhookDelivery.idOf(subscription.subscriptionId(), sourceEventId),
                        tenantId,
                        text(event, "branchId"),
                        subscription.subscriptionId(),
                        type.get().wireName(),
                        sourceEventId,
                        body,
                        WebhookDelivery.Status.PENDING,
                        0,
                        List.of(),
                        now,
                        now,
                        null,
                        null,
                        null,
                        null));
            } catch (DuplicateKeyException alreadyThere) {
                // the record came again (redelivery after a rebalance or a crash): its delivery exists
            }
        }
    }

    /** Which webhook event a record is, if any: the topic and the event's own {@code type}. */
    static Optional<WebhookEventType> typeOf(String topic, JsonNode event) {
        String type = text(event, "type");
        return Optional.ofNullable(
                switch (topic) {
                    case Topics.ALERTS ->
                        "AlertRaised".equals(type)
                                ? WebhookEventType.ALERT_RAISED
                                : "AlertCleared".equals(type) ? WebhookEventType.ALERT_CLEARED : null;
                    case Topics.ALERT_HANDLING -> "ESCALATED".equals(type) ? WebhookEventType.ALERT_ESCALATED : null;
                    case Topics.RISK_GRADES -> WebhookEventType.RISK_GRADE_CHANGED;
                    case Topics.COMPLAINT_CHANGED ->
                        switch (type == null ? "" : type) {
                            case "SLA_WARNING" -> WebhookEventType.COMPLAINT_SLA_WARNING;
                            case "SLA_BREACHED" -> WebhookEventType.COMPLAINT_SLA_BREACHED;
                            case "ESCALATED" -> WebhookEventType.COMPLAINT_ESCALATED;
                            default -> null;
                        };
                    default -> null;
                });
    }

    /**
     * {@code {"type", "timestamp", "data"}} as Standard Webhooks suggests: the timestamp is when the event happened
     * (its {@code occurredAt}, else the record's time), so the body is the same on every attempt.
     */
    private String payload(WebhookEventType type, JsonNode event, ConsumerRecord<String, byte[]> record) {
        String occurredAt = Optional.ofNullable(text(event, "occurredAt"))
                .orElseGet(() -> Instant.ofEpochMilli(record.timestamp()).toString());
        ObjectNode payload = json.createObjectNode();
        payload.put("type", type.wireName());
        payload.put("timestamp", occurredAt);
        payload.set("data", event);
        return json.writeValueAsString(payload);
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}

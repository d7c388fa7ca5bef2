package io.servicequality.feedback.interaction;

import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the interaction topic into the projection (consumer group {@code feedback-service}). */
@Component
class InteractionListener {

    private final InteractionProjection projection;
    private final TenantGate tenants;

    InteractionListener(InteractionProjection projection, TenantGate tenants) {
        this.projection = projection;
        this.tenants = tenants;
    }

    @KafkaListener(
            topics = Topics.INTERACTION_RECORDED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.InteractionRecorded")
    void on(InteractionRecorded event) {
        // an event of a tenant this deployment does not serve is dropped and counted, never stored
        if (tenants.admits(event)) {
            projection.project(event);
        }
    }
}

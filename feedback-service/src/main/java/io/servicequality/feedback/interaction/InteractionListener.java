package io.servicequality.feedback.interaction;

import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the interaction topic into the projection (consumer group {@code feedback-service}). */
@Component
class InteractionListener {

    private final InteractionProjection projection;

    InteractionListener(InteractionProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(
            topics = Topics.INTERACTION_RECORDED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.InteractionRecorded")
    void on(InteractionRecorded event) {
        projection.project(event);
    }
}

package io.servicequality.feedback.interaction;

import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.eventlog.LogProjection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the interaction topic into the projection, a batch at a time (consumer group {@code feedback-service}). */
@Component
class InteractionListener {

    private final InteractionProjection projection;

    InteractionListener(InteractionProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(
            topics = Topics.INTERACTION_RECORDED,
            containerFactory = LogProjection.BATCHES,
            properties = "spring.json.value.default.type=io.servicequality.contracts.InteractionRecorded")
    void on(List<ConsumerRecord<String, InteractionRecorded>> records) {
        projection.projectAll(records);
    }
}

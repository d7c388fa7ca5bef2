package io.servicequality.feedback.survey;

import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.eventlog.LogProjection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the feedback topic into the projection, a batch at a time (consumer group {@code feedback-service}). */
@Component
class FeedbackListener {

    private final FeedbackProjection projection;

    FeedbackListener(FeedbackProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.FEEDBACK_SUBMITTED, containerFactory = LogProjection.BATCHES)
    void on(List<ConsumerRecord<String, FeedbackSubmitted>> records) {
        projection.projectAll(records);
    }
}

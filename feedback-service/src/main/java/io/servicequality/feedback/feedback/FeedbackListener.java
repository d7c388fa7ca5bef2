package io.servicequality.feedback.feedback;

import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the feedback topic into the projection (consumer group {@code feedback-service}). */
@Component
class FeedbackListener {

    private final FeedbackProjection projection;

    FeedbackListener(FeedbackProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.FEEDBACK_SUBMITTED)
    void on(FeedbackSubmitted event) {
        projection.project(event);
    }
}

package io.servicequality.feedback.feedback;

import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the feedback topic into the projection (consumer group {@code feedback-service}). */
@Component
class FeedbackListener {

    private final FeedbackProjection projection;
    private final TenantGate tenants;

    FeedbackListener(FeedbackProjection projection, TenantGate tenants) {
        this.projection = projection;
        this.tenants = tenants;
    }

    @KafkaListener(topics = Topics.FEEDBACK_SUBMITTED)
    void on(FeedbackSubmitted event) {
        // an event of a tenant this deployment does not serve is dropped and counted, never stored
        if (tenants.admits(event)) {
            projection.project(event);
        }
    }
}

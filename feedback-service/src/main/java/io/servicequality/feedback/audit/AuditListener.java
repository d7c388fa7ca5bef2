package io.servicequality.feedback.audit;

import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.eventlog.LogProjection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the ingested event topics into the audit store, a batch at a time. Each record is read as the type its topic
 * holds ({@link Topics#eventTypeOf}).
 */
@Component
class AuditListener {

    /**
     * The consumer group. A new group starts at the beginning of the topics, so a change of the stored shape (or of the
     * collections) rebuilds the audit store from the log, which holds every event.
     */
    static final String GROUP = "feedback-service.audit";

    private final EventAudit audit;

    AuditListener(EventAudit audit) {
        this.audit = audit;
    }

    @KafkaListener(
            groupId = GROUP,
            topics = {Topics.FEEDBACK_SUBMITTED, Topics.INTERACTION_RECORDED},
            containerFactory = LogProjection.BATCHES)
    void on(List<ConsumerRecord<String, PlatformEvent>> records) {
        audit.storeAllOnce(records);
    }
}

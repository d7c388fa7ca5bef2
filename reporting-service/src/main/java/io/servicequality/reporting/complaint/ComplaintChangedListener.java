package io.servicequality.reporting.complaint;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link Topics#COMPLAINT_CHANGED} into the complaint backlog. */
@Component
class ComplaintChangedListener {

    private final ComplaintBacklog backlog;

    ComplaintChangedListener(ComplaintBacklog backlog) {
        this.backlog = backlog;
    }

    @KafkaListener(
            id = "reporting-complaints",
            topics = Topics.COMPLAINT_CHANGED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.ComplaintChanged")
    void on(ComplaintChanged event) {
        backlog.apply(event);
    }
}

package io.servicequality.reporting.correctiveaction;

import io.servicequality.contracts.CorrectiveActionChanged;
import io.servicequality.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the compacted {@link Topics#CORRECTIVE_ACTIONS} into the corrective actions' read model. */
@Component
class CorrectiveActionListener {

    private final CorrectiveActionStates actions;

    CorrectiveActionListener(CorrectiveActionStates actions) {
        this.actions = actions;
    }

    @KafkaListener(
            id = "reporting-corrective-actions",
            groupId = "reporting-service.corrective-actions",
            topics = Topics.CORRECTIVE_ACTIONS)
    void on(CorrectiveActionChanged event) {
        actions.apply(event);
    }
}

package io.servicequality.reporting.qualitytarget;

import io.servicequality.contracts.QualityTargetChanged;
import io.servicequality.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the compacted {@link Topics#QUALITY_TARGETS} into the quality targets. */
@Component
class QualityTargetListener {

    private final QualityTargets targets;

    QualityTargetListener(QualityTargets targets) {
        this.targets = targets;
    }

    @KafkaListener(
            id = "reporting-quality-targets",
            groupId = "reporting-service.quality-targets",
            topics = Topics.QUALITY_TARGETS)
    void on(QualityTargetChanged event) {
        targets.apply(event);
    }
}

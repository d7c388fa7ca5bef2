package io.servicequality.scoring.quality;

import io.servicequality.contracts.QualityTargetChanged;
import io.servicequality.contracts.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Relays the targets' outbox to the compacted {@code sqp.quality-targets.v1}: every unpublished change is sent as
 * {@link QualityTargetChanged} (keyed {@code tenantId:target:<targetId>}, {@code removed=true} for a deleted target),
 * and only after the broker's acknowledgement is the flag cleared (or the removed target deleted). A broker outage
 * delays the events, it loses none. At start-up every current target is queued again, so the compacted topic holds
 * every target even if it was emptied or created after the targets were.
 */
@Component
class TargetPublisher {

    private static final Logger log = LoggerFactory.getLogger(TargetPublisher.class);

    private final QualityTargets targets;
    private final KafkaTemplate<String, QualityTargetChanged> kafka;

    TargetPublisher(QualityTargets targets, KafkaTemplate<String, QualityTargetChanged> kafka) {
        this.targets = targets;
        this.kafka = kafka;
    }

    @EventListener(ApplicationReadyEvent.class)
    void republishAllAtStartUp() {
        try {
            log.info("{} quality targets queued for republication", targets.republishAll());
        } catch (RuntimeException storeUnavailable) {
            // the targets keep their flags; changes made from now on are published as usual
            log.warn("quality targets not queued for republication: {}", storeUnavailable.toString());
        }
    }

    @Scheduled(fixedDelayString = "${sqp.targets.publish-interval:500ms}")
    void publishPendingTargets() {
        for (QualityTarget target : targets.unpublished(200)) {
            QualityTargetChanged event = target.toEvent();
            try {
                kafka.send(Topics.QUALITY_TARGETS, event.recordKey(), event).get(10, TimeUnit.SECONDS);
                targets.published(target);
            } catch (ExecutionException | TimeoutException notAcknowledged) {
                log.warn("target change {} not acknowledged: {}", event.eventId(), notAcknowledged.toString());
                return; // the broker is unavailable: try again on the next round
            } catch (InterruptedException shuttingDown) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

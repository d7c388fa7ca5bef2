package io.servicequality.scoring.quality;

import io.servicequality.contracts.AlertRuleChanged;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.QualityTargetChanged;
import io.servicequality.contracts.Topics;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Relays the outboxes of targets and alert rules to their compacted topics ({@code sqp.quality-targets.v1}, {@code
 * sqp.alert-rules.v1}): every unpublished change is sent (a removal with {@code removed=true}), and only after the
 * broker's acknowledgement is the flag cleared (or the removed document deleted). A broker outage delays the events,
 * it loses none. At start-up every current target and rule is queued again, so the compacted topics hold all of them
 * even if a topic was emptied or created after the documents were.
 */
@Component
class ConfigurationPublisher {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationPublisher.class);

    private static final int BATCH = 200;

    /** The documents of one kind whose latest change is not acknowledged yet. */
    interface Outbox<T> {

        /** The oldest changes first. */
        List<T> unpublished(int limit);

        /**
         * After the broker acknowledged the document's revision: clears the flag, or deletes a removed document, only
         * if nothing changed it since.
         */
        void published(T document);

        /**
         * Queues every current document again (idempotent on the compacted topic). The revision is raised too, so that
         * a relay clearing the flag for an older revision at this moment does not cancel it.
         *
         * @return how many were queued
         */
        long republishAll();
    }

    private final QualityTargets targets;
    private final AlertRules rules;
    private final KafkaTemplate<String, QualityTargetChanged> targetTemplate;
    private final KafkaTemplate<String, AlertRuleChanged> ruleTemplate;

    ConfigurationPublisher(
            QualityTargets targets,
            AlertRules rules,
            KafkaTemplate<String, QualityTargetChanged> qualityTargetTemplate,
            KafkaTemplate<String, AlertRuleChanged> alertRuleTemplate) {
        this.targets = targets;
        this.rules = rules;
        this.targetTemplate = qualityTargetTemplate;
        this.ruleTemplate = alertRuleTemplate;
    }

    @EventListener(ApplicationReadyEvent.class)
    void republishAllAtStartUp() {
        try {
            log.info(
                    "{} quality targets and {} alert rules queued for republication",
                    targets.republishAll(),
                    rules.republishAll());
        } catch (RuntimeException storeUnavailable) {
            // the documents keep their flags; changes made from now on are published as usual
            log.warn("targets and rules not queued for republication: {}", storeUnavailable.toString());
        }
    }

    @Scheduled(fixedDelayString = "${sqp.configuration.publish-interval:500ms}")
    void publishPendingChanges() {
        relay(targets, QualityTarget::toEvent, targetTemplate, Topics.QUALITY_TARGETS);
        relay(rules, AlertRule::toEvent, ruleTemplate, Topics.ALERT_RULES);
    }

    private static <T, E extends PlatformEvent> void relay(
            Outbox<T> outbox, Function<T, E> toEvent, KafkaTemplate<String, E> kafka, String topic) {
        for (T document : outbox.unpublished(BATCH)) {
            E event = toEvent.apply(document);
            try {
                kafka.send(topic, event.recordKey(), event).get(10, TimeUnit.SECONDS);
                outbox.published(document);
            } catch (ExecutionException | TimeoutException notAcknowledged) {
                log.warn("change {} on {} not acknowledged: {}", event.eventId(), topic, notAcknowledged.toString());
                return; // the broker is unavailable: try again on the next round
            } catch (InterruptedException shuttingDown) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

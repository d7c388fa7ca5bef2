package io.servicequality.scoring.quality;

import io.servicequality.kafka.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Relays the outboxes of targets and alert rules to their compacted topics ({@code sqp.quality-targets.v1}, {@code
 * sqp.alert-rules.v1}) with platform-kafka's {@link OutboxRelay}: every unpublished change is sent (a removal with
 * {@code removed=true}), and only after the broker's acknowledgement is the flag cleared (or the removed document
 * deleted). A broker outage delays the events,
 * it loses none. At start-up every current target and rule is queued again, so the compacted topics hold all of them
 * even if a topic was emptied or created after the documents were.
 */
@Component
class ConfigurationPublisher {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationPublisher.class);

    private static final int BATCH = 200;

    /** Targets or alert rules: documents that are their own outbox, and can be queued again all at once. */
    interface Outbox<T> extends io.servicequality.kafka.Outbox<T> {

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
    private final OutboxRelay relay;

    ConfigurationPublisher(QualityTargets targets, AlertRules rules, OutboxRelay relay) {
        this.targets = targets;
        this.rules = rules;
        this.relay = relay;
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
        relay.relay(targets, BATCH);
        relay.relay(rules, BATCH);
    }
}

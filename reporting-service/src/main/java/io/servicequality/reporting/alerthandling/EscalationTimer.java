package io.servicequality.reporting.alerthandling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code sqp.alert-handling.escalation-interval} (10 s) escalates the alerts nobody acknowledged in time. Every
 * instance runs it; no lease is needed for exactly once: each escalation is decided and recorded (with its event) in
 * one optimistic-locked write of the alert's record, so of two instances finding the same alert due one records the
 * level and the other finds it reached. The query for due alerts reads the {@code escalation_due} index, whose field
 * is cleared once an alert is acknowledged, cleared or at the top, so it stays small.
 */
@Component
class EscalationTimer {

    private static final Logger log = LoggerFactory.getLogger(EscalationTimer.class);

    /** Records per round, and rounds per tick: what is left waits for the next tick. */
    private static final int BATCH = 100;

    private static final int MAX_ROUNDS = 20;

    private final AlertHandlingService handling;

    EscalationTimer(AlertHandlingService handling) {
        this.handling = handling;
    }

    @Scheduled(
            fixedDelayString = "${sqp.alert-handling.escalation-interval:10s}",
            initialDelayString = "${sqp.alert-handling.escalation-interval:10s}")
    void tick() {
        try {
            fire();
        } catch (DataAccessException e) {
            log.warn("Alert escalation waits for the store: {}", e.toString());
        }
    }

    /** Escalates what fell due; returns how many records changed. */
    int fire() {
        int total = 0;
        int changed;
        int rounds = 0;
        do {
            changed = handling.escalateDue(BATCH);
            total += changed;
        } while (changed == BATCH && ++rounds < MAX_ROUNDS);
        return total;
    }
}

package io.servicequality.reporting.risk;

import io.servicequality.contracts.RiskGradeChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Publishes the grade changes in the assessment documents' outboxes to {@link Topics#RISK_GRADES}: right after the
 * assessment that made them, and in a periodic sweep (run by {@link RiskMonitor}) for what was not acknowledged
 * (Kafka away, a crash). A relay
 * first claims a document (so two instances do not both publish it), records its changes in the history, publishes
 * them in order through platform-kafka's {@link OutboxRelay} and forgets them once the broker acknowledged all. At
 * least once on the wire with stable event ids (a crash between the acknowledgement and the forgetting sends them
 * again): consumers drop a copy by {@code eventId}.
 */
@Component
class RiskGradeRelay {

    private final RiskRegister register;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration claimTimeout;

    RiskGradeRelay(RiskRegister register, OutboxRelay relay, Clock clock, RiskProperties properties) {
        this.register = register;
        this.relay = relay;
        this.clock = clock;
        this.claimTimeout = properties.relayClaimTimeout();
    }

    /** Publishes the branch's pending grade changes, unless another relay holds them. */
    void publish(String tenantId, String branchId) {
        publishDocument(BranchRisk.idOf(tenantId, branchId));
    }

    /** Publishes every outbox no relay holds (the monitor's sweep, every {@code sqp.risk.relay-interval}). */
    void publishUnacknowledged() {
        register.withPendingChanges().forEach(this::publishDocument);
    }

    private void publishDocument(String id) {
        Instant now = clock.instant();
        register.claim(id, UUID.randomUUID().toString(), now, now.plus(claimTimeout))
                .ifPresent(claimed -> {
                    register.remember(claimed);
                    List<RiskGradeChanged> events = claimed.outbox().stream()
                            .map(change -> change.toEvent(claimed.tenantId(), claimed.branchId()))
                            .toList();
                    boolean acknowledged = relay.publish(Topics.RISK_GRADES, Map.of(id, events))
                            .failed()
                            .isEmpty();
                    register.published(claimed, acknowledged);
                });
    }
}

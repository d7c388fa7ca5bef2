package io.servicequality.scoring.quality;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.AlertWindow;
import io.servicequality.contracts.AlertEvent.RuleKind;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the hour history and evaluates the rules of every branch an update touched. A transition happens only from
 * the opposite state (raise when inactive, clear when active), so an episode is raised once and cleared once, however
 * often the same verdict repeats.
 */
@Service
class Alerting {

    private static final Logger log = LoggerFactory.getLogger(Alerting.class);

    private final MetricHistory history;
    private final AlertRules rules;
    private final AlertStates states;
    private final JsonMapper json;
    private final Clock clock;

    Alerting(MetricHistory history, AlertRules rules, AlertStates states, JsonMapper json, Clock clock) {
        this.history = history;
        this.rules = rules;
        this.states = states;
        this.json = json;
        this.clock = clock;
    }

    /** Applies the hour updates, then evaluates each touched branch once. */
    void onUpdates(List<MetricUpdated> updates) {
        Set<List<String>> touched = new LinkedHashSet<>();
        for (MetricUpdated update : updates) {
            if (update.granularity() == Granularity.HOUR && history.apply(update)) {
                touched.add(List.of(update.tenantId(), update.branchId()));
            }
        }
        touched.forEach(branch -> evaluate(branch.get(0), branch.get(1)));
    }

    void evaluate(String tenantId, String branchId) {
        List<AlertRule> applicable = rules.all(tenantId).stream()
                .filter(rule -> rule.appliesTo(branchId))
                .toList();
        if (applicable.isEmpty()) {
            return;
        }
        Optional<Instant> latest = history.latestHour(tenantId, branchId);
        if (latest.isEmpty()) {
            return;
        }
        Instant windowTo = latest.get().plus(Duration.ofHours(1));
        for (AlertRule rule : applicable) {
            Instant from = windowTo.minus(rule.window())
                    .minus(rule.kind() == RuleKind.THRESHOLD ? Duration.ZERO : rule.baselineWindow());
            List<AlertEvaluation.Hour> hours = history.between(tenantId, branchId, from, windowTo).stream()
                    .map(hour -> new AlertEvaluation.Hour(hour.bucketStart(), hour.statistics()))
                    .toList();
            AlertEvaluation.Verdict verdict = AlertEvaluation.evaluate(rule, hours, windowTo);
            if (verdict != null) {
                transition(rule, branchId, verdict);
            }
        }
    }

    private void transition(AlertRule rule, String branchId, AlertEvaluation.Verdict verdict) {
        Optional<AlertState> state = states.find(rule.id(), branchId);
        boolean active = state.map(AlertState::active).orElse(false);
        Instant now = clock.instant();
        if (verdict.raise() && !active) {
            String alertId = rule.id() + ":" + branchId + ":" + verdict.windowTo();
            AlertRaised raised = new AlertRaised(
                    eventIdOf(alertId, "raised"),
                    rule.tenantId(),
                    branchId,
                    now,
                    AlertRaised.SCHEMA_VERSION,
                    alertId,
                    rule.id(),
                    rule.kind(),
                    new AlertScope(AlertScope.Level.BRANCH, branchId),
                    rule.metric().publicName(),
                    verdict.observed(),
                    rule.kind() == RuleKind.THRESHOLD ? rule.threshold() : null,
                    verdict.baseline(),
                    verdict.n(),
                    rule.severity(),
                    new AlertWindow(verdict.windowFrom(), verdict.windowTo()));
            if (states.raise(
                    rule, branchId, alertId, json.writerFor(AlertEvent.class).writeValueAsString(raised), now)) {
                log.info("alert raised: {} observed {} (n {})", alertId, verdict.observed(), verdict.n());
            }
        } else if (verdict.clear() && active) {
            String alertId = state.get().alertId();
            AlertCleared cleared = new AlertCleared(
                    eventIdOf(alertId, "cleared"),
                    rule.tenantId(),
                    branchId,
                    now,
                    AlertCleared.SCHEMA_VERSION,
                    alertId,
                    rule.id(),
                    rule.kind(),
                    new AlertScope(AlertScope.Level.BRANCH, branchId),
                    rule.metric().publicName(),
                    verdict.observed(),
                    rule.kind() == RuleKind.THRESHOLD ? rule.threshold() : null,
                    verdict.baseline(),
                    verdict.n(),
                    rule.severity(),
                    new AlertWindow(verdict.windowFrom(), verdict.windowTo()));
            if (states.clear(
                    rule.id(),
                    branchId,
                    alertId,
                    json.writerFor(AlertEvent.class).writeValueAsString(cleared),
                    now)) {
                log.info("alert cleared: {} observed {} (n {})", alertId, verdict.observed(), verdict.n());
            }
        }
    }

    private static UUID eventIdOf(String alertId, String transition) {
        return UUID.nameUUIDFromBytes((alertId + "|" + transition).getBytes(StandardCharsets.UTF_8));
    }
}

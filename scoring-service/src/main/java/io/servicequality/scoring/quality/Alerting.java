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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private final BranchRegions regions;
    private final AlertRules rules;
    private final AlertStates states;
    private final JsonMapper json;
    private final Clock clock;

    Alerting(
            MetricHistory history,
            BranchRegions regions,
            AlertRules rules,
            AlertStates states,
            JsonMapper json,
            Clock clock) {
        this.history = history;
        this.regions = regions;
        this.rules = rules;
        this.states = states;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Applies the hour updates, then evaluates each touched branch once, and once each region (by the branch
     * directory) and tenant they belong to, on the statistics merged over its branches. A tenant's rules are read once
     * per batch, and the regions of its touched branches in one query, only when a region rule exists: a tenant
     * without rules costs no read at all.
     */
    void onUpdates(List<MetricUpdated> updates) {
        Set<List<String>> touched = history.applyAll(updates.stream()
                .filter(update -> update.granularity() == Granularity.HOUR)
                .toList());
        Map<String, List<String>> branchesByTenant = new LinkedHashMap<>();
        for (List<String> branch : touched) {
            branchesByTenant
                    .computeIfAbsent(branch.get(0), tenant -> new ArrayList<>())
                    .add(branch.get(1));
        }
        branchesByTenant.forEach((tenantId, branches) -> {
            List<AlertRule> tenantRules = rules.all(tenantId);
            if (tenantRules.isEmpty()) {
                return;
            }
            Set<AlertScope> scopes = new LinkedHashSet<>();
            boolean regionRules = tenantRules.stream().anyMatch(rule -> rule.scope() == AlertScope.Level.REGION);
            Map<String, String> regionOf = regionRules ? regions.regionsOf(tenantId, branches) : Map.of();
            for (String branchId : branches) {
                evaluate(tenantRules, tenantId, branchId);
                String region = regionOf.get(branchId);
                if (region != null) {
                    scopes.add(new AlertScope(AlertScope.Level.REGION, region));
                }
            }
            scopes.add(new AlertScope(AlertScope.Level.TENANT, tenantId));
            scopes.forEach(scope -> evaluate(tenantRules, tenantId, scope));
        });
    }

    private void evaluate(List<AlertRule> tenantRules, String tenantId, String branchId) {
        List<AlertRule> applicable =
                tenantRules.stream().filter(rule -> rule.appliesTo(branchId)).toList();
        if (applicable.isEmpty()) {
            return;
        }
        Optional<Instant> latest = history.latestHour(tenantId, branchId);
        if (latest.isEmpty()) {
            return;
        }
        Instant windowTo = latest.get().plus(Duration.ofHours(1));
        AlertScope scope = new AlertScope(AlertScope.Level.BRANCH, branchId);
        for (AlertRule rule : applicable) {
            List<AlertEvaluation.Hour> hours =
                    history.between(tenantId, branchId, fromOf(rule, windowTo), windowTo).stream()
                            .map(hour -> new AlertEvaluation.Hour(hour.bucketStart(), hour.statistics()))
                            .toList();
            AlertEvaluation.Verdict verdict = AlertEvaluation.evaluate(rule, hours, windowTo);
            if (verdict != null) {
                transition(rule, branchId, scope, verdict);
            }
        }
    }

    /** A region or tenant: the rules of that scope over the hours merged across its branches. */
    private void evaluate(List<AlertRule> tenantRules, String tenantId, AlertScope scope) {
        List<AlertRule> applicable =
                tenantRules.stream().filter(rule -> rule.appliesTo(scope)).toList();
        if (applicable.isEmpty()) {
            return;
        }
        List<String> branches = scope.level() == AlertScope.Level.REGION
                ? regions.branchesIn(tenantId, scope.id())
                : history.branchesWithHours(tenantId);
        Optional<Instant> latest =
                history.latestHours(tenantId, branches).values().stream().max(Comparator.naturalOrder());
        if (latest.isEmpty()) {
            return;
        }
        Instant windowTo = latest.get().plus(Duration.ofHours(1));
        for (AlertRule rule : applicable) {
            List<AlertEvaluation.Hour> hours =
                    history.mergedHours(tenantId, branches, fromOf(rule, windowTo), windowTo).stream()
                            .map(hour -> new AlertEvaluation.Hour(hour.bucketStart(), hour.statistics()))
                            .toList();
            AlertEvaluation.Verdict verdict = AlertEvaluation.evaluate(rule, hours, windowTo);
            if (verdict != null) {
                transition(rule, null, scope, verdict);
            }
        }
    }

    private static Instant fromOf(AlertRule rule, Instant windowTo) {
        return windowTo.minus(rule.window())
                .minus(rule.kind() == RuleKind.THRESHOLD ? Duration.ZERO : rule.baselineWindow());
    }

    /** The key of an episode's subject: the branch id, or {@code REGION:<id>} / {@code TENANT:<id>}. */
    private static String subjectOf(AlertScope scope) {
        return scope.level() == AlertScope.Level.BRANCH ? scope.id() : scope.level() + ":" + scope.id();
    }

    private void transition(AlertRule rule, String branchId, AlertScope scope, AlertEvaluation.Verdict verdict) {
        String subject = subjectOf(scope);
        Optional<AlertState> state = states.find(rule.id(), subject);
        boolean active = state.map(AlertState::active).orElse(false);
        Instant now = clock.instant();
        if (verdict.raise() && !active) {
            String alertId = rule.id() + ":" + subject + ":" + verdict.windowTo();
            AlertRaised raised = new AlertRaised(
                    eventIdOf(alertId, "raised"),
                    rule.tenantId(),
                    branchId,
                    now,
                    AlertRaised.SCHEMA_VERSION,
                    alertId,
                    rule.id(),
                    rule.kind(),
                    scope,
                    rule.metric().publicName(),
                    verdict.observed(),
                    rule.kind() == RuleKind.THRESHOLD ? rule.threshold() : null,
                    verdict.baseline(),
                    verdict.n(),
                    rule.severity(),
                    new AlertWindow(verdict.windowFrom(), verdict.windowTo()));
            if (states.raise(
                    rule,
                    subject,
                    branchId,
                    alertId,
                    json.writerFor(AlertEvent.class).writeValueAsString(raised),
                    now)) {
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
                    scope,
                    rule.metric().publicName(),
                    verdict.observed(),
                    rule.kind() == RuleKind.THRESHOLD ? rule.threshold() : null,
                    verdict.baseline(),
                    verdict.n(),
                    rule.severity(),
                    new AlertWindow(verdict.windowFrom(), verdict.windowTo()));
            if (states.clear(
                    rule.id(),
                    subject,
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

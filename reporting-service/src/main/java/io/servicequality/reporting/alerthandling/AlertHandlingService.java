package io.servicequality.reporting.alerthandling;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertHandlingChanged.HandlingStatus;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.reporting.alert.AlertFilter;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.security.TenantGate;
import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Opens a handling record per raised alert, marks it cleared, moves it through acknowledge / assign / link / resolve
 * for the caller, and escalates what nobody acknowledged. Every change is one optimistic-locked write of the record,
 * after which its changes go to the {@link HandlingEventRelay}.
 *
 * <p>Requests act for the caller: a record is read through the caller's scope (its tenant; for a branch-bound caller
 * its branches, the region alerts of its regions and the tenant alerts — as the alert list shows them), so one outside
 * it is not found (404). Changing it also needs a role that handles alerts (the endpoint rules) and, for a
 * branch-bound caller, an alert of one of its own branches: region and tenant alerts are handled by callers that are
 * not bound to branches (403 otherwise).
 */
@Service
class AlertHandlingService {

    private static final Logger log = LoggerFactory.getLogger(AlertHandlingService.class);

    private final AlertHandlings handlings;
    private final HandlingEventRelay relay;
    private final AlertHandlingProperties properties;
    private final Scopes scopes;
    private final TenantGate tenants;
    private final Clock clock;

    AlertHandlingService(
            AlertHandlings handlings,
            HandlingEventRelay relay,
            AlertHandlingProperties properties,
            Scopes scopes,
            TenantGate tenants,
            Clock clock) {
        this.handlings = handlings;
        this.relay = relay;
        this.properties = properties;
        this.scopes = scopes;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Opens the episode's handling record; a redelivered raise finds it there and changes nothing. */
    void opened(AlertRaised raised) {
        try {
            handlings.insert(AlertHandling.opened(raised, properties.escalateAfter(raised.severity())));
        } catch (DuplicateKeyException alreadyOpen) {
            // a redelivery: opened once
        }
    }

    /** Marks the episode cleared (escalation stops); nothing when it has no record or is marked already. */
    void cleared(AlertCleared cleared) {
        String id = AlertHandling.idOf(cleared.tenantId(), cleared.alertId());
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            AlertHandling handling = handlings.findById(id).orElse(null);
            if (handling == null) {
                log.debug("alert {} cleared without a handling record (raised before handling existed)", id);
                return;
            }
            if (!handling.cleared(cleared, properties.escalateAfter(handling.severity()))) {
                return;
            }
            try {
                handlings.save(handling);
                relay.publishSoon(id);
                return;
            } catch (OptimisticLockingFailureException changed) {
                log.debug("alert handling {} changed concurrently (attempt {}), retrying", id, attempt);
            }
        }
        throw new OptimisticLockingFailureException("alert handling " + id + " kept changing; the delivery is retried");
    }

    /** The record of the caller's tenant, if the caller may see the alert (404 otherwise). */
    AlertHandling get(String alertId) {
        Scope scope = scopes.resolve(null, null, null);
        AlertFilter visible = AlertFilter.of(scope.branchIds(), scopes.regionsOf(scope));
        return handlings
                .find(scopes.tenantId(), alertId)
                .filter(handling -> visible.passes(handling.branchId(), handling.scopeLevel(), handling.scopeId()))
                .orElseThrow(() -> Problems.notFound("No alert " + alertId + " is visible to the caller."));
    }

    /**
     * The records the caller may see in a branch, a region or its whole scope, filtered, newest raised first.
     *
     * @param unassigned {@code true}: only unassigned ones; {@code false}: only assigned ones
     */
    List<AlertHandling> list(
            String branchId, String regionId, HandlingStatus status, String assignee, Boolean unassigned, int limit) {
        Scope scope = scopes.resolve(branchId, regionId, null);
        AlertFilter filter = AlertFilter.of(scope.branchIds(), scopes.regionsOf(scope));
        return handlings.list(filter.criteria(scopes.tenantId()), status, assignee, unassigned, limit);
    }

    /**
     * Applies a handling command to the newest stored state and writes it under the optimistic lock; a write that
     * loses to a concurrent one (another request, the escalation timer, the relay's bookkeeping) is retried on the new
     * state, where the command is checked again. With {@code expectedRevision} (the {@code If-Match} the caller read),
     * a record changed by anyone since is refused with 412 instead.
     */
    AlertHandling act(String alertId, Long expectedRevision, Command command) {
        String actor = scopes.actor();
        Set<String> handledBranches = handledBranches();
        return apply(
                () -> {
                    AlertHandling handling = get(alertId);
                    requireMayHandle(handling, handledBranches);
                    return handling;
                },
                expectedRevision,
                actor,
                command);
    }

    /**
     * Escalates the alerts of every served tenant whose escalation fell due by now, each under its optimistic lock:
     * an instance that loses the race to another re-reads the record, finds the level already reached and does
     * nothing, so each level is recorded (and published) once.
     *
     * @return how many records this call escalated or rescheduled
     */
    int escalateDue(int limit) {
        Instant now = clock.instant();
        int changed = 0;
        for (String id : handlings.dueForEscalation(tenants.knownTenants(), now, limit)) {
            if (escalate(id, now)) {
                changed++;
            }
        }
        return changed;
    }

    private boolean escalate(String id, Instant now) {
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            AlertHandling handling = handlings.findById(id).orElse(null);
            if (handling == null || !handling.fireDueEscalations(now, escalateAfter(handling))) {
                return false;
            }
            try {
                handlings.save(handling);
                relay.publishSoon(id);
                return true;
            } catch (OptimisticLockingFailureException changed) {
                log.debug("alert handling {} changed while escalating (attempt {}), looking again", id, attempt);
            }
        }
        return false; // it keeps changing: the next tick looks again
    }

    private AlertHandling apply(Supplier<AlertHandling> load, Long expectedRevision, String actor, Command command) {
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            AlertHandling handling = load.get();
            if (expectedRevision != null && handling.revision() != expectedRevision) {
                throw Problems.of(
                        HttpStatus.PRECONDITION_FAILED,
                        ProblemTypes.PRECONDITION_FAILED,
                        "Precondition failed",
                        "The alert's handling changed since revision " + expectedRevision + "; it is at revision "
                                + handling.revision());
            }
            command.apply(handling, new Action(clock.instant(), actor, escalateAfter(handling)));
            try {
                AlertHandling saved = handlings.save(handling);
                relay.publishSoon(saved.id());
                return saved;
            } catch (OptimisticLockingFailureException changed) {
                log.debug("alert handling {} changed concurrently (attempt {}), retrying", handling.id(), attempt);
            }
        }
        throw Problems.of(
                HttpStatus.CONFLICT,
                ProblemTypes.CONCURRENT_MODIFICATION,
                "Concurrent modification",
                "The alert's handling kept changing while this change was applied; nothing was changed, please retry");
    }

    /** The branches a branch-bound caller handles alerts of; {@code null}: every alert it sees. */
    private Set<String> handledBranches() {
        Scope own = scopes.resolve(null, null, null);
        return own.branchIds() == null ? null : Set.copyOf(own.branchIds());
    }

    private static void requireMayHandle(AlertHandling handling, Set<String> handledBranches) {
        if (handledBranches == null) {
            return;
        }
        boolean ownBranchAlert = AlertScope.Level.BRANCH.name().equals(handling.scopeLevel())
                && handledBranches.contains(handling.branchId());
        if (!ownBranchAlert) {
            throw new AccessDeniedException("A caller bound to branches handles only the alerts of its own branches;"
                    + " region and tenant alerts are handled by quality managers and administrators.");
        }
    }

    private Duration escalateAfter(AlertHandling handling) {
        return properties.escalateAfter(handling.severity());
    }

    /** What a handling command acts with: when, who, and the alert's escalation step. */
    record Action(Instant now, String actor, Duration escalateAfter) {}

    /** One handling command, applied to the record's newest state. */
    @FunctionalInterface
    interface Command {
        void apply(AlertHandling handling, Action action);
    }
}

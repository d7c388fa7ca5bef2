package io.servicequality.reporting.alerthandling;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertEvent.Severity;
import io.servicequality.contracts.AlertHandlingChanged;
import io.servicequality.contracts.AlertHandlingChanged.HandlingEventType;
import io.servicequality.contracts.AlertHandlingChanged.HandlingStatus;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.web.problem.Problems;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The handling of one alert episode: {@code OPEN} when raised, {@code ACKNOWLEDGED} once someone took it up,
 * {@code RESOLVED} with a note saying what was done; who it is assigned to, the corrective actions it is linked to, how
 * far it escalated, and the history of all of it.
 *
 * <p>Every transition guards its precondition ({@link InvalidHandlingTransitionException}, 409), appends to the
 * history and records its {@link AlertHandlingChanged} in {@link #outbox}, a list on this same document, so that the
 * change, its history line and the event to publish are one atomic write; {@link HandlingEventRelay} publishes them.
 * Writes go through the {@code @Version} optimistic lock, so of two concurrent writers (two requests, or two instances'
 * escalation timers) only one wins and the other retries on the new state, where the precondition is checked again:
 * an escalation is recorded, and so published, once. {@link #revision} counts the handling changes only (not the
 * relay's bookkeeping) and is what clients send back in {@code If-Match}.
 *
 * <p>Escalation: while the alert is {@code OPEN} and still active (not cleared), level k falls due k escalation steps
 * (per severity) after it was raised, up to {@link EscalationLevel#TOP}. Acknowledging stops it; so does the alert
 * clearing (nothing acute is left to escalate, though the alert stays open for handling until someone resolves it).
 * Every transition first fires the escalations that fell due before it, so the history stays in time order.
 */
@Document(AlertHandling.COLLECTION)
@CompoundIndexes({
    @CompoundIndex(name = "escalation_due", def = "{'nextEscalationAt': 1}"),
    @CompoundIndex(name = "by_status", def = "{'tenantId': 1, 'status': 1, 'raisedAt': -1}"),
    @CompoundIndex(name = "by_assignee", def = "{'tenantId': 1, 'assignee': 1, 'raisedAt': -1}")
})
class AlertHandling {

    static final String COLLECTION = "alertHandling";

    /** Who escalates an alert nobody acknowledged. */
    static final String ESCALATION_ACTOR = "escalation-timer";

    /** Who raises and clears alerts. */
    static final String ALERTING_ACTOR = "scoring-service";

    /** The most corrective actions one alert is linked to. */
    static final int MAX_LINKED_ACTIONS = 20;

    @Id
    private String id;

    private String tenantId;
    private String branchId;
    private String alertId;
    private String ruleId;
    private String scopeLevel;
    private String scopeId;
    private String metric;
    private Severity severity;
    private Instant raisedAt;
    private Instant clearedAt;
    private HandlingStatus status;
    private String assignee;
    private List<String> correctiveActionIds;
    private Instant acknowledgedAt;
    private String acknowledgedBy;
    private Instant resolvedAt;
    private String resolvedBy;
    private String resolutionNote;
    private int escalationLevel;
    private Instant nextEscalationAt;
    private long revision;
    private List<HistoryEntry> history;
    private List<AlertHandlingChanged> outbox;

    // the relay's claim on the outbox (see HandlingOutbox), carried through whole-document writes untouched
    private Instant outboxClaimedUntil;
    private String outboxClaimToken;

    @Version
    private Long version;

    @PersistenceCreator
    private AlertHandling() {}

    /** The document id: alert ids are unique per tenant. */
    static String idOf(String tenantId, String alertId) {
        return tenantId + "|" + alertId;
    }

    /**
     * Opens the handling of a raised alert; it escalates {@code escalateAfter} after {@code raised.occurredAt()} unless
     * acknowledged.
     */
    static AlertHandling opened(AlertRaised raised, Duration escalateAfter) {
        AlertHandling handling = new AlertHandling();
        handling.id = idOf(raised.tenantId(), raised.alertId());
        handling.tenantId = raised.tenantId();
        handling.branchId = raised.branchId();
        handling.alertId = raised.alertId();
        handling.ruleId = raised.ruleId();
        if (raised.scope() != null) {
            handling.scopeLevel = raised.scope().level().name();
            handling.scopeId = raised.scope().id();
        } else {
            // alerts of the first schema carried no scope: they were about their branch
            handling.scopeLevel = AlertScope.Level.BRANCH.name();
            handling.scopeId = raised.branchId();
        }
        handling.metric = raised.metric();
        handling.severity = raised.severity();
        handling.raisedAt = millis(raised.occurredAt());
        handling.status = HandlingStatus.OPEN;
        handling.correctiveActionIds = new ArrayList<>();
        handling.history = new ArrayList<>();
        handling.outbox = new ArrayList<>();
        handling.history.add(
                new HistoryEntry(handling.raisedAt, "RAISED", ALERTING_ACTOR, raisedNote(raised), null, null, null));
        handling.nextEscalationAt = handling.escalationDue(escalateAfter);
        return handling;
    }

    /**
     * The alert cleared: escalations that fell due before it are fired, then escalation stops; the handling stays as
     * it is (open alerts wait to be resolved).
     *
     * @return whether anything changed (false for a repeated clear)
     */
    boolean cleared(AlertCleared cleared, Duration escalateAfter) {
        if (clearedAt != null) {
            return false;
        }
        Instant at = millis(cleared.occurredAt());
        fireDueEscalations(at, escalateAfter);
        revision++;
        clearedAt = at;
        nextEscalationAt = null;
        history.add(new HistoryEntry(at, "CLEARED", ALERTING_ACTOR, null, null, null, null));
        return true;
    }

    /** Someone took the alert up: escalation stops. */
    void acknowledge(Instant now, String actor, String note, Duration escalateAfter) {
        Instant at = begin(now, escalateAfter);
        require("acknowledge", Set.of(HandlingStatus.OPEN), null);
        acknowledgeAt(at, actor, note);
    }

    /** Makes {@code assignee} responsible; an alert still {@code OPEN} is acknowledged by the same actor first. */
    void assign(Instant now, String actor, String assignee, Duration escalateAfter) {
        Instant at = begin(now, escalateAfter);
        require("assign", Set.of(HandlingStatus.OPEN, HandlingStatus.ACKNOWLEDGED), null);
        if (status == HandlingStatus.OPEN) {
            acknowledgeAt(at, actor, null);
        }
        this.assignee = assignee;
        record(HandlingEventType.ASSIGNED, at, actor, null, null);
    }

    /**
     * Links a corrective action (complaint-service's, by id); an alert still {@code OPEN} is acknowledged by the same
     * actor first. A corrective action is linked once; at most {@link #MAX_LINKED_ACTIONS}.
     */
    void linkToAction(Instant now, String actor, String correctiveActionId, Duration escalateAfter) {
        Instant at = begin(now, escalateAfter);
        require("link", Set.of(HandlingStatus.OPEN, HandlingStatus.ACKNOWLEDGED), null);
        if (correctiveActionIds.contains(correctiveActionId)) {
            throw Problems.conflict("correctiveActionId", "is already linked to this alert");
        }
        if (correctiveActionIds.size() >= MAX_LINKED_ACTIONS) {
            throw Problems.conflict(
                    "correctiveActionId",
                    "an alert is linked to at most " + MAX_LINKED_ACTIONS + " corrective actions");
        }
        if (status == HandlingStatus.OPEN) {
            acknowledgeAt(at, actor, null);
        }
        correctiveActionIds.add(correctiveActionId);
        record(HandlingEventType.LINKED_TO_ACTION, at, actor, null, correctiveActionId);
    }

    /** Done, with a note saying what was done; only once acknowledged (so the time to acknowledge is known). */
    void resolve(Instant now, String actor, String note, Duration escalateAfter) {
        Instant at = begin(now, escalateAfter);
        require("resolve", Set.of(HandlingStatus.ACKNOWLEDGED), "acknowledge it first");
        status = HandlingStatus.RESOLVED;
        resolvedAt = at;
        resolvedBy = actor;
        resolutionNote = note;
        record(HandlingEventType.RESOLVED, at, actor, note, null);
    }

    /**
     * Escalates one level for every escalation step that passed by {@code now} while the alert stayed unacknowledged
     * and active, each at its own due instant, up to the top; and schedules the next one.
     *
     * @return whether the handling changed (it must then be saved)
     */
    boolean fireDueEscalations(Instant now, Duration escalateAfter) {
        Instant due = escalationDue(escalateAfter);
        boolean fired = false;
        while (due != null && !due.isAfter(now)) {
            if (!fired) {
                revision++;
                fired = true;
            }
            escalationLevel++;
            record(
                    HandlingEventType.ESCALATED,
                    due,
                    ESCALATION_ACTOR,
                    "not acknowledged within " + minutes(escalateAfter.multipliedBy(escalationLevel)) + " minutes",
                    null);
            due = escalationDue(escalateAfter);
        }
        boolean rescheduled = due == null ? nextEscalationAt != null : !due.equals(nextEscalationAt);
        nextEscalationAt = due;
        return fired || rescheduled;
    }

    /** When the next escalation falls due; {@code null} when none will. */
    private Instant escalationDue(Duration escalateAfter) {
        if (status != HandlingStatus.OPEN || clearedAt != null || escalationLevel >= EscalationLevel.TOP) {
            return null;
        }
        return raisedAt.plus(escalateAfter.multipliedBy(escalationLevel + 1L));
    }

    /** Starts a command: first fires the escalations that fell due before it, so history stays in time order. */
    private Instant begin(Instant now, Duration escalateAfter) {
        Instant at = millis(now);
        fireDueEscalations(at, escalateAfter);
        return at;
    }

    /** Guards a transition; once it passes, the handling is about to change. */
    private void require(String action, Set<HandlingStatus> allowed, String hint) {
        if (!allowed.contains(status)) {
            throw new InvalidHandlingTransitionException(action, status, hint);
        }
        revision++;
    }

    private void acknowledgeAt(Instant at, String actor, String note) {
        status = HandlingStatus.ACKNOWLEDGED;
        acknowledgedAt = at;
        acknowledgedBy = actor;
        nextEscalationAt = null;
        record(HandlingEventType.ACKNOWLEDGED, at, actor, note, null);
    }

    private void record(
            HandlingEventType type, Instant occurredAt, String actor, String note, String correctiveActionId) {
        history.add(new HistoryEntry(
                occurredAt,
                type.name(),
                actor,
                note,
                type == HandlingEventType.ASSIGNED ? assignee : null,
                correctiveActionId,
                type == HandlingEventType.ESCALATED ? escalationLevel : null));
        outbox.add(new AlertHandlingChanged(
                UUID.randomUUID(),
                tenantId,
                branchId,
                occurredAt,
                AlertHandlingChanged.SCHEMA_VERSION,
                alertId,
                type,
                actor,
                assignee,
                correctiveActionId,
                note,
                escalationLevel,
                metric,
                severity,
                scope(),
                ruleId,
                status));
    }

    private static String raisedNote(AlertRaised raised) {
        StringBuilder note = new StringBuilder(String.valueOf(raised.metric()))
                .append(" observed ")
                .append(raised.observedValue());
        if (raised.threshold() != null) {
            note.append(", threshold ").append(raised.threshold());
        }
        if (raised.baseline() != null) {
            note.append(", baseline ").append(raised.baseline());
        }
        return note.append(", n ").append(raised.n()).toString();
    }

    private static long minutes(Duration duration) {
        return duration.toMinutes();
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Changes recorded but not yet acknowledged by Kafka, oldest first. */
    List<AlertHandlingChanged> pendingEvents() {
        return List.copyOf(outbox);
    }

    /** Until when a relay holds the pending events; {@code null} when none does. */
    Instant outboxClaimedUntil() {
        return outboxClaimedUntil;
    }

    /** The optimistic lock's version as stored ({@code null} before the first insert). */
    Long version() {
        return version;
    }

    String id() {
        return id;
    }

    String tenantId() {
        return tenantId;
    }

    String branchId() {
        return branchId;
    }

    String alertId() {
        return alertId;
    }

    String ruleId() {
        return ruleId;
    }

    String scopeLevel() {
        return scopeLevel;
    }

    String scopeId() {
        return scopeId;
    }

    AlertScope scope() {
        return scopeLevel == null ? null : new AlertScope(AlertScope.Level.valueOf(scopeLevel), scopeId);
    }

    String metric() {
        return metric;
    }

    Severity severity() {
        return severity;
    }

    Instant raisedAt() {
        return raisedAt;
    }

    Instant clearedAt() {
        return clearedAt;
    }

    HandlingStatus status() {
        return status;
    }

    String assignee() {
        return assignee;
    }

    List<String> correctiveActionIds() {
        return List.copyOf(correctiveActionIds);
    }

    Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    String acknowledgedBy() {
        return acknowledgedBy;
    }

    Instant resolvedAt() {
        return resolvedAt;
    }

    String resolvedBy() {
        return resolvedBy;
    }

    String resolutionNote() {
        return resolutionNote;
    }

    EscalationLevel escalationLevel() {
        return EscalationLevel.of(escalationLevel);
    }

    Instant nextEscalationAt() {
        return nextEscalationAt;
    }

    long revision() {
        return revision;
    }

    List<HistoryEntry> history() {
        return List.copyOf(history);
    }
}

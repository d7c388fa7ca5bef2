package io.servicequality.complaint.lifecycle;

import io.servicequality.complaint.calendar.BusinessCalendar;
import io.servicequality.complaint.sla.SlaTargets.Targets;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.contracts.ComplaintChanged.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The complaint aggregate: its lifecycle (SPEC §5), its SLA clock and the history of what happened to it.
 *
 * <p>Every transition guards its precondition (otherwise {@link InvalidTransitionException}, 409), appends to the
 * history and records its {@link ComplaintChanged} event in {@link #outbox}, a list on this same document, so the
 * state change, the history and the event to publish are one atomic write; {@link ComplaintEventRelay} publishes them. Writes
 * go through the {@code @Version} optimistic lock, so of two concurrent writers only one wins. {@link #revision}
 * counts the business changes only (not the relay's bookkeeping) and is what clients send back in {@code If-Match}.
 *
 * <p>The SLA clock is the list of {@link ClockRun}s: it runs from opening, stops while {@code ON_HOLD} and once
 * {@code RESOLVED}, and runs again on resume and reopen. Due times are recomputed from the runs, the branch's
 * business calendar and the tenant's targets after every change, and {@link #fireDueTimers} announces each warning
 * and breach exactly once: the flag saying it was announced is written with its event in one update.
 */
@Document(Complaint.COLLECTION)
@CompoundIndexes({
    @CompoundIndex(
            name = "number_unique_per_branch_and_month",
            def = "{'tenantId': 1, 'branchId': 1, 'month': 1, 'serial': 1}",
            unique = true),
    @CompoundIndex(name = "due_timers", def = "{'tenantId': 1, 'nextTimerAt': 1}"),
    // the list's assignee filters ("assigned to me", "my queue" with the unassigned ones), newest first
    @CompoundIndex(name = "by_assignee", def = "{'tenantId': 1, 'assignee': 1, 'openedAt': -1}"),
    // the list's search by number (unique in practice: it is made of the unique numbering index's fields)
    @CompoundIndex(name = "by_number", def = "{'tenantId': 1, 'number': 1}")
})
class Complaint {

    static final String COLLECTION = "complaints";

    /** Who announces warnings and breaches and escalates on breach. */
    static final String SLA_TIMER_ACTOR = "sla-timer";

    /** Who closes a resolved complaint whose follow-up went unanswered. */
    static final String FOLLOW_UP_TIMER_ACTOR = "follow-up-timer";

    @Id
    private String id;

    private String tenantId;
    private String branchId;
    private String number;
    private String month;
    private int serial;
    private ComplaintStatus status;
    private ComplaintStatus statusBeforeHold;
    private ComplaintDetails details;
    private String assignee;
    private int escalationLevel;
    private Instant openedAt;
    private Instant recordedAt;
    private Instant acknowledgedAt;
    private Instant resolvedAt;
    private Instant closedAt;
    private String rootCause;
    private String correctiveAction;
    private Integer satisfaction;
    private Instant autoCloseAt;
    private List<ClockRun> clockRuns;
    private TargetClock firstResponse;
    private TargetClock resolution;
    private Instant firstResponseDueAt;
    private Instant resolutionDueAt;
    private Instant nextTimerAt;
    private long revision;
    private List<HistoryEntry> history;
    private List<ComplaintChanged> outbox;

    // the relay's claim on the outbox (see Outbox), carried through whole-document writes untouched
    private Instant outboxClaimedUntil;
    private String outboxClaimToken;

    @Version
    private Long version;

    @PersistenceCreator
    private Complaint() {}

    /**
     * Opens a complaint and records {@code OPENED}. Instants are kept to the millisecond, the store's precision, so
     * that the answer to the caller, the stored document and the event agree.
     *
     * @param openedAt when the customer complained; the SLA clock and the numbering month count from it
     * @param recordedAt when this service learnt of it
     * @param openedBy who opened it (the caller's subject: a staff member or an app's API key id)
     */
    static Complaint open(
            String id,
            String tenantId,
            String branchId,
            ComplaintNumber number,
            Instant openedAt,
            Instant recordedAt,
            String openedBy,
            ComplaintDetails details,
            SlaContext sla) {
        if (!number.month().equals(ComplaintNumber.monthOf(openedAt))) {
            throw new IllegalArgumentException("number " + number + " does not belong to the month of " + openedAt);
        }
        Complaint complaint = new Complaint();
        Instant opened = millis(openedAt);
        complaint.id = id;
        complaint.tenantId = tenantId;
        complaint.branchId = branchId;
        complaint.number = number.toString();
        complaint.month = number.month();
        complaint.serial = number.serial();
        complaint.status = ComplaintStatus.OPEN;
        complaint.details = details;
        complaint.openedAt = opened;
        complaint.recordedAt = millis(recordedAt);
        complaint.clockRuns = new ArrayList<>(List.of(new ClockRun(opened, null)));
        complaint.firstResponse = TargetClock.of(SlaTarget.FIRST_RESPONSE);
        complaint.resolution = TargetClock.of(SlaTarget.RESOLUTION);
        complaint.history = new ArrayList<>();
        complaint.outbox = new ArrayList<>();
        complaint.recompute(sla);
        complaint.record(ComplaintEventType.OPENED, opened, openedBy, null, Extras.NONE);
        return complaint;
    }

    /** First response: someone took the complaint up; may correct the severity (triage). */
    void acknowledge(Instant now, String actor, Severity severity, String note, SlaContext sla) {
        Instant at = begin(now);
        require("acknowledge", Set.of(ComplaintStatus.OPEN), null);
        boolean withinTarget = withinTarget(firstResponse, sla.calendar(), at);
        acknowledgedAt = at;
        firstResponse = firstResponse.completed(at);
        status = ComplaintStatus.ACKNOWLEDGED;
        if (severity != null) {
            details = details.withSeverity(severity);
        }
        recompute(sla);
        record(ComplaintEventType.ACKNOWLEDGED, at, actor, note, Extras.NONE.withinTarget(withinTarget));
    }

    void assign(Instant now, String actor, String assignee, String department, SlaContext sla) {
        Instant at = begin(now);
        require("assign", ComplaintStatus.IN_PROGRESS, "acknowledge it first");
        this.assignee = assignee;
        if (department != null) {
            details = details.withDepartment(department);
        }
        status = ComplaintStatus.ASSIGNED;
        recompute(sla);
        record(ComplaintEventType.ASSIGNED, at, actor, "to " + assignee, Extras.NONE);
    }

    /** Waiting for the customer: the SLA clock stops until {@link #resume}. */
    void hold(Instant now, String actor, String reason, SlaContext sla) {
        Instant at = begin(now);
        require("put on hold", ComplaintStatus.IN_PROGRESS, null);
        statusBeforeHold = status;
        status = ComplaintStatus.ON_HOLD;
        stopClock(at);
        recompute(sla);
        record(ComplaintEventType.ON_HOLD, at, actor, reason, Extras.NONE);
    }

    void resume(Instant now, String actor, String note, SlaContext sla) {
        Instant at = begin(now);
        require("resume", Set.of(ComplaintStatus.ON_HOLD), null);
        status = statusBeforeHold;
        statusBeforeHold = null;
        startClock(at);
        recompute(sla);
        record(ComplaintEventType.RESUMED, at, actor, note, Extras.NONE);
    }

    /** Climbs one rung of the escalation ladder; may raise the severity. */
    void escalate(Instant now, String actor, String reason, Severity severity, SlaContext sla) {
        Instant at = begin(now);
        if (escalationLevel >= EscalationLevel.TOP) {
            throw new InvalidTransitionException("escalate", status, "it already reached the quality director");
        }
        require("escalate", ComplaintStatus.ACTIVE, null);
        escalationLevel++;
        if (severity != null) {
            details = details.withSeverity(severity);
        }
        recompute(sla);
        record(ComplaintEventType.ESCALATED, at, actor, reason, Extras.NONE.escalationLevel(escalationLevel));
    }

    /**
     * Resolved with its root cause and corrective action; the clock stops. Unless the customer's follow-up comes
     * first, it closes by itself after {@code followUpWindow}.
     */
    void resolve(
            Instant now,
            String actor,
            String rootCause,
            String correctiveAction,
            Duration followUpWindow,
            SlaContext sla) {
        Instant at = begin(now);
        require("resolve", ComplaintStatus.IN_PROGRESS, "acknowledge it first");
        boolean withinTarget = withinTarget(resolution, sla.calendar(), at);
        Duration businessTime = ClockRun.elapsed(clockRuns, sla.calendar(), at);
        stopClock(at);
        resolution = resolution.completed(at);
        status = ComplaintStatus.RESOLVED;
        resolvedAt = at;
        this.rootCause = rootCause;
        this.correctiveAction = correctiveAction;
        autoCloseAt = at.plus(followUpWindow);
        recompute(sla);
        record(
                ComplaintEventType.RESOLVED,
                at,
                actor,
                null,
                Extras.NONE.withinTarget(withinTarget).businessMinutes(roundedMinutes(businessTime)));
    }

    /**
     * The customer's answer to the follow-up contact: satisfied ({@code satisfaction >= satisfiedFrom}) closes the
     * complaint, dissatisfied reopens it.
     */
    void followUp(Instant now, String actor, int satisfaction, String note, int satisfiedFrom, SlaContext sla) {
        Instant at = begin(now);
        require("follow up", Set.of(ComplaintStatus.RESOLVED), "resolve it first");
        this.satisfaction = satisfaction;
        record(ComplaintEventType.FOLLOWED_UP, at, actor, note, Extras.NONE.satisfaction(satisfaction));
        if (satisfaction >= satisfiedFrom) {
            closeAt(at, actor, null);
        } else {
            reopenAt(at, actor, "customer dissatisfied (" + satisfaction + "/5)");
        }
        recompute(sla);
    }

    void close(Instant now, String actor, String note, SlaContext sla) {
        Instant at = begin(now);
        require("close", Set.of(ComplaintStatus.RESOLVED), "resolve it first");
        closeAt(at, actor, note);
        recompute(sla);
    }

    void reopen(Instant now, String actor, String reason, SlaContext sla) {
        Instant at = begin(now);
        require("reopen", Set.of(ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED), null);
        reopenAt(at, actor, reason);
        recompute(sla);
    }

    /** The calendar or the targets changed: due times follow, announced warnings and breaches stay announced. */
    void recomputeDueTimes(Instant now, SlaContext sla) {
        revision++;
        recompute(sla);
        history.add(new HistoryEntry(millis(now), "DUE_TIMES_RECOMPUTED", "system", null));
    }

    /**
     * Announces every warning, breach (escalating one level each) and follow-up timeout that fell due by
     * {@code now}, each at its own instant and in order, and each only once.
     *
     * @return whether anything fell due (the complaint must then be saved)
     */
    boolean fireDueTimers(Instant now) {
        List<Firing> due = Stream.of(firstResponse, resolution)
                .filter(TargetClock::counting)
                .flatMap(clock -> Stream.of(
                        !clock.warned() && isDue(clock.warningAt(), now)
                                ? new Firing(clock.warningAt(), Firing.Kind.WARNING, clock.target())
                                : null,
                        !clock.breached() && isDue(clock.dueAt(), now)
                                ? new Firing(clock.dueAt(), Firing.Kind.BREACH, clock.target())
                                : null))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(Firing::at).thenComparing(Firing::kind))
                .toList();
        boolean autoClose = status == ComplaintStatus.RESOLVED && isDue(autoCloseAt, now);
        if (due.isEmpty() && !autoClose) {
            return false;
        }
        revision++;
        for (Firing firing : due) {
            if (firing.kind() == Firing.Kind.WARNING) {
                updateClock(firing.target(), clockOf(firing.target()).warn());
                record(ComplaintEventType.SLA_WARNING, firing.at(), SLA_TIMER_ACTOR, null, Extras.sla(firing.target()));
            } else {
                updateClock(firing.target(), clockOf(firing.target()).breach());
                boolean climbs = escalationLevel < EscalationLevel.TOP;
                if (climbs) {
                    escalationLevel++;
                }
                record(
                        ComplaintEventType.SLA_BREACHED,
                        firing.at(),
                        SLA_TIMER_ACTOR,
                        null,
                        Extras.sla(firing.target()).escalationLevel(escalationLevel));
                if (climbs) {
                    record(
                            ComplaintEventType.ESCALATED,
                            firing.at(),
                            SLA_TIMER_ACTOR,
                            "breach of " + firing.target(),
                            Extras.NONE.escalationLevel(escalationLevel));
                }
            }
        }
        if (autoClose) {
            Instant at = autoCloseAt;
            record(ComplaintEventType.FOLLOWED_UP, at, FOLLOW_UP_TIMER_ACTOR, "no answer", Extras.NONE);
            closeAt(at, FOLLOW_UP_TIMER_ACTOR, "follow-up unanswered");
        }
        nextTimerAt = nextTimer();
        return true;
    }

    /** Starts a command: first announces whatever fell due before it, so events stay in time order. */
    private Instant begin(Instant now) {
        Instant at = millis(now);
        fireDueTimers(at);
        return at;
    }

    /** Guards a transition; once it passes, the complaint is about to change. */
    private void require(String action, Set<ComplaintStatus> allowed, String hint) {
        if (!allowed.contains(status)) {
            throw new InvalidTransitionException(action, status, hint);
        }
        revision++;
    }

    private void closeAt(Instant at, String actor, String note) {
        status = ComplaintStatus.CLOSED;
        closedAt = at;
        autoCloseAt = null;
        record(ComplaintEventType.CLOSED, at, actor, note, Extras.NONE);
    }

    private void reopenAt(Instant at, String actor, String reason) {
        status = ComplaintStatus.REOPENED;
        closedAt = null;
        resolvedAt = null;
        autoCloseAt = null;
        resolution = resolution.completed(null);
        startClock(at);
        record(ComplaintEventType.REOPENED, at, actor, reason, Extras.NONE);
    }

    private boolean withinTarget(TargetClock clock, BusinessCalendar calendar, Instant at) {
        return ClockRun.elapsed(clockRuns, calendar, at).compareTo(clock.allowed()) <= 0;
    }

    private void stopClock(Instant at) {
        int last = clockRuns.size() - 1;
        clockRuns.set(last, new ClockRun(clockRuns.get(last).start(), at));
    }

    private void startClock(Instant at) {
        clockRuns.add(new ClockRun(at, null));
    }

    private void recompute(SlaContext sla) {
        Targets targets = sla.targets().apply(details.severity());
        firstResponse = firstResponse.recomputed(targets.firstResponse(), clockRuns, sla.calendar());
        resolution = resolution.recomputed(targets.resolution(), clockRuns, sla.calendar());
        firstResponseDueAt = firstResponse.dueAt();
        resolutionDueAt = resolution.dueAt();
        nextTimerAt = nextTimer();
    }

    private Instant nextTimer() {
        return Stream.of(
                        firstResponse.nextTimer(),
                        resolution.nextTimer(),
                        status == ComplaintStatus.RESOLVED ? autoCloseAt : null)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    private TargetClock clockOf(SlaTarget target) {
        return target == SlaTarget.FIRST_RESPONSE ? firstResponse : resolution;
    }

    private void updateClock(SlaTarget target, TargetClock clock) {
        if (target == SlaTarget.FIRST_RESPONSE) {
            firstResponse = clock;
        } else {
            resolution = clock;
        }
    }

    private void record(ComplaintEventType type, Instant occurredAt, String actor, String note, Extras extras) {
        history.add(new HistoryEntry(occurredAt, type.name(), actor, note));
        outbox.add(new ComplaintChanged(
                UUID.randomUUID(),
                tenantId,
                branchId,
                occurredAt,
                ComplaintChanged.SCHEMA_VERSION,
                id,
                number,
                type,
                details.channel(),
                details.category(),
                details.subcategory(),
                details.severity(),
                details.department(),
                firstResponseDueAt,
                resolutionDueAt,
                extras.slaTarget(),
                type == ComplaintEventType.RESOLVED ? rootCause : null,
                type == ComplaintEventType.RESOLVED ? correctiveAction : null,
                actor,
                extras.withinTarget(),
                extras.businessMinutes(),
                extras.satisfaction(),
                extras.escalationLevel(),
                assignee));
    }

    private static boolean isDue(Instant at, Instant now) {
        return at != null && !at.isAfter(now);
    }

    private static long roundedMinutes(Duration duration) {
        return (duration.toSeconds() + 30) / 60;
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Events recorded but not yet acknowledged by Kafka, oldest first. */
    List<ComplaintChanged> pendingEvents() {
        return List.copyOf(outbox);
    }

    /**
     * Gives the pending events to one relay until {@code until}: a new complaint's, claimed in the insert that records
     * them, so that the relay publishing them needs no claim of its own ({@link Outbox#claimNew}).
     */
    void claimOutbox(String token, Instant until) {
        if (version != null) {
            throw new IllegalStateException("only a complaint not yet stored is claimed with its insert");
        }
        outboxClaimToken = token;
        outboxClaimedUntil = until;
    }

    /** Until when a relay holds the pending events ({@link Outbox}); {@code null} when none does. */
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

    String number() {
        return number;
    }

    int serial() {
        return serial;
    }

    ComplaintStatus status() {
        return status;
    }

    ComplaintDetails details() {
        return details;
    }

    String assignee() {
        return assignee;
    }

    EscalationLevel escalationLevel() {
        return EscalationLevel.of(escalationLevel);
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    Instant resolvedAt() {
        return resolvedAt;
    }

    Instant closedAt() {
        return closedAt;
    }

    String rootCause() {
        return rootCause;
    }

    String correctiveAction() {
        return correctiveAction;
    }

    Integer satisfaction() {
        return satisfaction;
    }

    Instant autoCloseAt() {
        return autoCloseAt;
    }

    TargetClock firstResponse() {
        return firstResponse;
    }

    TargetClock resolution() {
        return resolution;
    }

    Instant firstResponseDueAt() {
        return firstResponseDueAt;
    }

    Instant resolutionDueAt() {
        return resolutionDueAt;
    }

    Instant nextTimerAt() {
        return nextTimerAt;
    }

    long revision() {
        return revision;
    }

    List<HistoryEntry> history() {
        return List.copyOf(history);
    }

    /** Whether a due time passed while the target still counts. */
    boolean overdue(Instant now) {
        return Stream.of(firstResponse, resolution).anyMatch(clock -> clock.counting() && isDue(clock.dueAt(), now));
    }

    /** A timer that fell due. Warnings sort before breaches at the same instant. */
    private record Firing(Instant at, Kind kind, SlaTarget target) {
        enum Kind {
            WARNING,
            BREACH
        }
    }

    /** The optional fields of {@link ComplaintChanged} a transition fills. */
    private record Extras(
            SlaTarget slaTarget,
            Boolean withinTarget,
            Long businessMinutes,
            Integer satisfaction,
            Integer escalationLevel) {

        static final Extras NONE = new Extras(null, null, null, null, null);

        static Extras sla(SlaTarget target) {
            return new Extras(target, null, null, null, null);
        }

        Extras withinTarget(boolean within) {
            return new Extras(slaTarget, within, businessMinutes, satisfaction, escalationLevel);
        }

        Extras businessMinutes(long minutes) {
            return new Extras(slaTarget, withinTarget, minutes, satisfaction, escalationLevel);
        }

        Extras satisfaction(int value) {
            return new Extras(slaTarget, withinTarget, businessMinutes, value, escalationLevel);
        }

        Extras escalationLevel(int level) {
            return new Extras(slaTarget, withinTarget, businessMinutes, satisfaction, level);
        }
    }
}

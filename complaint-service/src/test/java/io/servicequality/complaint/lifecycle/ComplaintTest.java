package io.servicequality.complaint.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.complaint.calendar.BusinessCalendar;
import io.servicequality.complaint.calendar.BusinessCalendar.Shift;
import io.servicequality.complaint.sla.SlaTargets;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.contracts.ComplaintChanged.SlaTarget;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComplaintTest {

    private static final Instant OCCURRED = Instant.parse("2026-11-20T10:00:00.123456Z");
    private static final Instant RECORDED = Instant.parse("2026-11-20T10:03:00Z");
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(7);
    private static final SlaContext ALWAYS_OPEN =
            new SlaContext(BusinessCalendar.ALWAYS_OPEN_UTC, SlaTargets.DEFAULTS::of);
    private static final ComplaintDetails DETAILS = new ComplaintDetails(
            Channel.PHONE,
            ComplaintCategory.QUALITY,
            "billing-error",
            Severity.HIGH,
            "accounts",
            "Charged twice",
            "Two debits for one order",
            "c-77f1");

    @Test
    void opensWithStatusOpenAndDueTimesCountedFromTheOpeningInstant() {
        Complaint complaint = open(ComplaintNumber.following("SH-001", OCCURRED, 6), OCCURRED);

        assertThat(complaint.status()).isEqualTo(ComplaintStatus.OPEN);
        assertThat(complaint.number()).isEqualTo("SH-001-202611-7");
        assertThat(complaint.openedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00.123Z"));
        assertThat(complaint.firstResponseDueAt()).isEqualTo(Instant.parse("2026-11-20T14:00:00.123Z"));
        assertThat(complaint.resolutionDueAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
        assertThat(complaint.firstResponse().warningAt())
                .as("80 % of 4 h")
                .isEqualTo(Instant.parse("2026-11-20T13:12:00.123Z"));
        assertThat(complaint.nextTimerAt()).isEqualTo(complaint.firstResponse().warningAt());
    }

    @Test
    void recordsOpenedCarryingTheComplaintAsItWasOpened() {
        Complaint complaint = open(ComplaintNumber.following("SH-001", OCCURRED, 6), OCCURRED);

        assertThat(complaint.pendingEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(ComplaintEventType.OPENED);
            assertThat(event.eventId()).isNotNull();
            assertThat(event.schemaVersion()).isEqualTo(ComplaintChanged.SCHEMA_VERSION);
            assertThat(event.recordKey()).isEqualTo("acme-bank:SH-001");
            assertThat(event.complaintId()).isEqualTo("5f1d7c2e9b3a4c6d8e0f1a2b");
            assertThat(event.number()).isEqualTo("SH-001-202611-7");
            assertThat(event.occurredAt()).isEqualTo(complaint.openedAt());
            assertThat(event.channel()).isEqualTo(Channel.PHONE);
            assertThat(event.category()).isEqualTo(ComplaintCategory.QUALITY);
            assertThat(event.subcategory()).isEqualTo("billing-error");
            assertThat(event.severity()).isEqualTo(Severity.HIGH);
            assertThat(event.department()).isEqualTo("accounts");
            assertThat(event.firstResponseDueAt()).isEqualTo(complaint.firstResponseDueAt());
            assertThat(event.resolutionDueAt()).isEqualTo(complaint.resolutionDueAt());
            assertThat(event.actor()).isEqualTo("test-agent");
            assertThat(event.assignee()).as("not assigned yet").isNull();
        });
        assertThat(complaint.history()).extracting(HistoryEntry::what).containsExactly("OPENED");
    }

    @Test
    void refusesANumberFromAnotherMonth() {
        ComplaintNumber october = ComplaintNumber.following("SH-001", Instant.parse("2026-10-31T12:00:00Z"), 0);

        assertThatIllegalArgumentException().isThrownBy(() -> open(october, OCCURRED));
    }

    @Test
    void walksTheWholeLifecycleRecordingEveryStepWithWhoAndWhen() {
        Complaint complaint = open(T0);
        complaint.acknowledge(at(10), "ann", null, "calling back", ALWAYS_OPEN);
        complaint.assign(at(20), "ann", "bob", "billing", ALWAYS_OPEN);
        complaint.hold(at(30), "bob", "waiting for the statement", ALWAYS_OPEN);
        complaint.resume(at(90), "bob", null, ALWAYS_OPEN);
        complaint.escalate(at(100), "bob", "refund above my limit", null, ALWAYS_OPEN);
        complaint.resolve(at(130), "bob", "double submit", "idempotent payments", WINDOW, ALWAYS_OPEN);
        complaint.followUp(at(200), "carol", 5, "happy", 3, ALWAYS_OPEN);

        assertThat(complaint.status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(complaint.assignee()).isEqualTo("bob");
        assertThat(complaint.details().department()).isEqualTo("billing");
        assertThat(complaint.escalationLevel()).isEqualTo(EscalationLevel.TEAM_LEAD);
        assertThat(complaint.history())
                .extracting(HistoryEntry::what, HistoryEntry::actor, HistoryEntry::at)
                .containsExactly(
                        tuple("OPENED", "test-agent", T0),
                        tuple("ACKNOWLEDGED", "ann", at(10)),
                        tuple("ASSIGNED", "ann", at(20)),
                        tuple("ON_HOLD", "bob", at(30)),
                        tuple("RESUMED", "bob", at(90)),
                        tuple("ESCALATED", "bob", at(100)),
                        tuple("RESOLVED", "bob", at(130)),
                        tuple("FOLLOWED_UP", "carol", at(200)),
                        tuple("CLOSED", "carol", at(200)));
        assertThat(complaint.pendingEvents()).extracting(ComplaintChanged::type).hasSize(9);
        // every step names the assignee at that moment: the handler staff metrics attribute it to
        assertThat(complaint.pendingEvents())
                .extracting(ComplaintChanged::type, ComplaintChanged::assignee)
                .containsExactly(
                        tuple(ComplaintEventType.OPENED, null),
                        tuple(ComplaintEventType.ACKNOWLEDGED, null),
                        tuple(ComplaintEventType.ASSIGNED, "bob"),
                        tuple(ComplaintEventType.ON_HOLD, "bob"),
                        tuple(ComplaintEventType.RESUMED, "bob"),
                        tuple(ComplaintEventType.ESCALATED, "bob"),
                        tuple(ComplaintEventType.RESOLVED, "bob"),
                        tuple(ComplaintEventType.FOLLOWED_UP, "bob"),
                        tuple(ComplaintEventType.CLOSED, "bob"));
        ComplaintChanged resolved = event(complaint, ComplaintEventType.RESOLVED);
        assertThat(resolved.rootCause()).isEqualTo("double submit");
        assertThat(resolved.correctiveAction()).isEqualTo("idempotent payments");
        assertThat(resolved.withinTarget()).isTrue();
        assertThat(resolved.businessMinutesToResolve())
                .as("130 minutes less the 60 on hold")
                .isEqualTo(70);
        assertThat(event(complaint, ComplaintEventType.ACKNOWLEDGED).withinTarget())
                .isTrue();
        assertThat(event(complaint, ComplaintEventType.ESCALATED).escalationLevel())
                .isEqualTo(1);
        assertThat(event(complaint, ComplaintEventType.FOLLOWED_UP).satisfaction())
                .isEqualTo(5);
        assertThat(complaint.revision()).isEqualTo(7);
    }

    @Test
    void theClockPausesWhileOnHoldAndTheDueTimesMoveByThePause() {
        Complaint complaint = open(T0);
        complaint.acknowledge(at(10), "ann", null, null, ALWAYS_OPEN);
        complaint.hold(at(60), "ann", "waiting for the customer", ALWAYS_OPEN);

        assertThat(complaint.resolutionDueAt())
                .as("no due time while the clock stands still")
                .isNull();
        assertThat(complaint.nextTimerAt()).isNull();
        assertThat(complaint.fireDueTimers(T0.plus(Duration.ofDays(30))))
                .as("nothing falls due on hold")
                .isFalse();

        complaint.resume(at(60 + 120), "ann", null, ALWAYS_OPEN);

        assertThat(complaint.resolutionDueAt())
                .as("48 business hours plus the 2 h on hold")
                .isEqualTo(T0.plus(Duration.ofHours(50)));
        assertThat(complaint.resolution().warningAt())
                .as("80 % of 48 h = 38.4 h, plus the pause")
                .isEqualTo(T0.plus(Duration.ofMinutes(2304 + 120)));
    }

    @Test
    void dueTimesFollowTheBranchCalendar() {
        // Mon–Fri 09:00–12:00 and 13:00–17:00 in Berlin; Friday 2026-11-20 10:00Z is 11:00 local
        SlaContext office = new SlaContext(office(), SlaTargets.DEFAULTS::of);
        Complaint complaint = Complaint.open(
                "5f1d7c2e9b3a4c6d8e0f1a2b",
                "acme-bank",
                "SH-001",
                ComplaintNumber.following("SH-001", T0, 0),
                T0,
                T0,
                "test-agent",
                DETAILS,
                office);

        assertThat(complaint.firstResponseDueAt())
                .as("11:00–12:00, 13:00–16:00 = 4 business hours")
                .isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
        assertThat(complaint.resolutionDueAt())
                .as("5 h on Friday, 6 weekdays of 7 h, then 1 h on Tuesday 1 December: 10:00 local")
                .isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void dueTimesAreRecomputedWhenTheCalendarOrTheTargetsChangeKeepingWhatWasAnnounced() {
        Complaint complaint = open(T0);
        complaint.fireDueTimers(T0.plus(Duration.ofMinutes(200)));
        assertThat(complaint.firstResponse().warned()).isTrue();

        SlaContext longerTargets = new SlaContext(
                BusinessCalendar.ALWAYS_OPEN_UTC,
                severity -> new SlaTargets.Targets(Duration.ofHours(8), Duration.ofHours(96)));
        complaint.recomputeDueTimes(at(210), longerTargets);

        assertThat(complaint.firstResponseDueAt()).isEqualTo(T0.plus(Duration.ofHours(8)));
        assertThat(complaint.resolutionDueAt()).isEqualTo(T0.plus(Duration.ofHours(96)));
        assertThat(complaint.firstResponse().warned())
                .as("a warning given stays given")
                .isTrue();
        assertThat(complaint.nextTimerAt()).isEqualTo(T0.plus(Duration.ofHours(8)));

        complaint.recomputeDueTimes(at(220), new SlaContext(office(), SlaTargets.DEFAULTS::of));
        assertThat(complaint.firstResponseDueAt()).isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
    }

    @Test
    void aSeverityCorrectionAtTriageRecomputesTheDueTimes() {
        Complaint complaint = open(T0);

        complaint.acknowledge(at(5), "ann", Severity.CRITICAL, null, ALWAYS_OPEN);

        assertThat(complaint.details().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(complaint.resolutionDueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(event(complaint, ComplaintEventType.ACKNOWLEDGED).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void warningAndBreachFireOnceEachAtTheirOwnInstantAndABreachEscalates() {
        Complaint complaint = open(T0);
        Instant warning = T0.plus(Duration.ofMinutes(192));
        Instant due = T0.plus(Duration.ofHours(4));

        assertThat(complaint.fireDueTimers(warning.minusMillis(1))).isFalse();
        assertThat(complaint.fireDueTimers(warning)).isTrue();
        assertThat(complaint.fireDueTimers(warning.plusSeconds(30)))
                .as("announced once")
                .isFalse();
        assertThat(complaint.nextTimerAt()).isEqualTo(due);
        assertThat(complaint.fireDueTimers(due.plusSeconds(10))).isTrue();
        assertThat(complaint.fireDueTimers(due.plusSeconds(20))).isFalse();

        List<ComplaintChanged> sla = complaint.pendingEvents().stream()
                .filter(event -> event.type() != ComplaintEventType.OPENED)
                .toList();
        assertThat(sla)
                .extracting(
                        ComplaintChanged::type,
                        ComplaintChanged::slaTarget,
                        ComplaintChanged::occurredAt,
                        ComplaintChanged::escalationLevel)
                .containsExactly(
                        tuple(ComplaintEventType.SLA_WARNING, SlaTarget.FIRST_RESPONSE, warning, null),
                        tuple(ComplaintEventType.SLA_BREACHED, SlaTarget.FIRST_RESPONSE, due, 1),
                        tuple(ComplaintEventType.ESCALATED, null, due, 1));
        assertThat(complaint.escalationLevel()).isEqualTo(EscalationLevel.TEAM_LEAD);
        assertThat(complaint.overdue(due.plusSeconds(10))).isTrue();
    }

    @Test
    void timersMissedWhileNobodyLookedFireInTimeOrderAndClimbTheLadderOnePerBreach() {
        Complaint complaint = open(T0);

        complaint.fireDueTimers(T0.plus(Duration.ofDays(3)));

        assertThat(complaint.pendingEvents())
                .extracting(ComplaintChanged::type, ComplaintChanged::slaTarget, ComplaintChanged::escalationLevel)
                .containsExactly(
                        tuple(ComplaintEventType.OPENED, null, null),
                        tuple(ComplaintEventType.SLA_WARNING, SlaTarget.FIRST_RESPONSE, null),
                        tuple(ComplaintEventType.SLA_BREACHED, SlaTarget.FIRST_RESPONSE, 1),
                        tuple(ComplaintEventType.ESCALATED, null, 1),
                        tuple(ComplaintEventType.SLA_WARNING, SlaTarget.RESOLUTION, null),
                        tuple(ComplaintEventType.SLA_BREACHED, SlaTarget.RESOLUTION, 2),
                        tuple(ComplaintEventType.ESCALATED, null, 2));
        assertThat(complaint.nextTimerAt()).isNull();
    }

    @Test
    void theLadderStopsAtTheQualityDirector() {
        Complaint complaint = open(T0);
        for (int i = 1; i <= 4; i++) {
            complaint.escalate(at(i), "ann", "again", null, ALWAYS_OPEN);
        }
        assertThat(complaint.escalationLevel()).isEqualTo(EscalationLevel.QUALITY_DIRECTOR);

        assertThatThrownBy(() -> complaint.escalate(at(5), "ann", "more", null, ALWAYS_OPEN))
                .isInstanceOf(InvalidTransitionException.class);
        complaint.fireDueTimers(T0.plus(Duration.ofHours(5)));
        assertThat(event(complaint, ComplaintEventType.SLA_BREACHED).escalationLevel())
                .isEqualTo(4);
    }

    @Test
    void aBreachWhileTheComplaintWasAlreadyAnsweredIsNotAnnounced() {
        Complaint complaint = open(T0);
        complaint.acknowledge(at(30), "ann", null, null, ALWAYS_OPEN);

        complaint.fireDueTimers(T0.plus(Duration.ofHours(5)));

        assertThat(complaint.pendingEvents())
                .extracting(ComplaintChanged::type)
                .doesNotContain(ComplaintEventType.SLA_WARNING, ComplaintEventType.SLA_BREACHED);
    }

    @Test
    void aLateAcknowledgementIsOutsideTheTargetAndComesAfterItsBreach() {
        Complaint complaint = open(T0);

        complaint.acknowledge(at(5 * 60), "ann", null, null, ALWAYS_OPEN);

        assertThat(complaint.pendingEvents())
                .extracting(ComplaintChanged::type)
                .containsExactly(
                        ComplaintEventType.OPENED,
                        ComplaintEventType.SLA_WARNING,
                        ComplaintEventType.SLA_BREACHED,
                        ComplaintEventType.ESCALATED,
                        ComplaintEventType.ACKNOWLEDGED);
        assertThat(event(complaint, ComplaintEventType.ACKNOWLEDGED).withinTarget())
                .isFalse();
    }

    @Test
    void aDissatisfiedCustomerReopensTheComplaintAndItsClockRunsOn() {
        Complaint complaint = resolvedAt(60);

        complaint.followUp(at(120), "carol", 2, "still charged twice", 3, ALWAYS_OPEN);

        assertThat(complaint.status()).isEqualTo(ComplaintStatus.REOPENED);
        assertThat(complaint.pendingEvents())
                .extracting(ComplaintChanged::type)
                .endsWith(ComplaintEventType.FOLLOWED_UP, ComplaintEventType.REOPENED);
        assertThat(complaint.resolutionDueAt())
                .as("48 h less the 60 min already used, from the reopening")
                .isEqualTo(at(120).plus(Duration.ofHours(47)));
        complaint.resolve(at(180), "bob", "refund", "refund sent", WINDOW, ALWAYS_OPEN);
        assertThat(event(complaint, ComplaintEventType.RESOLVED, 1).businessMinutesToResolve())
                .isEqualTo(120);
    }

    @Test
    void anUnansweredFollowUpClosesTheComplaintAfterTheWindow() {
        Complaint complaint = resolvedAt(60);
        Instant windowEnds = at(60).plus(WINDOW);
        assertThat(complaint.nextTimerAt()).isEqualTo(windowEnds);

        assertThat(complaint.fireDueTimers(windowEnds.minusSeconds(1))).isFalse();
        assertThat(complaint.fireDueTimers(windowEnds)).isTrue();

        assertThat(complaint.status()).isEqualTo(ComplaintStatus.CLOSED);
        ComplaintChanged followedUp = event(complaint, ComplaintEventType.FOLLOWED_UP);
        assertThat(followedUp.satisfaction()).isNull();
        assertThat(followedUp.actor()).isEqualTo(Complaint.FOLLOW_UP_TIMER_ACTOR);
        assertThat(event(complaint, ComplaintEventType.CLOSED).occurredAt()).isEqualTo(windowEnds);
        assertThat(complaint.nextTimerAt()).isNull();
    }

    /** Which action is allowed in which state; every other pair must be refused. */
    private static final Map<String, Set<ComplaintStatus>> ALLOWED = Map.of(
            "acknowledge", EnumSet.of(ComplaintStatus.OPEN),
            "assign", EnumSet.of(ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.ASSIGNED, ComplaintStatus.REOPENED),
            "hold", EnumSet.of(ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.ASSIGNED, ComplaintStatus.REOPENED),
            "resume", EnumSet.of(ComplaintStatus.ON_HOLD),
            "escalate",
                    EnumSet.of(
                            ComplaintStatus.OPEN,
                            ComplaintStatus.ACKNOWLEDGED,
                            ComplaintStatus.ASSIGNED,
                            ComplaintStatus.ON_HOLD,
                            ComplaintStatus.REOPENED),
            "resolve", EnumSet.of(ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.ASSIGNED, ComplaintStatus.REOPENED),
            "follow up", EnumSet.of(ComplaintStatus.RESOLVED),
            "close", EnumSet.of(ComplaintStatus.RESOLVED),
            "reopen", EnumSet.of(ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED));

    private static final Map<String, BiConsumer<Complaint, Instant>> ACTIONS = Map.of(
            "acknowledge", (c, now) -> c.acknowledge(now, "x", null, null, ALWAYS_OPEN),
            "assign", (c, now) -> c.assign(now, "x", "bob", null, ALWAYS_OPEN),
            "hold", (c, now) -> c.hold(now, "x", "waiting", ALWAYS_OPEN),
            "resume", (c, now) -> c.resume(now, "x", null, ALWAYS_OPEN),
            "escalate", (c, now) -> c.escalate(now, "x", "why", null, ALWAYS_OPEN),
            "resolve", (c, now) -> c.resolve(now, "x", "cause", "action", WINDOW, ALWAYS_OPEN),
            "follow up", (c, now) -> c.followUp(now, "x", 4, null, 3, ALWAYS_OPEN),
            "close", (c, now) -> c.close(now, "x", null, ALWAYS_OPEN),
            "reopen", (c, now) -> c.reopen(now, "x", "again", ALWAYS_OPEN));

    static Stream<Arguments> everyActionInEveryState() {
        List<Arguments> all = new ArrayList<>();
        for (String action : ACTIONS.keySet().stream().sorted().toList()) {
            for (ComplaintStatus status : ComplaintStatus.values()) {
                all.add(Arguments.of(action, status, ALLOWED.get(action).contains(status)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} when {1}: allowed = {2}")
    @MethodSource("everyActionInEveryState")
    void everyActionIsAllowedExactlyInItsStatesAndARefusalChangesNothing(
            String action, ComplaintStatus status, boolean allowed) {
        Complaint complaint = inState(status);
        List<ComplaintChanged> eventsBefore = complaint.pendingEvents();
        List<HistoryEntry> historyBefore = complaint.history();
        long revisionBefore = complaint.revision();

        if (allowed) {
            ACTIONS.get(action).accept(complaint, at(50));
            assertThat(complaint.pendingEvents()).hasSizeGreaterThan(eventsBefore.size());
        } else {
            assertThatThrownBy(() -> ACTIONS.get(action).accept(complaint, at(50)))
                    .isInstanceOf(InvalidTransitionException.class)
                    .satisfies(e -> assertThat(
                                    ((InvalidTransitionException) e).getBody().getStatus())
                            .isEqualTo(409));
            assertThat(complaint.status()).isEqualTo(status);
            assertThat(complaint.pendingEvents()).isEqualTo(eventsBefore);
            assertThat(complaint.history()).isEqualTo(historyBefore);
            assertThat(complaint.revision()).isEqualTo(revisionBefore);
        }
    }

    private static Complaint inState(ComplaintStatus status) {
        Complaint complaint = open(T0);
        switch (status) {
            case OPEN -> {}
            case ACKNOWLEDGED -> complaint.acknowledge(at(1), "x", null, null, ALWAYS_OPEN);
            case ASSIGNED -> {
                complaint.acknowledge(at(1), "x", null, null, ALWAYS_OPEN);
                complaint.assign(at(2), "x", "bob", null, ALWAYS_OPEN);
            }
            case ON_HOLD -> {
                complaint.acknowledge(at(1), "x", null, null, ALWAYS_OPEN);
                complaint.hold(at(2), "x", "waiting", ALWAYS_OPEN);
            }
            case RESOLVED -> {
                complaint.acknowledge(at(1), "x", null, null, ALWAYS_OPEN);
                complaint.resolve(at(2), "x", "cause", "action", WINDOW, ALWAYS_OPEN);
            }
            case CLOSED -> {
                complaint.acknowledge(at(1), "x", null, null, ALWAYS_OPEN);
                complaint.resolve(at(2), "x", "cause", "action", WINDOW, ALWAYS_OPEN);
                complaint.close(at(3), "x", null, ALWAYS_OPEN);
            }
            case REOPENED -> {
                complaint.acknowledge(at(1), "x", null, null, ALWAYS_OPEN);
                complaint.resolve(at(2), "x", "cause", "action", WINDOW, ALWAYS_OPEN);
                complaint.reopen(at(3), "x", "again", ALWAYS_OPEN);
            }
        }
        assertThat(complaint.status()).isEqualTo(status);
        return complaint;
    }

    private static Complaint resolvedAt(int minutes) {
        Complaint complaint = open(T0);
        complaint.acknowledge(at(1), "ann", null, null, ALWAYS_OPEN);
        complaint.resolve(at(minutes), "bob", "cause", "action", WINDOW, ALWAYS_OPEN);
        return complaint;
    }

    private static ComplaintChanged event(Complaint complaint, ComplaintEventType type) {
        return event(complaint, type, 0);
    }

    private static ComplaintChanged event(Complaint complaint, ComplaintEventType type, int index) {
        return complaint.pendingEvents().stream()
                .filter(event -> event.type() == type)
                .toList()
                .get(index);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static Instant at(int minutesAfterT0) {
        return T0.plus(Duration.ofMinutes(minutesAfterT0));
    }

    private static BusinessCalendar office() {
        Map<DayOfWeek, List<Shift>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            hours.put(
                    day,
                    List.of(
                            new Shift(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                            new Shift(LocalTime.of(13, 0), LocalTime.of(17, 0))));
        }
        return new BusinessCalendar(ZoneId.of("Europe/Berlin"), hours, Set.of());
    }

    private static Complaint open(Instant occurred) {
        return open(ComplaintNumber.following("SH-001", occurred, 0), occurred);
    }

    private static Complaint open(ComplaintNumber number, Instant occurred) {
        return Complaint.open(
                "5f1d7c2e9b3a4c6d8e0f1a2b",
                "acme-bank",
                "SH-001",
                number,
                occurred,
                RECORDED,
                "test-agent",
                DETAILS,
                ALWAYS_OPEN);
    }
}

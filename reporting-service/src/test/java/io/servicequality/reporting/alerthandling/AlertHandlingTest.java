package io.servicequality.reporting.alerthandling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertHandlingChanged;
import io.servicequality.contracts.AlertHandlingChanged.HandlingEventType;
import io.servicequality.contracts.AlertHandlingChanged.HandlingStatus;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.contracts.EventSample;
import io.servicequality.web.problem.ProblemTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/** The handling state machine: what each status allows, what it records and publishes, and when it escalates. */
class AlertHandlingTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AlertRaised RAISED = (AlertRaised) JSON.readValue(EventSample.ALERT_RAISED.json(), AlertEvent.class);
    static final AlertCleared CLEARED =
            (AlertCleared) JSON.readValue(EventSample.ALERT_CLEARED.json(), AlertEvent.class);
    static final Instant RAISED_AT = RAISED.occurredAt();
    static final Duration STEP = Duration.ofMinutes(15);
    static final Instant SOON = RAISED_AT.plus(Duration.ofMinutes(5));
    static final String ACTION_ID = "6750a1c2e4b0f1a2b3c4d5e6";

    @Test
    void aRaisedAlertOpensItsHandlingWithTheRaiseInItsHistoryAndItsFirstEscalationScheduled() {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);

        assertThat(handling.status()).isEqualTo(HandlingStatus.OPEN);
        assertThat(handling.alertId()).isEqualTo(RAISED.alertId());
        assertThat(handling.nextEscalationAt()).isEqualTo(RAISED_AT.plus(STEP));
        assertThat(handling.history()).singleElement().satisfies(entry -> {
            assertThat(entry.what()).isEqualTo("RAISED");
            assertThat(entry.at()).isEqualTo(RAISED_AT);
            assertThat(entry.note()).isEqualTo("csat.percent observed 78.4, threshold 85.0, n 51");
        });
        assertThat(handling.pendingEvents())
                .as("opening publishes nothing: the alert itself was")
                .isEmpty();
        assertThat(handling.revision()).isZero();
    }

    @Test
    void acknowledgingStopsEscalationAndPublishesWhoDidIt() {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);

        handling.acknowledge(SOON, "lead", "on it", STEP);

        assertThat(handling.status()).isEqualTo(HandlingStatus.ACKNOWLEDGED);
        assertThat(handling.acknowledgedBy()).isEqualTo("lead");
        assertThat(handling.acknowledgedAt()).isEqualTo(SOON);
        assertThat(handling.nextEscalationAt()).isNull();
        assertThat(handling.revision()).isEqualTo(1);
        AlertHandlingChanged event = handling.pendingEvents().get(0);
        assertThat(event.type()).isEqualTo(HandlingEventType.ACKNOWLEDGED);
        assertThat(event.actor()).isEqualTo("lead");
        assertThat(event.note()).isEqualTo("on it");
        assertThat(event.status()).isEqualTo(HandlingStatus.ACKNOWLEDGED);
        assertThat(event.occurredAt()).isEqualTo(SOON);
        assertThat(event.tenantId()).isEqualTo(RAISED.tenantId());
        assertThat(event.branchId()).isEqualTo(RAISED.branchId());
        assertThat(event.metric()).isEqualTo(RAISED.metric());
        assertThat(event.severity()).isEqualTo(RAISED.severity());
        assertThat(event.recordKey()).isEqualTo(RAISED.recordKey());
    }

    @Test
    void assigningAnOpenAlertAcknowledgesItFirstAndReassigningRecordsTheNewAssignee() {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);

        handling.assign(SOON, "lead", "alice", STEP);
        handling.assign(SOON.plusSeconds(60), "lead", "bob", STEP);

        assertThat(handling.status()).isEqualTo(HandlingStatus.ACKNOWLEDGED);
        assertThat(handling.assignee()).isEqualTo("bob");
        assertThat(handling.acknowledgedBy()).isEqualTo("lead");
        assertThat(handling.history())
                .extracting(HistoryEntry::what, HistoryEntry::assignee)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("RAISED", null),
                        org.assertj.core.groups.Tuple.tuple("ACKNOWLEDGED", null),
                        org.assertj.core.groups.Tuple.tuple("ASSIGNED", "alice"),
                        org.assertj.core.groups.Tuple.tuple("ASSIGNED", "bob"));
        assertThat(handling.pendingEvents())
                .extracting(AlertHandlingChanged::type, AlertHandlingChanged::assignee)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(HandlingEventType.ACKNOWLEDGED, null),
                        org.assertj.core.groups.Tuple.tuple(HandlingEventType.ASSIGNED, "alice"),
                        org.assertj.core.groups.Tuple.tuple(HandlingEventType.ASSIGNED, "bob"));
    }

    @Test
    void linkingAcknowledgesAnOpenAlertAndACorrectiveActionIsLinkedOnceAtMostTwentyInAll() {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);

        handling.linkToAction(SOON, "lead", ACTION_ID, STEP);

        assertThat(handling.status()).isEqualTo(HandlingStatus.ACKNOWLEDGED);
        assertThat(handling.correctiveActionIds()).containsExactly(ACTION_ID);
        assertThat(handling.pendingEvents())
                .extracting(AlertHandlingChanged::type)
                .containsExactly(HandlingEventType.ACKNOWLEDGED, HandlingEventType.LINKED_TO_ACTION);
        assertThat(handling.pendingEvents().get(1).correctiveActionId()).isEqualTo(ACTION_ID);

        ErrorResponseException twice = catchThrowableOfType(
                ErrorResponseException.class, () -> handling.linkToAction(SOON, "lead", ACTION_ID, STEP));
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(twice.getBody().getType()).isEqualTo(ProblemTypes.CONFLICT);

        AlertHandling full = AlertHandling.opened(RAISED, STEP);
        for (int i = 0; i < AlertHandling.MAX_LINKED_ACTIONS; i++) {
            full.linkToAction(SOON, "lead", "%024x".formatted(i), STEP);
        }
        ErrorResponseException tooMany = catchThrowableOfType(
                ErrorResponseException.class, () -> full.linkToAction(SOON, "lead", ACTION_ID, STEP));
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(full.correctiveActionIds()).hasSize(AlertHandling.MAX_LINKED_ACTIONS);
    }

    @Test
    void resolvingRecordsTheNoteWhoAndWhen() {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);
        handling.acknowledge(SOON, "lead", null, STEP);

        handling.resolve(SOON.plusSeconds(600), "alice", "extra staff at peak hours", STEP);

        assertThat(handling.status()).isEqualTo(HandlingStatus.RESOLVED);
        assertThat(handling.resolutionNote()).isEqualTo("extra staff at peak hours");
        assertThat(handling.resolvedBy()).isEqualTo("alice");
        assertThat(handling.resolvedAt()).isEqualTo(SOON.plusSeconds(600));
        AlertHandlingChanged resolved = handling.pendingEvents().get(1);
        assertThat(resolved.type()).isEqualTo(HandlingEventType.RESOLVED);
        assertThat(resolved.note()).isEqualTo("extra staff at peak hours");
        assertThat(resolved.status()).isEqualTo(HandlingStatus.RESOLVED);
    }

    /** Every action in every status: allowed, or 409 invalid-transition naming the action and the status. */
    static Stream<Arguments> everyActionInEveryStatus() {
        return Stream.of(HandlingStatus.values())
                .flatMap(status -> Stream.of("acknowledge", "assign", "link", "resolve")
                        .map(action -> Arguments.of(status, action)));
    }

    @ParameterizedTest(name = "{1} when {0}")
    @MethodSource("everyActionInEveryStatus")
    void anActionIsAllowedOnlyInTheStatusesOfTheStateMachineAndAnInvalidOneChangesNothing(
            HandlingStatus status, String action) {
        AlertHandling handling = in(status);
        long revision = handling.revision();
        List<HistoryEntry> history = handling.history();
        List<AlertHandlingChanged> events = handling.pendingEvents();
        Consumer<AlertHandling> act = switch (action) {
            case "acknowledge" -> h -> h.acknowledge(SOON.plusSeconds(60), "actor", null, STEP);
            case "assign" -> h -> h.assign(SOON.plusSeconds(60), "actor", "carol", STEP);
            case "link" -> h -> h.linkToAction(SOON.plusSeconds(60), "actor", "0123456789abcdef01234567", STEP);
            default -> h -> h.resolve(SOON.plusSeconds(60), "actor", "done", STEP);
        };
        boolean allowed = switch (action) {
            case "acknowledge" -> status == HandlingStatus.OPEN;
            case "assign", "link" -> status != HandlingStatus.RESOLVED;
            default -> status == HandlingStatus.ACKNOWLEDGED;
        };

        if (allowed) {
            act.accept(handling);
            assertThat(handling.revision()).isEqualTo(revision + 1);
            assertThat(handling.pendingEvents()).hasSizeGreaterThan(events.size());
            return;
        }
        ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class, () -> act.accept(handling));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().getType()).isEqualTo(ProblemTypes.INVALID_TRANSITION);
        assertThat(refused.getBody().getProperties())
                .containsEntry("action", action)
                .containsEntry("currentStatus", status.name());
        assertThat(refused.getBody().getDetail()).startsWith("Cannot " + action + " an alert that is " + status);
        assertThat(handling.status()).isEqualTo(status);
        assertThat(handling.history()).isEqualTo(history);
        assertThat(handling.pendingEvents()).isEqualTo(events);
    }

    @Test
    void resolvingAnOpenAlertSaysToAcknowledgeItFirst() {
        ErrorResponseException refused = catchThrowableOfType(
                ErrorResponseException.class,
                () -> AlertHandling.opened(RAISED, STEP).resolve(SOON, "alice", "done", STEP));

        assertThat(refused.getBody().getDetail())
                .isEqualTo("Cannot resolve an alert that is OPEN: acknowledge it first");
    }

    @Test
    void anUnacknowledgedAlertEscalatesOneLevelPerStepAtItsDueInstantsUpToTheQualityDirector() {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);

        assertThat(handling.fireDueEscalations(RAISED_AT.plus(STEP).minusMillis(1), STEP))
                .isFalse();
        assertThat(handling.fireDueEscalations(RAISED_AT.plus(STEP), STEP)).isTrue();
        assertThat(handling.escalationLevel()).isEqualTo(EscalationLevel.BRANCH_MANAGER);
        assertThat(handling.nextEscalationAt()).isEqualTo(RAISED_AT.plus(STEP.multipliedBy(2)));
        assertThat(handling.fireDueEscalations(RAISED_AT.plus(STEP), STEP))
                .as("the same instant again: nothing more")
                .isFalse();

        assertThat(handling.fireDueEscalations(RAISED_AT.plus(Duration.ofDays(1)), STEP))
                .isTrue();

        assertThat(handling.escalationLevel()).isEqualTo(EscalationLevel.QUALITY_DIRECTOR);
        assertThat(handling.nextEscalationAt()).isNull();
        assertThat(handling.status()).isEqualTo(HandlingStatus.OPEN);
        assertThat(handling.pendingEvents())
                .extracting(AlertHandlingChanged::type, AlertHandlingChanged::escalationLevel, e -> e.occurredAt())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(HandlingEventType.ESCALATED, 1, RAISED_AT.plus(STEP)),
                        org.assertj.core.groups.Tuple.tuple(
                                HandlingEventType.ESCALATED, 2, RAISED_AT.plus(STEP.multipliedBy(2))),
                        org.assertj.core.groups.Tuple.tuple(
                                HandlingEventType.ESCALATED, 3, RAISED_AT.plus(STEP.multipliedBy(3))));
        assertThat(handling.pendingEvents())
                .extracting(AlertHandlingChanged::actor, AlertHandlingChanged::note)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("escalation-timer", "not acknowledged within 15 minutes"),
                        org.assertj.core.groups.Tuple.tuple("escalation-timer", "not acknowledged within 30 minutes"),
                        org.assertj.core.groups.Tuple.tuple("escalation-timer", "not acknowledged within 45 minutes"));
        assertThat(handling.fireDueEscalations(RAISED_AT.plus(Duration.ofDays(2)), STEP))
                .isFalse();
    }

    @Test
    void anAcknowledgementAfterADueEscalationComesAfterItInHistoryAndEndsEscalation() {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);

        handling.acknowledge(RAISED_AT.plus(Duration.ofMinutes(20)), "lead", null, STEP);

        assertThat(handling.history())
                .extracting(HistoryEntry::what)
                .containsExactly("RAISED", "ESCALATED", "ACKNOWLEDGED");
        assertThat(handling.escalationLevel()).isEqualTo(EscalationLevel.BRANCH_MANAGER);
        assertThat(handling.fireDueEscalations(RAISED_AT.plus(Duration.ofDays(1)), STEP))
                .isFalse();
    }

    @Test
    void clearingFiresWhatFellDueBeforeItThenStopsEscalationButLeavesTheAlertOpenForHandling() {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);
        AlertCleared clearedAfter20Minutes = clearedAt(RAISED_AT.plus(Duration.ofMinutes(20)));

        assertThat(handling.cleared(clearedAfter20Minutes, STEP)).isTrue();
        assertThat(handling.cleared(clearedAfter20Minutes, STEP))
                .as("a redelivered clear")
                .isFalse();

        assertThat(handling.history()).extracting(HistoryEntry::what).containsExactly("RAISED", "ESCALATED", "CLEARED");
        assertThat(handling.clearedAt()).isEqualTo(RAISED_AT.plus(Duration.ofMinutes(20)));
        assertThat(handling.nextEscalationAt()).isNull();
        assertThat(handling.fireDueEscalations(RAISED_AT.plus(Duration.ofDays(1)), STEP))
                .isFalse();
        assertThat(handling.status()).isEqualTo(HandlingStatus.OPEN);
        handling.acknowledge(RAISED_AT.plus(Duration.ofHours(2)), "lead", null, STEP);
        handling.resolve(RAISED_AT.plus(Duration.ofHours(3)), "lead", "cleared by itself: a one-off rush", STEP);
        assertThat(handling.status()).isEqualTo(HandlingStatus.RESOLVED);
    }

    @Test
    void aLaterEscalationStepInTheConfigurationMovesTheNextEscalationOnlyForward() {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);
        Duration longer = Duration.ofMinutes(60);

        assertThat(handling.fireDueEscalations(RAISED_AT.plus(STEP), longer))
                .as("rescheduled")
                .isTrue();

        assertThat(handling.escalationLevel()).isEqualTo(EscalationLevel.NONE);
        assertThat(handling.nextEscalationAt()).isEqualTo(RAISED_AT.plus(longer));
        assertThat(handling.pendingEvents()).isEmpty();
    }

    private static AlertHandling in(HandlingStatus status) {
        AlertHandling handling = AlertHandling.opened(RAISED, STEP);
        if (status != HandlingStatus.OPEN) {
            handling.acknowledge(SOON, "lead", null, STEP);
        }
        if (status == HandlingStatus.RESOLVED) {
            handling.resolve(SOON.plusSeconds(30), "lead", "done", STEP);
        }
        return handling;
    }

    private static AlertCleared clearedAt(Instant at) {
        return new AlertCleared(
                CLEARED.eventId(),
                CLEARED.tenantId(),
                CLEARED.branchId(),
                at,
                CLEARED.schemaVersion(),
                RAISED.alertId(),
                CLEARED.ruleId(),
                CLEARED.ruleKind(),
                CLEARED.scope(),
                CLEARED.metric(),
                CLEARED.observedValue(),
                CLEARED.threshold(),
                CLEARED.baseline(),
                CLEARED.n(),
                CLEARED.severity(),
                CLEARED.window());
    }
}

package io.servicequality.reporting.alerthandling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of an alert's handling history: when, what ({@code RAISED}, {@code CLEARED}, or a {@link
 * io.servicequality.contracts.AlertHandlingChanged.HandlingEventType}), who, and what they gave.
 *
 * @param actor a staff member's subject; {@code scoring-service} for {@code RAISED} and {@code CLEARED}; {@code
 *     escalation-timer} for {@code ESCALATED}
 * @param assignee for {@code ASSIGNED}: to whom
 * @param correctiveActionId for {@code LINKED_TO_ACTION}: which corrective action
 * @param escalationLevel for {@code ESCALATED}: the level reached
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HistoryEntry(
        Instant at,
        String what,
        String actor,
        String note,
        String assignee,
        String correctiveActionId,
        Integer escalationLevel) {}

package io.servicequality.complaint.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of event types a subscription can ask for; the wire name ({@link #wireName()}) is the payload's
 * {@code type} and what subscriptions list. Anything else in a subscription is a 400.
 */
enum WebhookEventType {
    /** An alert rule's condition started to hold ({@code sqp.alerts.v1}, {@code type} {@code AlertRaised}). */
    ALERT_RAISED("alert.raised"),
    /** A raised alert ended ({@code sqp.alerts.v1}, {@code type} {@code AlertCleared}). */
    ALERT_CLEARED("alert.cleared"),
    /** An alert stayed unacknowledged and was escalated ({@code sqp.alert-handling.v1}, {@code type} ESCALATED). */
    ALERT_ESCALATED("alert.escalated"),
    /** A complaint reached 80 % of an SLA target ({@code sqp.complaint-changed.v1}, SLA_WARNING). */
    COMPLAINT_SLA_WARNING("complaint.sla_warning"),
    /** A complaint missed an SLA target ({@code sqp.complaint-changed.v1}, SLA_BREACHED). */
    COMPLAINT_SLA_BREACHED("complaint.sla_breached"),
    /** A complaint went one rung up the escalation ladder ({@code sqp.complaint-changed.v1}, ESCALATED). */
    COMPLAINT_ESCALATED("complaint.escalated"),
    /** A branch's risk grade changed ({@code sqp.risk-grades.v1}). */
    RISK_GRADE_CHANGED("risk.grade_changed");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<WebhookEventType> ofWireName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(name))
                .findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
    }
}

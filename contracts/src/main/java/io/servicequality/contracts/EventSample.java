package io.servicequality.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One sample JSON per event version, shipped in this jar so that every consumer can feed them to its listener. */
public enum EventSample {
    FEEDBACK_SUBMITTED("samples/feedback-submitted.v1.json", FeedbackSubmitted.class, Topics.FEEDBACK_SUBMITTED),
    INTERACTION_RECORDED(
            "samples/interaction-recorded.v1.json", InteractionRecorded.class, Topics.INTERACTION_RECORDED),
    COMPLAINT_CHANGED("samples/complaint-changed.v1.json", ComplaintChanged.class, Topics.COMPLAINT_CHANGED),
    METRIC_UPDATED("samples/metric-updated.v1.json", MetricUpdated.class, Topics.METRIC_UPDATED),
    STAFF_METRIC_UPDATED("samples/staff-metric-updated.v1.json", StaffMetricUpdated.class, Topics.STAFF_METRIC_UPDATED),
    ALERT_RAISED("samples/alert-raised.v1.json", AlertEvent.class, Topics.ALERTS),
    ALERT_CLEARED("samples/alert-cleared.v1.json", AlertEvent.class, Topics.ALERTS),
    ALERT_HANDLING_CHANGED("samples/alert-handling-changed.v1.json", AlertHandlingChanged.class, Topics.ALERT_HANDLING),
    BRANCH_CHANGED("samples/branch-changed.v1.json", BranchChanged.class, Topics.BRANCH_DIRECTORY),
    QUALITY_TARGET_CHANGED(
            "samples/quality-target-changed.v1.json", QualityTargetChanged.class, Topics.QUALITY_TARGETS),
    ALERT_RULE_CHANGED("samples/alert-rule-changed.v1.json", AlertRuleChanged.class, Topics.ALERT_RULES),
    API_KEY_CHANGED("samples/api-key-changed.v1.json", ApiKeyChanged.class, Topics.API_KEYS),
    RISK_GRADE_CHANGED("samples/risk-grade-changed.v1.json", RiskGradeChanged.class, Topics.RISK_GRADES),
    CORRECTIVE_ACTION_CHANGED(
            "samples/corrective-action-changed.v1.json", CorrectiveActionChanged.class, Topics.CORRECTIVE_ACTIONS);

    private final String resource;
    private final Class<? extends PlatformEvent> type;
    private final String topic;

    EventSample(String resource, Class<? extends PlatformEvent> type, String topic) {
        this.resource = resource;
        this.type = type;
        this.topic = topic;
    }

    /** The type to deserialise the sample as (for alerts, the polymorphic {@link AlertEvent}). */
    public Class<? extends PlatformEvent> type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public String json() {
        try (InputStream in = EventSample.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

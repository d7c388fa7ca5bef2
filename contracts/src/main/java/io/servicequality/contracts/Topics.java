package io.servicequality.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Topic names and the record-key rule. Versioned names: a breaking change gets a new topic. */
public final class Topics {

    /** {@link FeedbackSubmitted}, published by feedback-service. */
    public static final String FEEDBACK_SUBMITTED = "sqp.feedback-submitted.v1";

    /** {@link InteractionRecorded}, published by feedback-service. */
    public static final String INTERACTION_RECORDED = "sqp.interaction-recorded.v1";

    /** {@link ComplaintChanged}, published by complaint-service. */
    public static final String COMPLAINT_CHANGED = "sqp.complaint-changed.v1";

    /** {@link MetricUpdated}, published by scoring-service. */
    public static final String METRIC_UPDATED = "sqp.metric-updated.v1";

    /**
     * {@link StaffMetricUpdated}, published by scoring-service: the absolute statistics of one member of staff per
     * branch and local day, keyed {@code tenantId:branchId}.
     */
    public static final String STAFF_METRIC_UPDATED = "sqp.staff-metric-updated.v1";

    /** {@link AlertEvent}s ({@link AlertRaised}, {@link AlertCleared}), published by scoring-service. */
    public static final String ALERTS = "sqp.alerts.v1";

    /**
     * {@link AlertHandlingChanged}, published by reporting-service (which keeps each alert episode's handling record):
     * acknowledged, assigned, linked to a corrective action, resolved, escalated.
     */
    public static final String ALERT_HANDLING = "sqp.alert-handling.v1";

    /**
     * {@link BranchChanged}, published by reporting-service (which owns the branch directory) on a compacted topic:
     * the latest record per branch is its current entry.
     */
    public static final String BRANCH_DIRECTORY = "sqp.branch-directory.v1";

    /**
     * {@link QualityTargetChanged}, published by scoring-service (which owns quality targets) on a compacted topic:
     * the latest record per target is its current state.
     */
    public static final String QUALITY_TARGETS = "sqp.quality-targets.v1";

    /**
     * {@link AlertRuleChanged}, published by scoring-service (which owns alert rules) on a compacted topic: the latest
     * record per rule is its current state. scoring-service's stream processing reads it whole.
     */
    public static final String ALERT_RULES = "sqp.alert-rules.v1";

    /**
     * {@link ApiKeyChanged}, published by feedback-service (which issues API keys) on a compacted topic: the latest
     * record per key is its current state. Services that accept API keys read it whole.
     */
    public static final String API_KEYS = "sqp.api-keys.v1";

    /**
     * {@link CorrectiveActionChanged}, published by complaint-service (which owns corrective actions) on a compacted
     * topic: the latest record per action is its current state. reporting-service reads it for periodic reports.
     */
    public static final String CORRECTIVE_ACTIONS = "sqp.corrective-actions.v1";

    /**
     * {@link RiskGradeChanged}, published by reporting-service (which assesses each branch's risk) when a branch's risk
     * grade changes, keyed {@code tenantId:branchId}.
     */
    public static final String RISK_GRADES = "sqp.risk-grades.v1";

    /** Suffix of the dead-letter topic that receives a topic's unprocessable records. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /**
     * The retention of the ingested event topics (feedback, interactions, complaints) unless configured otherwise
     * ({@code SQP_EVENT_RETENTION_MS}): unlimited, because they are the system of record — a rebuild recounts every
     * bucket from their beginning.
     */
    public static final long UNLIMITED_RETENTION_MS = -1;

    private static final Set<String> COMPACTED =
            Set.of(BRANCH_DIRECTORY, QUALITY_TARGETS, ALERT_RULES, API_KEYS, CORRECTIVE_ACTIONS);

    private static final Set<String> SYSTEM_OF_RECORD =
            Set.of(FEEDBACK_SUBMITTED, INTERACTION_RECORDED, COMPLAINT_CHANGED);

    private static final Map<String, Class<? extends PlatformEvent>> EVENT_TYPES = Map.ofEntries(
            Map.entry(FEEDBACK_SUBMITTED, FeedbackSubmitted.class),
            Map.entry(INTERACTION_RECORDED, InteractionRecorded.class),
            Map.entry(COMPLAINT_CHANGED, ComplaintChanged.class),
            Map.entry(METRIC_UPDATED, MetricUpdated.class),
            Map.entry(STAFF_METRIC_UPDATED, StaffMetricUpdated.class),
            Map.entry(ALERTS, AlertEvent.class),
            Map.entry(ALERT_HANDLING, AlertHandlingChanged.class),
            Map.entry(BRANCH_DIRECTORY, BranchChanged.class),
            Map.entry(QUALITY_TARGETS, QualityTargetChanged.class),
            Map.entry(ALERT_RULES, AlertRuleChanged.class),
            Map.entry(API_KEYS, ApiKeyChanged.class),
            Map.entry(RISK_GRADES, RiskGradeChanged.class),
            Map.entry(CORRECTIVE_ACTIONS, CorrectiveActionChanged.class));

    private Topics() {}

    /** Every topic of the platform (not the dead-letter topics), sorted by name. */
    public static Set<String> all() {
        return Collections.unmodifiableSet(new TreeSet<>(EVENT_TYPES.keySet()));
    }

    /**
     * The type of the records' values on a topic (for alerts, the polymorphic {@link AlertEvent}); a dead-letter topic
     * holds what its topic holds, or bytes that never were one.
     *
     * @throws IllegalArgumentException for a topic that is not one of the platform's
     */
    public static Class<? extends PlatformEvent> eventTypeOf(String topic) {
        Class<? extends PlatformEvent> type = EVENT_TYPES.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("not a topic of the platform: " + topic);
        }
        return type;
    }

    /** A compacted topic: the latest record per key is that key's current state, kept forever. */
    public static boolean isCompacted(String topic) {
        return COMPACTED.contains(topic);
    }

    /**
     * An ingested event topic, the system of record: kept for the configured event retention (by default {@link
     * #UNLIMITED_RETENTION_MS forever}), because a rebuild recounts from its beginning.
     */
    public static boolean isSystemOfRecord(String topic) {
        return SYSTEM_OF_RECORD.contains(topic);
    }

    public static String deadLetterTopicOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** {@code tenantId:branchId}, so that all events of one branch are ordered within a partition. */
    public static String recordKey(String tenantId, String branchId) {
        return tenantId + ":" + branchId;
    }
}

package io.servicequality.contracts;

import java.util.Set;

/**
 * Who writes and who reads each topic: the services as their {@code TopicDeclarations} beans declare them, kept here as
 * data so that the event catalogue ({@link EventCatalogue}) can say it. Every topic has exactly one publisher, the
 * service that owns what it carries.
 */
public enum PlatformService {
    FEEDBACK_SERVICE(
            "feedback-service",
            Set.of(Topics.FEEDBACK_SUBMITTED, Topics.INTERACTION_RECORDED, Topics.API_KEYS),
            Set.of(Topics.FEEDBACK_SUBMITTED, Topics.INTERACTION_RECORDED),
            Set.of()),
    COMPLAINT_SERVICE(
            "complaint-service",
            Set.of(Topics.COMPLAINT_CHANGED, Topics.CORRECTIVE_ACTIONS),
            // the alert, alert-handling and risk-grade topics feed the tenants' webhooks
            Set.of(Topics.COMPLAINT_CHANGED, Topics.ALERTS, Topics.ALERT_HANDLING, Topics.RISK_GRADES),
            Set.of()),
    SCORING_SERVICE(
            "scoring-service",
            Set.of(
                    Topics.METRIC_UPDATED,
                    Topics.STAFF_METRIC_UPDATED,
                    Topics.ALERTS,
                    Topics.QUALITY_TARGETS,
                    Topics.ALERT_RULES),
            Set.of(
                    Topics.FEEDBACK_SUBMITTED,
                    Topics.INTERACTION_RECORDED,
                    Topics.COMPLAINT_CHANGED,
                    Topics.BRANCH_DIRECTORY),
            Set.of(Topics.ALERT_RULES)),
    REPORTING_SERVICE(
            "reporting-service",
            Set.of(Topics.BRANCH_DIRECTORY, Topics.ALERT_HANDLING, Topics.RISK_GRADES),
            Set.of(
                    Topics.METRIC_UPDATED,
                    Topics.STAFF_METRIC_UPDATED,
                    Topics.COMPLAINT_CHANGED,
                    Topics.ALERTS,
                    Topics.QUALITY_TARGETS,
                    Topics.CORRECTIVE_ACTIONS),
            Set.of());

    /**
     * Read whole by every service, without a listener: platform-security keeps each instance's API-key registry and
     * branch regions in step with these compacted topics.
     */
    public static final Set<String> READ_BY_EVERY_SERVICE = Set.of(Topics.API_KEYS, Topics.BRANCH_DIRECTORY);

    private final String serviceName;
    private final Set<String> publishes;
    private final Set<String> consumes;
    private final Set<String> reads;

    PlatformService(String serviceName, Set<String> publishes, Set<String> consumes, Set<String> reads) {
        this.serviceName = serviceName;
        this.publishes = publishes;
        this.consumes = consumes;
        this.reads = reads;
    }

    /** As in {@code spring.application.name}. */
    public String serviceName() {
        return serviceName;
    }

    /** Topics the service writes. */
    public Set<String> publishes() {
        return publishes;
    }

    /** Topics a listener of the service consumes; what it cannot process goes to {@code <topic>.dlt}. */
    public Set<String> consumes() {
        return consumes;
    }

    /** Topics the service reads whole without a listener (a stream topology's global table). */
    public Set<String> reads() {
        return reads;
    }

    /** The one service that publishes {@code topic}. */
    public static PlatformService publisherOf(String topic) {
        for (PlatformService service : values()) {
            if (service.publishes.contains(topic)) {
                return service;
            }
        }
        throw new IllegalArgumentException("no service publishes " + topic);
    }
}

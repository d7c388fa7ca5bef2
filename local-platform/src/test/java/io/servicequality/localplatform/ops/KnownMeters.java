package io.servicequality.localplatform.ops;

import java.util.List;
import java.util.Set;

/**
 * The series the alert rules and the dashboard may use: what every service exposes on {@code /actuator/prometheus}
 * (Spring Boot's standard meters and the product's {@code sqp_*} meters, see docs/operations.md) and the series
 * Prometheus makes itself. A name outside this list is a typo or a meter nobody exposes, and a panel or rule on it
 * would stay empty for ever.
 */
final class KnownMeters {

    /** The product's meters, by the name Prometheus shows for them. */
    static final Set<String> PRODUCT = Set.of(
            "sqp_events_accepted_total",
            "sqp_events_refused_total",
            "sqp_events_rejected_total",
            "sqp_kafka_consumer_lag",
            "sqp_dead_letters_total",
            "sqp_dead_letters_pending",
            "sqp_outbox_backlog",
            "sqp_sla_timers_due",
            "sqp_sla_announced_total",
            "sqp_sla_announced_late_total",
            "sqp_live_subscribers",
            "sqp_freshness_seconds_bucket",
            "sqp_freshness_seconds_sum",
            "sqp_freshness_seconds_count");

    static final Set<String> STANDARD = Set.of(
            "http_server_requests_seconds_count",
            "http_server_requests_seconds_sum",
            "http_server_requests_seconds_bucket",
            "http_server_requests_seconds_max",
            "jvm_memory_used_bytes",
            "jvm_memory_max_bytes",
            "jvm_gc_pause_seconds_count",
            "jvm_gc_pause_seconds_sum",
            "jvm_gc_pause_seconds_max",
            "process_cpu_usage",
            "system_cpu_usage",
            "jvm_threads_live_threads",
            "mongodb_driver_commands_seconds_count",
            "mongodb_driver_commands_seconds_sum",
            "mongodb_driver_commands_seconds_max");

    /** Families whose members are named after the Kafka clients' own metrics (Micrometer's KafkaClientMetrics). */
    static final List<String> STANDARD_PREFIXES = List.of("kafka_consumer_", "kafka_producer_", "kafka_stream_");

    /** Series Prometheus writes itself: scrape health and the alerts' state. */
    static final Set<String> PROMETHEUS = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

    /** Labels the meters above carry, and those Prometheus adds. */
    static final Set<String> LABELS = Set.of(
            "application",
            "instance",
            "job",
            "type",
            "reason",
            "group",
            "topic",
            "outbox",
            "kind",
            "le",
            "uri",
            "method",
            "status",
            "outcome",
            "exception",
            "error",
            "area",
            "id",
            "command",
            "client_id",
            "partition",
            "thread_id",
            "task_id",
            "alertname",
            "alertstate",
            "severity");

    private KnownMeters() {}

    static boolean isKnown(String metric) {
        return PRODUCT.contains(metric)
                || STANDARD.contains(metric)
                || PROMETHEUS.contains(metric)
                || STANDARD_PREFIXES.stream().anyMatch(metric::startsWith);
    }

    /** The meter a series belongs to: a histogram's {@code _bucket}, {@code _sum} and {@code _count} are one. */
    static String meterOf(String metric) {
        return metric.replaceFirst("_(bucket|sum|count)$", "");
    }
}

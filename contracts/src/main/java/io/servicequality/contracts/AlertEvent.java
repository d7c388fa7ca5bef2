package io.servicequality.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * An alert episode starts with {@link AlertRaised} and ends with one {@link AlertCleared}. Both travel on
 * {@link Topics#ALERTS}, told apart by the logical {@code type} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AlertRaised.class, name = "AlertRaised"),
    @JsonSubTypes.Type(value = AlertCleared.class, name = "AlertCleared")
})
public sealed interface AlertEvent extends PlatformEvent permits AlertRaised, AlertCleared {

    /** Identifies the episode; raised and cleared share it. */
    String alertId();

    String ruleId();

    AlertScope scope();

    String metric();

    /**
     * {@code tenantId:branchId} for a branch alert; {@code tenantId:<level>:<id>} (e.g. {@code acme-bank:REGION:north},
     * {@code acme-bank:TENANT:acme-bank}) for a region or tenant alert, whose {@code branchId} is {@code null}. Either
     * way one episode's raise and clear share a key, hence a partition, and stay in order.
     */
    @Override
    default String recordKey() {
        return recordKeyOf(tenantId(), branchId(), scope());
    }

    /**
     * The record key of an event about an alert ({@link AlertEvent}, {@link AlertHandlingChanged}): {@code
     * tenantId:branchId}, or {@code tenantId:<level>:<id>} when the alert has no branch.
     */
    static String recordKeyOf(String tenantId, String branchId, AlertScope scope) {
        if (branchId == null && scope != null) {
            return tenantId + ":" + scope.level() + ":" + scope.id();
        }
        return Topics.recordKey(tenantId, branchId);
    }

    enum RuleKind {
        THRESHOLD,
        RELATIVE,
        ANOMALY
    }

    enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    /** What the alert is about: one branch, a region, or the whole tenant. */
    record AlertScope(Level level, String id) {
        public enum Level {
            BRANCH,
            REGION,
            TENANT
        }
    }

    /** The time window the observed value was computed over. */
    record AlertWindow(Instant from, Instant to) {}
}

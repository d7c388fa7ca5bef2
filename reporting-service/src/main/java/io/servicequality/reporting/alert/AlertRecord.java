package io.servicequality.reporting.alert;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertRaised;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One alert event as stored and shown; the event id is the document id, so a redelivered event is stored once.
 *
 * @param state {@code RAISED} or {@code CLEARED}
 * @param scopeLevel {@code BRANCH}, {@code REGION} or {@code TENANT}
 */
@Document("alerts")
@CompoundIndex(name = "tenant_time", def = "{'tenantId': 1, 'occurredAt': -1}")
public record AlertRecord(
        @Id String eventId,
        String tenantId,
        String branchId,
        Instant occurredAt,
        String alertId,
        String ruleId,
        String ruleKind,
        String state,
        String scopeLevel,
        String scopeId,
        String metric,
        double observedValue,
        Double threshold,
        Double baseline,
        long n,
        String severity,
        Instant windowFrom,
        Instant windowTo) {

    /** The alert as the feed and the live stream show it. */
    public static AlertRecord of(AlertEvent event) {
        if (event instanceof AlertRaised raised) {
            return of(
                    event,
                    "RAISED",
                    raised.observedValue(),
                    raised.threshold(),
                    raised.baseline(),
                    raised.n(),
                    raised.ruleKind(),
                    raised.severity(),
                    raised.window());
        }
        AlertCleared cleared = (AlertCleared) event;
        return of(
                event,
                "CLEARED",
                cleared.observedValue(),
                cleared.threshold(),
                cleared.baseline(),
                cleared.n(),
                cleared.ruleKind(),
                cleared.severity(),
                cleared.window());
    }

    private static AlertRecord of(
            AlertEvent event,
            String state,
            double observed,
            Double threshold,
            Double baseline,
            long n,
            AlertEvent.RuleKind ruleKind,
            AlertEvent.Severity severity,
            AlertEvent.AlertWindow window) {
        String kind = ruleKind == null ? null : ruleKind.name();
        Instant windowFrom = window == null ? null : window.from();
        Instant windowTo = window == null ? null : window.to();
        return new AlertRecord(
                event.eventId().toString(),
                event.tenantId(),
                event.branchId(),
                event.occurredAt(),
                event.alertId(),
                event.ruleId(),
                kind,
                state,
                event.scope() == null ? null : event.scope().level().name(),
                event.scope() == null ? null : event.scope().id(),
                event.metric(),
                observed,
                threshold,
                baseline,
                n,
                severity == null ? null : severity.name(),
                windowFrom,
                windowTo);
    }
}
